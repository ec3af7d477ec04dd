#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
const char kValues[] = "keycloak:\n  host: d.example.com\n  customHost: k.example.com\nhostgraft:\n  registry: reg-a\n";
}

TEST_CASE("5.2 oidc plugin: issuer twin allowed, introspection on K, discovery on D", "[step][5.2]") {
  std::string input =
      "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: oidc\nplugin: oidc\nconfig:\n"
      "  discovery: https://d.example.com/auth/realms/reg-a-officer-portal/.well-known/openid-configuration\n"
      "  introspection_endpoint: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/openid-connect/token/introspect\n"
      "  issuers_allowed:\n    - https://d.example.com/auth/realms/reg-a-officer-portal   # officers\n"
      "    - https://d.example.com/auth/realms/reg-a-citizen-portal\n";
  RenderExpectingDiff(kValues, input, {
            "-  introspection_endpoint: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/openid-connect/token/introspect",
            "+  introspection_endpoint: https://k.example.com/auth/realms/reg-a-officer-portal/protocol/openid-connect/token/introspect",
            "+    - https://k.example.com/auth/realms/reg-a-officer-portal",
            "+    - https://k.example.com/auth/realms/reg-a-citizen-portal",
        });
}

TEST_CASE("5.2 a plugin without issuers_allowed keeps the discovery issuer", "[step][5.2]") {
  std::string input =
      "apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: oidc\nplugin: oidc\n"
      "config:\n  discovery: https://d.example.com/auth/realms/r/.well-known/openid-configuration\n";
  Rendered r = RenderText(kValues, input);
  REQUIRE(r.ok);
  CHECK(r.out == input +
                     "  issuers_allowed:\n    - https://d.example.com/auth/realms/r\n"
                     "    - https://k.example.com/auth/realms/r\n");
}

TEST_CASE("5.2 other plugins and other discovery hosts are left alone", "[step][5.2]") {
  std::string input =
      "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: rl\nplugin: rate-limiting\n"
      "config:\n  discovery: https://d.example.com/x\n---\n"
      "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: o\nplugin: oidc\n"
      "config:\n  discovery: https://d.example.com.evil.com/x\n";
  Rendered r = RenderText(kValues, input);
  REQUIRE(r.ok);
  CHECK(r.out == input);
}
