#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

TEST_CASE("5.7 spec.hosts listing a default portal host also lists the custom host", "[step][5.7]") {
  std::string values =
      "hostgraft:\n  registry: reg-a\nportals:\n  citizen:\n    customHost: {enabled: true, host: citizen.example.com}\n";
  std::string input =
      "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: citizen\nspec:\n"
      "  hosts: [citizen-portal-reg-a.apps.example.com]\n  gateways: [main]\n---\n"
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: other\nspec:\n"
      "  hosts:\n    - other.apps.example.com\n";
  RenderExpectingDiff(values, input, {
                                      "-  hosts: [citizen-portal-reg-a.apps.example.com]",
                                      "+  hosts: [citizen-portal-reg-a.apps.example.com, citizen.example.com]",
                                  });
}

TEST_CASE("5.7 a portal this render does not deploy is a warning, not an error", "[step][5.7]") {
  std::string values = "hostgraft:\n  registry: reg-a\nportals:\n  officer:\n    customHost: {enabled: true, host: o.example.com}\n";
  std::string input = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: reg-a\n";
  Rendered r = RenderText(values, input);
  REQUIRE(r.ok);
  CHECK(r.out == input);
  CHECK(r.Errors().find("warning: the officer portal is not deployed by this render") != std::string::npos);
}
