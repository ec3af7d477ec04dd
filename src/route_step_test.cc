#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
const char kValues[] =
    "keycloak:\n  host: d.example.com\n  customHosts:\n  - host: k.example.com\n    certificatePath: kv/k\n"
    "  customHost: k.example.com\nhostgraft:\n  registry: reg-a\n  tls: {trust: bundle}\n"
    "portals:\n  officer:\n    customHost: {enabled: true, host: officer.example.com, certificatePath: kv/o}\n";

const char kInput[] =
    "---\n# Source: registry/templates/route.yaml\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n"
    "  name: officer-portal\n  namespace: reg-a\nspec:\n  host: officer-portal-reg-a.apps.example.com\n"
    "  to:\n    kind: Service\n    name: istio-ingressgateway-reg-a-main\n    weight: 100\n  port:\n"
    "    targetPort: http2\n  tls:\n    termination: edge\n";

struct Pki {
  TestCert ca = MakeCa("Route Test CA");
  TestCert inter = MakeIntermediate(ca, "Route Test Intermediate");
  TestCert k = MakeLeaf(inter, {"k.example.com"});
  TestCert o = MakeLeaf(ca, {"officer.example.com"});
};
}  // namespace

TEST_CASE("5.8 Routes for K and the portal: to/port copied, edge TLS with the chain", "[step][5.8]") {
  Pki pki;
  MemoryStore store;
  store.Put("kv/k", Fields(pki.k, pki.ca));
  store.Put("kv/o", Fields(pki.o, pki.ca));
  Rendered r = RenderText(kValues, kInput, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  REQUIRE(r.out.rfind(kInput, 0) == 0);
  std::string generated = r.out.substr(std::string(kInput).size());
  auto indent = [](const std::string& pem, const std::string& pad) {
    std::string out;
    for (size_t pos = 0, nl; pos < pem.size(); pos = nl + 1) {
      nl = pem.find('\n', pos);
      out += pad + pem.substr(pos, nl - pos + 1);
    }
    return out;
  };
  std::string officer_route =
      "---\n# Source: hostgraft/route-hostgraft-officer-example-com.yaml\napiVersion: route.openshift.io/v1\n"
      "kind: Route\nmetadata:\n  name: hostgraft-officer-example-com\n  namespace: reg-a\n  labels:\n"
      "    app.kubernetes.io/managed-by: hostgraft\nspec:\n  host: officer.example.com\n  to:\n    kind: Service\n"
      "    name: istio-ingressgateway-reg-a-main\n    weight: 100\n  port:\n    targetPort: http2\n  tls:\n"
      "    termination: edge\n    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n" +
      indent(pki.o.cert_pem, "      ") + "    key: |\n" + indent(pki.o.key_pem, "      ") + "    caCertificate: |\n" +
      indent(pki.ca.cert_pem, "      ");
  std::string keycloak_head =
      "---\n# Source: hostgraft/route-hostgraft-k-example-com.yaml\napiVersion: route.openshift.io/v1\nkind: Route\n"
      "metadata:\n  name: hostgraft-k-example-com\n  namespace: reg-a\n  labels:\n"
      "    app.kubernetes.io/managed-by: hostgraft\nspec:\n  host: k.example.com\n  to:\n    kind: Service\n"
      "    name: istio-ingressgateway-reg-a-main\n  port:\n    targetPort: http2\n  tls:\n    termination: edge\n"
      "    insecureEdgeTerminationPolicy: Redirect\n    certificate: |\n" +
      indent(pki.k.cert_pem + pki.inter.cert_pem, "      ");
  CHECK(generated.rfind(keycloak_head, 0) == 0);
  CHECK(generated.substr(generated.find("---\n# Source: hostgraft/route-hostgraft-officer")) == officer_route);
  CHECK(RenderText(kValues, r.out, &store).out == r.out);
  CHECK(store.reads["kv/k"] == 2);  // once per render above
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
  Rendered r = RenderText(kValues, kInput, &store);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == 1);
  CHECK(r.Errors().find("k.example.com") != std::string::npos);
  CHECK_FALSE(ContainsKeyMaterial(r.Errors(), pki.o.key_pem));
}

TEST_CASE("5.8 --secrets none: wiring only, a warning for each Route", "[step][5.8]") {
  Rendered r = RenderText(kValues, kInput);
  REQUIRE(r.ok);
  CHECK(r.out == kInput);
  CHECK(r.Errors().find("warning: no TLS material for Route for k.example.com (secret kv/k): --secrets none") !=
        std::string::npos);
}
