#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

const char kValues[] =
    "keycloak:\n  host: d.example.com\n  customHost: k.example.com\n"
    "hostgraft:\n  registry: reg-a\n";

const char kInput[] =
    "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: officer\n"
    "spec:\n  jwtRules:\n  # officer realm\n  - issuer: https://d.example.com/auth/realms/reg-a-officer-portal\n"
    "    jwksUri: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/openid-connect/certs\n"
    "    forwardOriginalToken: true\n    fromHeaders:\n    - name: X-Access-Token\n"
    "  - issuer: \"https://d.example.com:443/auth/realms/reg-a-admin\"\n"
    "  - issuer: https://d.example.com.evil.com/auth/realms/x\n"
    "  - issuer: https://other.example.com/auth/realms/y\n";

}  // namespace

TEST_CASE("5.1 twin rule after each rule on D, jwksUri kept on D", "[step][5.1]") {
  Rendered r = RenderText(kValues, kInput);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(LineDiff(kInput, r.out) ==
        std::vector<std::string>{
            "+  - issuer: https://k.example.com/auth/realms/reg-a-officer-portal",
            "+    jwksUri: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/openid-connect/certs",
            "+    forwardOriginalToken: true",
            "+    fromHeaders:",
            "+    - name: X-Access-Token",
            "+  - issuer: \"https://k.example.com:443/auth/realms/reg-a-admin\"",
        });
  Rendered again = RenderText(kValues, r.out);
  CHECK(again.out == r.out);
}

TEST_CASE("5.1 nothing configured, nothing changed", "[step][5.1]") {
  Rendered r = RenderText("keycloak:\n  host: d.example.com\n", kInput);
  REQUIRE(r.ok);
  CHECK(r.out == kInput);
}

TEST_CASE("5.1 matches any API version of the group, and flow style rules", "[step][5.1]") {
  std::string input =
      "{\"apiVersion\": \"security.istio.io/v1\", \"kind\": \"RequestAuthentication\", \"metadata\": {\"name\": \"a\"},\n"
      " \"spec\": {\"jwtRules\": [{\"issuer\": \"https://d.example.com/auth/realms/r\"}]}}\n";
  Rendered r = RenderText(kValues, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out ==
        "{\"apiVersion\": \"security.istio.io/v1\", \"kind\": \"RequestAuthentication\", \"metadata\": {\"name\": \"a\"},\n"
        " \"spec\": {\"jwtRules\": [{\"issuer\": \"https://d.example.com/auth/realms/r\"}, "
        "{\"issuer\": \"https://k.example.com/auth/realms/r\"}]}}\n");
}

TEST_CASE("5.1 two rules with the same issuer on D each get their own twin, a rule whose twin exists gets none",
          "[step][5.1]") {
  const std::string input =
      "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: a\nspec:\n  jwtRules:\n"
      "  - issuer: https://d.example.com/auth/realms/r\n    fromHeaders:\n    - name: X-Access-Token\n"
      "  - issuer: https://d.example.com/auth/realms/r\n    fromHeaders:\n    - name: Authorization\n"
      "  - issuer: https://d.example.com/auth/realms/done\n    forwardOriginalToken: true\n"
      "  - issuer: https://other.example.com/auth/realms/x\n"
      "  - issuer: https://k.example.com/auth/realms/done\n    forwardOriginalToken: true\n";
  Rendered r = RenderText(kValues, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  // Each copies its own rule's fields, right after it; "done" already has
  // its twin (further down), so it gets none.
  CHECK(r.out ==
        "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: a\nspec:\n  jwtRules:\n"
        "  - issuer: https://d.example.com/auth/realms/r\n    fromHeaders:\n    - name: X-Access-Token\n"
        "  - issuer: https://k.example.com/auth/realms/r\n    fromHeaders:\n    - name: X-Access-Token\n"
        "  - issuer: https://d.example.com/auth/realms/r\n    fromHeaders:\n    - name: Authorization\n"
        "  - issuer: https://k.example.com/auth/realms/r\n    fromHeaders:\n    - name: Authorization\n"
        "  - issuer: https://d.example.com/auth/realms/done\n    forwardOriginalToken: true\n"
        "  - issuer: https://other.example.com/auth/realms/x\n"
        "  - issuer: https://k.example.com/auth/realms/done\n    forwardOriginalToken: true\n");
  // A second render finds every twin and adds none.
  Rendered again = RenderText(kValues, r.out);
  INFO(again.Errors());
  CHECK(again.out == r.out);
}

TEST_CASE("5.1 a twin present for one of two rules with the same issuer: neither gets another", "[step][5.1]") {
  const std::string input =
      "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: a\nspec:\n  jwtRules:\n"
      "  - issuer: https://d.example.com/auth/realms/r\n"
      "  - issuer: https://k.example.com/auth/realms/r\n"
      "  - issuer: https://d.example.com/auth/realms/r\n";
  Rendered r = RenderText(kValues, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out == input);
}
