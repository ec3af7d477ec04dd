#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

TEST_CASE("5.5 webUrl on a default portal host moves to the custom host, path kept", "[step][5.5]") {
  std::string values =
      "hostgraft:\n  registry: reg-a\n  defaultHosts:\n    officer: officer-portal-reg-a.apps.example.com\n"
      "portals:\n  officer:\n    customHost: {enabled: true, host: officer.example.com}\n";
  std::string input =
      "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakClient\nmetadata:\n  name: redash-viewer\nspec:\n"
      "  clientId: redash-viewer\n  webUrl: https://officer-portal-reg-a.apps.example.com/reports  # viewer\n---\n"
      "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakClient\nmetadata:\n  name: other\nspec:\n"
      "  webUrl: https://citizen-portal-reg-a.apps.example.com/\n";
  RenderExpectingDiff(values, input, {
                                      "-  webUrl: https://officer-portal-reg-a.apps.example.com/reports  # viewer",
                                      "+  webUrl: https://officer.example.com/reports  # viewer",
                                  });
}
