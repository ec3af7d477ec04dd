#include <catch2/catch.hpp>

#include "render_support.h"

using namespace hostgraft::test;

namespace {

std::string KeycloakCr(const std::string& url) {
  return "apiVersion: v1.edp.epam.com/v1\nkind: Keycloak\nmetadata:\n  name: main\n  namespace: reg-a\nspec:\n  url: " +
         url + "\n";
}

std::string Realm(const std::string& name, const std::string& ns) {
  return "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakRealm\nmetadata:\n  name: r\n  namespace: " + ns +
         "\nspec:\n  realmName: " + name + "\n";
}

const char kK[] = "keycloak:\n  customHost: k.example.com\n";

}  // namespace

TEST_CASE("discovery: D from the Keycloak CR, registry from realm names", "[discovery]") {
  std::string input = KeycloakCr("https://d.example.com") + "---\n" + Realm("reg-b-officer-portal", "ns-x");
  Rendered r = RenderText(kK, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out.find("frontendUrl: https://k.example.com/auth/") != std::string::npos);
  CHECK(r.Errors().find("Route for k.example.com (secret registry-kv/cluster/domains/k.example.com)") !=
        std::string::npos);
}

TEST_CASE("discovery: two default Keycloak hosts is an error naming both and the setting", "[discovery]") {
  std::string input = KeycloakCr("https://d.example.com") +
                      "---\napiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: ra\n"
                      "spec:\n  jwtRules:\n  - issuer: https://e.example.com/auth/realms/x\n"
                      "    jwksUri: https://e.example.com/auth/realms/x/certs\n";
  Rendered r = RenderText(kK, input);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == 2);
  CHECK(r.Errors() ==
        "error: document 1 (Keycloak reg-a/main), spec.url, line 7: cannot discover the default Keycloak host: "
        "d.example.com (here) and e.example.com (document 2, RequestAuthentication ra, spec.jwtRules[0].jwksUri, "
        "line 16) disagree\n  fix: set keycloak.host in the values\n");
  // The setting settles it.
  Rendered settled = RenderText(std::string(kK) + "  host: d.example.com\nhostgraft:\n  registry: reg-a\n", input);
  CHECK(settled.ok);
}

TEST_CASE("discovery: conflicting portal hosts and registry names", "[discovery]") {
  std::string vs = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\n  namespace: reg-a\n"
                   "spec:\n  hosts:\n  - officer-portal-a.example.com\n  - officer-portal-b.example.com\n";
  Rendered r = RenderText("portals:\n  officer:\n    customHost: {enabled: true, host: o.example.com}\n", vs);
  CHECK_FALSE(r.ok);
  CHECK(r.diags.exit_code() == 2);
  CHECK(r.Errors().find("cannot discover the default officer portal host: officer-portal-a.example.com (here) and "
                        "officer-portal-b.example.com") != std::string::npos);
  CHECK(r.Errors().find("fix: set hostgraft.defaultHosts.officer in the values") != std::string::npos);

  std::string realms = Realm("reg-a-officer-portal", "reg-a") + "---\n" + Realm("reg-b-citizen-portal", "reg-a");
  r = RenderText(std::string(kK) + "  host: d.example.com\n", realms);
  CHECK_FALSE(r.ok);
  CHECK(r.Errors().find("cannot discover the registry name: reg-a (here) and reg-b") != std::string::npos);
  CHECK(r.Errors().find("fix: set hostgraft.registry in the values") != std::string::npos);
}

TEST_CASE("discovery: the registry falls back to the one namespace", "[discovery]") {
  std::string vs = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\n  namespace: reg-z\n"
                   "spec:\n  hosts:\n  - officer-portal-reg-z.example.com\n";
  Rendered r = RenderText("portals:\n  officer:\n    customHost: {enabled: true, host: o.example.com}\n", vs);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.Errors().find("registry-kv/registry/reg-z/domains/officer-portal/o.example.com") != std::string::npos);
}
