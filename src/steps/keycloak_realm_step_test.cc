#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
const char kValues[] = "keycloak:\n  host: d.example.com\n  customHost: k.example.com\nhostgraft:\n  registry: reg-a\n";

std::string Realm(const std::string& name, const std::string& extra = "") {
  return "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakRealm\nmetadata:\n  name: " + name + "\nspec:\n  realmName: " +
         name + "\n  keycloakOwner: main\n" + extra;
}
}  // namespace

TEST_CASE("5.4 frontend realms get frontendUrl on K, others do not", "[step][5.4]") {
  std::string input = Realm("reg-a-officer-portal") + "---\n" + Realm("reg-a-admin") + "---\n" +
                      Realm("reg-a-citizen-portal", "  frontendUrl: 'https://d.example.com/auth/'\n");
  RenderExpectingDiff(kValues, input, {
                                      "+  frontendUrl: https://k.example.com/auth/",
                                      "-  frontendUrl: 'https://d.example.com/auth/'",
                                      "+  frontendUrl: 'https://k.example.com/auth/'",
                                  });
}

TEST_CASE("5.4 v1alpha1 realms count too", "[step][5.4]") {
  std::string input = Realm("reg-a-officer-portal");
  input.replace(input.find("v1.edp.epam.com/v1"), 18, "v1.edp.epam.com/v1alpha1");
  Rendered r = RenderText(kValues, input);
  REQUIRE(r.ok);
  CHECK(r.out == input + "  frontendUrl: https://k.example.com/auth/\n");
}
