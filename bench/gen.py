#!/usr/bin/env python3
"""Generates the benchmark inputs (deterministic: the same bytes every run).

Usage: gen.py --out DIR [--sizes 400 4000 40000]

For each size N it writes DIR/N/ with
  stream.yaml          N documents of registry reg-a, 1% of them touched by a
                       step (VirtualServices and Gateways listing the default
                       officer portal host, RequestAuthentications whose
                       issuers are on the default Keycloak host D); the rest
                       are Services, ServiceAccounts, ConfigMaps (some with
                       big data), Deployments and CRDs with deep schemas
  untouched.yaml       N documents no step touches (for throughput)
  kustomization.yaml   `kubectl kustomize DIR/N` over stream.yaml with one
  patch.yaml           strategic-merge patch making one of hostgraft's edits
and DIR/registry/ with the same kustomize pair over
testdata/registry/helm3.yaml. The values are testdata/registry/values-*.yaml
(D, custom hosts, registry reg-a) for every input.
"""

import argparse
import os
import random
import shutil

SEED = 20260601
NS = "reg-a"
D = "platform-keycloak.apps.cluster.example.com"
OFFICER = "officer-portal-reg-a.apps.cluster.example.com"
CITIZEN = "citizen-portal-reg-a.apps.cluster.example.com"
CUSTOM_OFFICER = "officer.example.com"
HERE = os.path.dirname(os.path.abspath(__file__))
REGISTRY = os.path.join(HERE, "..", "testdata", "registry", "helm3.yaml")

WORDS = ("alpha beta gamma delta registry portal officer citizen kafka redis postgres "
         "ceph bucket worker queue export import report signer digital document").split()


def labels(rng, name, indent):
    pad = " " * indent
    return f"{pad}app.kubernetes.io/name: {name}\n{pad}helm.sh/chart: registry-1.9.{rng.randrange(10)}\n"


def header(path, api, kind, name, rng, extra_meta=""):
    return (f"---\n# Source: registry/templates/{path}\napiVersion: {api}\nkind: {kind}\nmetadata:\n"
            f"  name: {name}\n  namespace: {NS}\n  labels:\n{labels(rng, name, 4)}{extra_meta}")


def service(i, rng):
    name = f"svc-{i}"
    return header("services/service.yaml", "v1", "Service", name, rng) + (
        f"spec:\n  type: ClusterIP\n  ports:\n    - name: http\n      port: {rng.randrange(1000, 9000)}\n"
        f"      targetPort: http\n      protocol: TCP\n  selector:\n    app.kubernetes.io/name: {name}\n"
        f"    app.kubernetes.io/instance: {NS}\n")


def service_account(i, rng):
    return header("rbac/serviceaccount.yaml", "v1", "ServiceAccount", f"sa-{i}", rng) + \
        "automountServiceAccountToken: false\n"


def config_map(i, rng, big):
    name = f"cm-{i}"
    out = header("config/configmap.yaml", "v1", "ConfigMap", name, rng) + "data:\n"
    if not big:
        for k in range(3):
            out += f"  {rng.choice(WORDS)}.{k}: \"{rng.choice(WORDS)}-{rng.randrange(10**6)}\"\n"
        return out
    # A literal block of properties, as charts ship application config.
    out += "  application.yaml: |\n"
    for k in range(36):
        out += f"    {rng.choice(WORDS)}.{rng.choice(WORDS)}.{k}: {rng.choice(WORDS)}-{rng.randrange(10**9)}\n"
    out += "  logback.xml: |\n    <configuration>\n"
    for k in range(12):
        out += f"      <logger name=\"ua.gov.{rng.choice(WORDS)}.{k}\" level=\"INFO\"/>\n"
    return out + "    </configuration>\n"


def deployment(i, rng):
    name = f"deploy-{i}"
    env = "".join(f"            - name: {rng.choice(WORDS).upper()}_{k}\n              value: \"{rng.randrange(10**6)}\"\n"
                  for k in range(3))
    return header("apps/deployment.yaml", "apps/v1", "Deployment", name, rng) + (
        f"spec:\n  replicas: {rng.randrange(1, 4)}\n  selector:\n    matchLabels:\n"
        f"      app.kubernetes.io/name: {name}\n  template:\n    metadata:\n      labels:\n{labels(rng, name, 8)}"
        f"    spec:\n      serviceAccountName: sa-{i}\n      containers:\n        - name: {name}\n"
        f"          image: \"registry.example.com/{rng.choice(WORDS)}:{rng.randrange(100)}.{rng.randrange(100)}\"\n"
        f"          ports:\n            - name: http\n              containerPort: 8080\n              protocol: TCP\n"
        f"          env:\n{env}          resources:\n            requests:\n              cpu: 100m\n"
        f"              memory: 256Mi\n")


def schema(rng, depth, indent):
    pad = " " * indent
    if depth == 0:
        return f"{pad}type: {rng.choice(['string', 'integer', 'boolean'])}\n{pad}description: {rng.choice(WORDS)} value\n"
    out = f"{pad}type: object\n{pad}properties:\n"
    for k in range(2):
        out += f"{pad}  {rng.choice(WORDS)}{k}:\n" + schema(rng, depth - 1, indent + 4)
    return out


def crd(i, rng):
    group = f"{rng.choice(WORDS)}.example.com"
    name = f"things{i}.{group}"
    return (f"---\n# Source: registry/crds/crd-{i}.yaml\napiVersion: apiextensions.k8s.io/v1\n"
            f"kind: CustomResourceDefinition\nmetadata:\n  name: {name}\nspec:\n  group: {group}\n"
            f"  names:\n    kind: Thing{i}\n    plural: things{i}\n  scope: Namespaced\n  versions:\n"
            f"    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n"
            + schema(rng, 4, 10))


def virtual_service(i, rng):
    name = f"vs-{i}"
    return header("istio/virtualservice.yaml", "networking.istio.io/v1beta1", "VirtualService", name, rng) + (
        f"spec:\n  gateways:\n    - gateway\n  hosts:\n    - {OFFICER}\n  http:\n    - match:\n        - uri:\n"
        f"            prefix: /{rng.choice(WORDS)}\n      route:\n        - destination:\n            host: svc-{i}\n"
        f"            port:\n              number: 8080\n")


def gateway(i, rng):
    return header("istio/gateway.yaml", "networking.istio.io/v1beta1", "Gateway", f"gw-{i}", rng) + (
        f"spec:\n  selector:\n    istio: istio-ingressgateway-{NS}-main\n  servers:\n    - hosts:\n"
        f"        - {OFFICER}\n        - {CITIZEN}\n      port:\n        name: http2\n        number: 80\n"
        f"        protocol: HTTP2\n")


def request_authentication(i, rng):
    realm = f"{NS}-officer-portal"
    return header("istio/request-authentication.yaml", "security.istio.io/v1", "RequestAuthentication", f"ra-{i}",
                  rng) + (
        f"spec:\n  selector:\n    matchLabels:\n      app: svc-{i}\n  jwtRules:\n"
        f"    - issuer: https://{D}/auth/realms/{realm}\n"
        f"      jwksUri: https://{D}/auth/realms/{realm}/protocol/openid-connect/certs\n"
        f"      forwardOriginalToken: true\n")


UNRELATED = [(service, 20), (service_account, 40), (lambda i, r: config_map(i, r, False), 30),
             (deployment, 6), (lambda i, r: config_map(i, r, True), 2.5), (crd, 1)]
TOUCHED = [virtual_service, gateway, request_authentication]


def stream(n, touched):
    """n documents; every 100th is touched when `touched` (1%)."""
    rng = random.Random(SEED + n)
    makers = [m for m, _ in UNRELATED]
    weights = [w for _, w in UNRELATED]
    docs = []
    for i in range(n):
        if touched and i % 100 == 50:
            docs.append(TOUCHED[(i // 100) % len(TOUCHED)](i, rng))
        else:
            docs.append(rng.choices(makers, weights)[0](i, rng))
    return "".join(docs)


def kustomization(out_dir, resource, patch):
    with open(os.path.join(out_dir, "kustomization.yaml"), "w") as f:
        f.write(f"resources:\n  - {resource}\npatches:\n  - path: patch.yaml\n")
    with open(os.path.join(out_dir, "patch.yaml"), "w") as f:
        f.write(patch)


def vs_patch(name, hosts):
    items = "".join(f"    - {h}\n" for h in hosts)
    return (f"apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: {name}\n"
            f"  namespace: {NS}\nspec:\n  hosts:\n{items}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[400, 4000, 40000])
    args = p.parse_args()
    registry = os.path.join(args.out, "registry")
    os.makedirs(registry, exist_ok=True)
    shutil.copyfile(REGISTRY, os.path.join(registry, "stream.yaml"))
    kustomization(registry, "stream.yaml", vs_patch("officer-portal", [OFFICER, CUSTOM_OFFICER]))
    for n in args.sizes:
        d = os.path.join(args.out, str(n))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "stream.yaml"), "w") as f:
            f.write(stream(n, True))
        with open(os.path.join(d, "untouched.yaml"), "w") as f:
            f.write(stream(n, False))
        kustomization(d, "stream.yaml", vs_patch("vs-50", [OFFICER, CUSTOM_OFFICER]))


if __name__ == "__main__":
    main()
