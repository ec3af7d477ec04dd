#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
// keycloak.customHosts lists k.example.com and `more_hosts`; the registry chose k.example.com.
std::string Values(const std::string& generate, const std::string& more_hosts = "") {
  return "keycloak:\n  host: d.example.com\n  customHosts:\n  - host: k.example.com\n    certificatePath: kv/k\n" +
         more_hosts + "  customHost: k.example.com\nhostgraft:\n  registry: reg-a\n  generate: " +
         generate + "\n  tls: {trust: bundle}\nportals:\n  officer:\n"
         "    customHost: {enabled: true, host: officer.example.com, certificatePath: kv/o}\n";
}
const std::string kValues = Values("auto");

// The registry's release: the Route serving the default officer host, none for D.
const char kInput[] =
    "---\n# Source: registry/templates/route.yaml\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n"
    "  name: officer-portal\n  namespace: reg-a\nspec:\n  host: officer-portal-reg-a.apps.example.com\n"
    "  to:\n    kind: Service\n    name: istio-ingressgateway-reg-a-main\n    weight: 100\n  port:\n"
    "    targetPort: http2\n  tls:\n    termination: edge\n";

// The platform's Keycloak release: the Route serving D.
const char kKeycloakRoute[] =
    "---\n# Source: keycloak/templates/route.yaml\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n"
    "  name: keycloak\n  namespace: user-management\nspec:\n  host: d.example.com\n  to:\n    kind: Service\n"
    "    name: keycloak\n  port:\n    targetPort: https\n  tls:\n    termination: reencrypt\n";

std::string Indent(const std::string& pem, const std::string& pad) {
  std::string out;
  for (size_t pos = 0, nl; pos < pem.size(); pos = nl + 1) {
    nl = pem.find('\n', pos);
    out += pad + pem.substr(pos, nl - pos + 1);
  }
  return out;
}

// The names of the generated documents.
std::vector<std::string> Generated(const Rendered& r) {
  std::vector<std::string> out;
  for (const hostgraft::GeneratedDocument& g : r.result.generated) out.push_back(g.kind + " " + g.name);
  return out;
}

struct Pki {
  TestCert ca = MakeCa("Route Test CA");
  TestCert inter = MakeIntermediate(ca, "Route Test Intermediate");
  TestCert k = MakeLeaf(inter, {"k.example.com"});
  TestCert o = MakeLeaf(ca, {"officer.example.com"});
};
}  // namespace

TEST_CASE("5.8 route step: the portal Route where its anchor is, to/port copied, edge TLS", "[step][5.8]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered r = RenderText(kValues, kInput, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  REQUIRE(r.out.rfind(kInput, 0) == 0);
  std::string officer_route =
      "---\n# Source: hostgraft/route-hostgraft-officer-example-com.yaml\napiVersion: route.openshift.io/v1\n"
      "kind: Route\nmetadata:\n  name: hostgraft-officer-example-com\n  namespace: reg-a\n  labels:\n"
      "    app.kubernetes.io/managed-by: hostgraft\nspec:\n  host: officer.example.com\n  to:\n    kind: Service\n"
      "    name: istio-ingressgateway-reg-a-main\n    weight: 100\n  port:\n    targetPort: http2\n  tls:\n"
      "    termination: edge\n    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n" +
      Indent(pki.o.cert_pem, "      ") + "    key: |\n" + Indent(pki.o.key_pem, "      ") + "    caCertificate: |\n" +
      Indent(pki.ca.cert_pem, "      ");
  // No Route serves D here: the Keycloak Route is the platform release's, its certificate not read.
  CHECK(r.out.substr(std::string(kInput).size()) == officer_route);
  CHECK(store.reads.count("kv/k") == 0);
  CHECK(RenderText(kValues, r.out, &store).out == r.out);
}

TEST_CASE("5.8 route step: the Keycloak Route in the release that serves D, to/port and namespace from its Route",
          "[step][5.8][5.12]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered r = RenderText(kValues, kKeycloakRoute, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out == std::string(kKeycloakRoute) +
                     "---\n# Source: hostgraft/route-hostgraft-k-example-com.yaml\napiVersion: route.openshift.io/v1\n"
                     "kind: Route\nmetadata:\n  name: hostgraft-k-example-com\n  namespace: user-management\n"
                     "  labels:\n    app.kubernetes.io/managed-by: hostgraft\nspec:\n  host: k.example.com\n  to:\n"
                     "    kind: Service\n    name: keycloak\n  port:\n    targetPort: https\n  tls:\n"
                     "    termination: edge\n    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n" +
                     Indent(pki.k.cert_pem + pki.inter.cert_pem, "      ") + "    key: |\n" +
                     Indent(pki.k.key_pem, "      ") + "    caCertificate: |\n" + Indent(pki.ca.cert_pem, "      "));
  // The officer portal is not deployed here (a warning), so nothing of it is read.
  CHECK(store.reads.count("kv/o") == 0);
  CHECK(store.reads["kv/k"] == 1);
}

TEST_CASE("5.12 route step: two releases with the same values, each generates what it anchors",
          "[step][5.8][5.12]") {
  Pki pki;
  TestCert k2 = MakeLeaf(pki.ca, {"login.example.org"});
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  store.Put("kv/k2", Fields(k2, pki.ca));
  const std::string values = Values("auto", "  - {host: login.example.org, certificatePath: kv/k2}\n");
  const std::string unrelated =
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: monitoring\n  namespace: openshift-monitoring\n"
      "data:\n  url: https://d.example.com/auth/\n";
  std::vector<std::string> all;
  for (const std::string& release : {std::string(kInput), std::string(kKeycloakRoute), unrelated}) {
    Rendered r = RenderText(values, release, &store);
    INFO(r.Errors());
    REQUIRE(r.ok);
    for (const std::string& g : Generated(r)) all.push_back(g);
  }
  // Each Route exactly once over the platform: Helm's ownership check passes.
  CHECK(all == std::vector<std::string>{"Route hostgraft-officer-example-com", "Route hostgraft-k-example-com",
                                        "Route hostgraft-login-example-org"});
  CHECK(store.reads == std::map<std::string, int>{{"kv/k", 1}, {"kv/k2", 1}, {"kv/o", 1}});
}

TEST_CASE("5.12 route step: generate always needs no anchor and takes to/port from tls.route", "[step][5.8][5.12]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered r = RenderText(Values("always"), kInput, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(Generated(r) == std::vector<std::string>{"Route hostgraft-k-example-com", "Route hostgraft-officer-example-com"});
  std::string generated = r.out.substr(std::string(kInput).size());
  std::string keycloak_head =
      "---\n# Source: hostgraft/route-hostgraft-k-example-com.yaml\napiVersion: route.openshift.io/v1\nkind: Route\n"
      "metadata:\n  name: hostgraft-k-example-com\n  namespace: reg-a\n  labels:\n"
      "    app.kubernetes.io/managed-by: hostgraft\nspec:\n  host: k.example.com\n  to:\n    kind: Service\n"
      "    name: istio-ingressgateway-reg-a-main\n  port:\n    targetPort: http2\n  tls:\n    termination: edge\n"
      "    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n" +
      Indent(pki.k.cert_pem + pki.inter.cert_pem, "      ");
  CHECK(generated.rfind(keycloak_head, 0) == 0);
  CHECK(RenderText(Values("always"), r.out, &store).out == r.out);
}

TEST_CASE("5.12 route step: generate never generates nothing but still fills an existing Route",
          "[step][5.8][5.12]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered nothing = RenderText(Values("never"), std::string(kInput) + kKeycloakRoute, &store);
  INFO(nothing.Errors());
  REQUIRE(nothing.ok);
  CHECK(nothing.out == std::string(kInput) + kKeycloakRoute);
  CHECK(store.reads.empty());

  std::string mine = "---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: mine\nspec:\n"
                     "  host: officer.example.com\n  tls:\n    termination: reencrypt\n";
  Rendered filled = RenderText(Values("never"), std::string(kInput) + mine, &store);
  INFO(filled.Errors());
  REQUIRE(filled.ok);
  CHECK(Generated(filled).empty());
  CHECK(filled.out.find("    termination: reencrypt\n    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n") !=
        std::string::npos);
  CHECK(store.reads == std::map<std::string, int>{{"kv/o", 1}});
}

TEST_CASE("5.8 an existing Route for the custom host gets its TLS filled", "[step][5.8]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  std::string input = std::string(kInput) +
                      "---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: mine\nspec:\n"
                      "  host: officer.example.com\n  tls:\n    termination: reencrypt\n";
  Rendered r = RenderText(kValues, input, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out.find("route-hostgraft-officer-example-com") == std::string::npos);
  CHECK(r.out.find("    termination: reencrypt\n    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n") !=
        std::string::npos);
}

TEST_CASE("5.8 refused certificates stop the run with nothing written", "[step][5.8]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.o, pki.ca));  // the officer certificate for K: wrong host
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered r = RenderText(kValues, std::string(kInput) + kKeycloakRoute, &store);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == 1);
  CHECK(r.Errors().find("k.example.com") != std::string::npos);
  CHECK_FALSE(ContainsKeyMaterial(r.Errors(), pki.o.key_pem));
}

TEST_CASE("5.8 --secrets none: wiring only, a warning for each Route this release would generate", "[step][5.8]") {
  const std::string input = std::string(kInput) + kKeycloakRoute;
  Rendered r = RenderText(kValues, input);
  REQUIRE(r.ok);
  CHECK(r.out == input);
  CHECK(r.Errors().find("warning: no TLS material for Route for k.example.com (secret kv/k): --secrets none") !=
        std::string::npos);
  CHECK(r.Errors().find("warning: no TLS material for Route for officer.example.com (secret kv/o): --secrets none") !=
        std::string::npos);
  CHECK(RenderText(kValues, kKeycloakRoute).Errors().find("officer.example.com (secret") == std::string::npos);
}
