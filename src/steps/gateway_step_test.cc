#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
const char kPortals[] =
    "hostgraft:\n  registry: reg-a\n  defaultHosts: {officer: officer-portal-reg-a.apps.example.com, "
    "citizen: citizen-portal-reg-a.apps.example.com}\n"
    "portals:\n  officer:\n    customHost: {enabled: true, host: officer.example.com}\n"
    "  citizen:\n    customDns: {enabled: true, host: citizen.example.com}\n";

const char kGateway[] =
    "apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: main\n  namespace: reg-a\nspec:\n"
    "  selector:\n    istio: ingressgateway\n  servers:\n  - hosts:\n    - officer-portal-reg-a.apps.example.com\n"
    "    - reg-a/citizen-portal-reg-a.apps.example.com\n    port:\n      name: http\n      number: 80\n"
    "      protocol: HTTP\n";
}  // namespace

TEST_CASE("5.6 servers listing a default portal host also list the custom host", "[step][5.6]") {
  RenderExpectingDiff(kPortals, kGateway, {
                                         "+    - officer.example.com",
                                         "+    - reg-a/citizen.example.com",
                                     });
}

TEST_CASE("5.6 delivery secret adds an HTTPS server naming the generated Secret", "[step][5.6][5.9]") {
  TestCert ca = MakeCa("Gateway Test CA");
  TestCert officer = MakeLeaf(ca, {"officer.example.com"});
  MemoryStore store;
  store.Put("registry-kv/registry/reg-a/domains/officer-portal/officer.example.com", Fields(officer, ca));
  std::string values =
      "hostgraft:\n  registry: reg-a\n  defaultHosts: {officer: officer-portal-reg-a.apps.example.com}\n"
      "  tls:\n    delivery: secret\n    trust: bundle\n"
      "portals:\n  officer:\n    customHost: {enabled: true, host: officer.example.com}\n";
  Rendered r = RenderText(values, kGateway, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  std::string gateway = r.out.substr(0, r.out.find("---\n# Source: hostgraft/"));
  CHECK(LineDiff(kGateway, gateway) == std::vector<std::string>{
                                           "+    - officer.example.com",
                                           "+  - hosts:",
                                           "+    - officer.example.com",
                                           "+    port:",
                                           "+      name: https-officer-example-com",
                                           "+      number: 443",
                                           "+      protocol: HTTPS",
                                           "+    tls:",
                                           "+      mode: SIMPLE",
                                           "+      credentialName: hostgraft-officer-example-com",
                                       });
  CHECK(r.out.find("# Source: hostgraft/secret-hostgraft-officer-example-com.yaml\napiVersion: v1\nkind: Secret\n"
                   "metadata:\n  name: hostgraft-officer-example-com\n  namespace: reg-a\n") != std::string::npos);
  CHECK(RenderText(values, r.out, &store).out == r.out);
}
