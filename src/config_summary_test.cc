#include "config_summary.h"

#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

// The summary lines of a render (-v): what is configured, and the outcome.
std::string Summary(const Rendered& r) { return r.Only(Severity::kInfo, {"configured: ", "this stream: ", "nothing "}); }

const char kUnrelated[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: apps\ndata: {a: b}\n";

}  // namespace

TEST_CASE("summary: each configured host with the key it came from, and what the render did", "[summary][2.1]") {
  const std::string values =
      "keycloak: {host: d.example.com, customHost: k.example.com}\n"
      "portals: {officer: {customHost: {host: o.example.com}}, citizen: {customDns: {host: c.example.com}}}\n"
      "hostgraft: {defaultHosts: {officer: officer-portal.apps.example.com}}\n";
  const std::string input =
      "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakRealm\nmetadata: {name: r, namespace: reg-a}\n"
      "spec: {realmName: reg-a-officer-portal, frontendUrl: 'https://d.example.com/auth/'}\n";
  Rendered r = RenderText(values, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(Summary(r) ==
        "info: configured: custom Keycloak host k.example.com (keycloak.customHost) for the default host "
        "d.example.com (keycloak.host)\n"
        "info: configured: officer portal host o.example.com (portals.officer.customHost.host) for the default host "
        "officer-portal.apps.example.com (hostgraft.defaultHosts.officer)\n"
        "info: configured: citizen portal host c.example.com (portals.citizen.customDns.host) for the default host "
        "(none found in this stream)\n"
        "info: this stream: 1 change(s) in 1 document(s), 0 object(s) generated\n");
}

TEST_CASE("summary: values that concern nothing in the stream say so", "[summary][2.1]") {
  Rendered r = RenderText("keycloak: {host: d.example.com, customHost: k.example.com}\n", kUnrelated);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out == kUnrelated);
  CHECK(Summary(r) ==
        "info: configured: custom Keycloak host k.example.com (keycloak.customHost) for the default host "
        "d.example.com (keycloak.host)\n"
        "info: nothing in this stream concerns the configured hosts: no document is changed and nothing is "
        "generated\n");
}

TEST_CASE("summary: a stream grafted before carries the hosts already", "[summary][2.1]") {
  const std::string values = "keycloak: {host: d.example.com, customHost: k.example.com}\n";
  const std::string input =
      "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakRealm\nmetadata: {name: r, namespace: reg-a}\n"
      "spec: {realmName: reg-a-officer-portal, frontendUrl: 'https://d.example.com/auth/'}\n";
  Rendered once = RenderText(values, input);
  REQUIRE(once.ok);
  Rendered twice = RenderText(values, once.out);
  REQUIRE(twice.ok);
  CHECK(Summary(twice) ==
        "info: configured: custom Keycloak host k.example.com (keycloak.customHost) for the default host "
        "d.example.com (keycloak.host)\n"
        "info: nothing left to change: this stream already carries k.example.com\n");
}

TEST_CASE("summary: values without a custom host say that nothing is grafted", "[summary][2.1]") {
  Rendered r = RenderText("keycloak: {host: d.example.com}\n", kUnrelated);
  REQUIRE(r.ok);
  CHECK(Summary(r) ==
        "info: configured: no custom host (none of keycloak.customHost, keycloak.customHosts, portals.*.customHost, "
        "hostgraft.ics.customHost is set): nothing is grafted\n");
}

TEST_CASE("summary: the platform's list of Keycloak hosts", "[summary][2.1]") {
  Rendered r = RenderText(ReadFile(Source("testdata/registry/values-platform.yaml")), kUnrelated);
  REQUIRE(r.ok);
  CHECK(Summary(r) ==
        "info: configured: Keycloak hosts offered by the platform (keycloak.customHosts): keycloak.example.com, "
        "login.example.org\n"
        "info: nothing in this stream concerns the configured hosts: no document is changed and nothing is "
        "generated\n");
}
