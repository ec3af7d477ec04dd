#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
std::string Values(const std::string& extra_tls = "", const std::string& generate = "auto") {
  return "keycloak:\n  host: d.example.com\n  customHosts:\n  - host: k.example.com\n    certificatePath: kv/k\n"
         "  customHost: k.example.com\nportals:\n  officer:\n"
         "    customHost: {enabled: true, host: officer.example.com, certificatePath: kv/o}\n"
         "hostgraft:\n  registry: reg-a\n  generate: " +
         generate + "\n  tls: {delivery: secret, trust: bundle" + extra_tls + "}\n";
}

// A Gateway that only mentions D outside its servers' hosts (the old
// substring match took its namespace), the registry's Gateway for the
// officer portal, and the Gateway serving D in another namespace.
const char kDecoy[] =
    "---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: decoy\n  namespace: decoy\n"
    "  annotations:\n    note: the old login on d.example.com moved\nspec:\n  servers:\n  - hosts:\n"
    "    - other.example.com\n    port: {number: 80, name: http, protocol: HTTP}\n";
const char kRegistryGateway[] =
    "---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: gateway\n"
    "  namespace: reg-a-ingress\nspec:\n  servers:\n  - hosts:\n    - officer-portal-reg-a.apps.example.com\n"
    "    port: {number: 80, name: http, protocol: HTTP}\n";
const char kKeycloakGateway[] =
    "---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: keycloak\n"
    "  namespace: user-management\nspec:\n  servers:\n  - hosts:\n    - user-management/d.example.com\n"
    "    port: {number: 443, name: https, protocol: HTTPS}\n    tls: {mode: SIMPLE, credentialName: keycloak-tls}\n";

struct Pki {
  TestCert ca = MakeCa("Secret Test CA");
  TestCert k = MakeLeaf(ca, {"k.example.com"});
  TestCert o = MakeLeaf(ca, {"officer.example.com"});
};

struct Store : MemoryStore {
  explicit Store(const Pki& pki) {
    Put("kv/k", Fields(pki.k, pki.ca));
    Put("kv/o", Fields(pki.o, pki.ca));
  }
};

// "Secret <namespace>/<name>" of each generated document.
std::vector<std::string> Generated(const Rendered& r) {
  std::vector<std::string> out;
  for (const hostgraft::GeneratedDocument& g : r.result.generated) {
    std::string ns;
    for (const auto& [key, meta] : g.body.entries)
      if (key == "metadata")
        for (const auto& [field, value] : meta.entries)
          if (field == "namespace") ns = value.str;
    out.push_back(g.kind + " " + ns + "/" + g.name);
  }
  return out;
}

std::string SecretText(const std::string& name, const std::string& ns, const TestCert& leaf, const TestCert& ca) {
  return "---\n# Source: hostgraft/secret-" + name + ".yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name +
         "\n  namespace: " + ns + "\n  labels:\n    app.kubernetes.io/managed-by: hostgraft\ntype: kubernetes.io/tls\n"
         "data:\n  tls.crt: " + Base64(leaf.cert_pem) + "\n  tls.key: " + Base64(leaf.key_pem) +
         "\n  ca.crt: " + Base64(ca.cert_pem) + "\n";
}
}  // namespace

TEST_CASE("5.9 tls-secret step: each Secret in the namespace of the Gateway listing its default host",
          "[step][5.9]") {
  Pki pki;
  Store store(pki);
  std::string input = std::string(kDecoy) + kRegistryGateway + kKeycloakGateway;
  Rendered r = RenderText(Values(), input, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(Generated(r) == std::vector<std::string>{"Secret user-management/hostgraft-k-example-com",
                                                 "Secret reg-a-ingress/hostgraft-officer-example-com"});
  std::string tail = r.out.substr(r.out.find("---\n# Source: hostgraft/"));
  CHECK(tail == SecretText("hostgraft-k-example-com", "user-management", pki.k, pki.ca) +
                    SecretText("hostgraft-officer-example-com", "reg-a-ingress", pki.o, pki.ca));
  CHECK(RenderText(Values(), r.out, &store).out == r.out);
}

TEST_CASE("5.9 tls-secret step: tls.secretNamespace overrides the Gateway's namespace", "[step][5.9]") {
  Pki pki;
  Store store(pki);
  Rendered r = RenderText(Values(", secretNamespace: istio-system"), std::string(kRegistryGateway) + kKeycloakGateway,
                          &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(Generated(r) == std::vector<std::string>{"Secret istio-system/hostgraft-k-example-com",
                                                 "Secret istio-system/hostgraft-officer-example-com"});
}

TEST_CASE("5.12 tls-secret step: without a Gateway listing the default host, no Secret and no secret read",
          "[step][5.9][5.12]") {
  Pki pki;
  Store store(pki);
  // A registry release: its Gateway serves the officer portal, not D.
  Rendered r = RenderText(Values(), std::string(kDecoy) + kRegistryGateway, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(Generated(r) == std::vector<std::string>{"Secret reg-a-ingress/hostgraft-officer-example-com"});
  CHECK(store.reads.count("kv/k") == 0);

  // An unrelated release: nothing to anchor, nothing read at all.
  Store unrelated_store(pki);
  Rendered unrelated = RenderText(Values(), kDecoy, &unrelated_store);
  INFO(unrelated.Errors());
  REQUIRE(unrelated.ok);
  CHECK(unrelated.out == kDecoy);
  CHECK(unrelated_store.reads.empty());

  // generate: always needs no anchor; the registry's namespace then.
  Store always_store(pki);
  Rendered always = RenderText(Values("", "always"), kDecoy, &always_store);
  INFO(always.Errors());
  REQUIRE(always.ok);
  CHECK(Generated(always) == std::vector<std::string>{"Secret reg-a/hostgraft-k-example-com"});

  // generate: never generates nothing, anchor or not.
  Store never_store(pki);
  Rendered never = RenderText(Values("", "never"), std::string(kRegistryGateway) + kKeycloakGateway, &never_store);
  INFO(never.Errors());
  REQUIRE(never.ok);
  CHECK(Generated(never).empty());
  CHECK(never_store.reads.empty());
}

TEST_CASE("5.9 tls-secret step: an existing Secret is refreshed, not generated again", "[step][5.9]") {
  Pki pki;
  Store store(pki);
  // The release holds the Secret (an earlier render's output), not the anchor.
  const std::string input =
      "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: hostgraft-k-example-com\n  namespace: user-management\n"
      "type: kubernetes.io/tls\ndata:\n  tls.crt: c3RhbGU=\n  tls.key: " +
      Base64(pki.k.key_pem) + "\n";
  for (const char* generate : {"auto", "never"}) {
    INFO(generate);
    Rendered r = RenderText(Values("", generate), input, &store);
    INFO(r.Errors());
    REQUIRE(r.ok);
    CHECK(Generated(r).empty());
    CHECK(LineDiff(input, r.out) == std::vector<std::string>{"-  tls.crt: c3RhbGU=", "+  tls.crt: " + Base64(pki.k.cert_pem),
                                                             "+  ca.crt: " + Base64(pki.ca.cert_pem)});
  }
  CHECK(store.reads["kv/k"] == 2);
  CHECK(store.reads.count("kv/o") == 0);
}
