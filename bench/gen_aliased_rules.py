# One RequestAuthentication with N jwtRules, each anchored (&rI) and aliased
# once under spec.copies (*rI): every rule is refused as shared, which must
# cost linear time (bench/RESULTS.md, "Twin rules, issue 15").
import sys
n = int(sys.argv[1])
D = "platform-keycloak.apps.cluster.example.com"
out = ["apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: ra-big\n  namespace: reg-a\n"
       "spec:\n  jwtRules:\n"]
for i in range(n):
    out.append(f"    - &r{i}\n      issuer: https://{D}/auth/realms/realm-{i}\n")
out.append("  copies:\n")
for i in range(n):
    out.append(f"    - *r{i}\n")
sys.stdout.write("".join(out))
