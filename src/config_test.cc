#include "config.h"

#include <catch2/catch.hpp>

namespace hostgraft {
namespace {

TEST_CASE("ExpandTemplate fills known placeholders once and leaves the rest", "[config]") {
  CHECK(ExpandTemplate("registry-kv/registry/{registry}/domains/{portal}-portal/{host}",
                       {{"registry", "reg-a"}, {"portal", "officer"}, {"host", "o.example.com"}}) ==
        "registry-kv/registry/reg-a/domains/officer-portal/o.example.com");
  CHECK(ExpandTemplate("a/{host}/{other}/{host}", {{"host", "{registry}"}, {"registry", "r"}}) ==
        "a/{registry}/{other}/{registry}");
  CHECK(ExpandTemplate("a/{{host}}/{", {{"host", "h"}}) == "a/{h}/{");
  CHECK(ExpandTemplate("plain", {}) == "plain");
}

TEST_CASE("the custom Keycloak host is K unless it equals the default host", "[config]") {
  Config config;
  config.keycloak_default_host = "d.example.com";
  CHECK(config.CustomKeycloakHost().empty());
  config.keycloak_custom_host = "d.example.com";
  CHECK(config.CustomKeycloakHost().empty());
  CHECK(config.KeycloakCertificatePath().empty());
  config.keycloak_custom_host = "k.example.com";
  CHECK(config.CustomKeycloakHost() == "k.example.com");
}

TEST_CASE("an explicit certificatePath wins over the path templates", "[config]") {
  Config config;
  config.registry = "reg-a";
  config.keycloak_default_host = "d.example.com";
  config.keycloak_custom_host = "k.example.com";
  config.keycloak_custom_hosts = {{"other.example.com", "registry-kv/other", "keycloak.customHosts[0].host"},
                                  {"k.example.com", "", "keycloak.customHosts[1].host"}};
  CHECK(config.KeycloakCertificatePath() == "registry-kv/cluster/domains/k.example.com");
  config.keycloak_custom_hosts[1].certificate_path = "registry-kv/cluster/domains/k.example.com/20230505T085919Z";
  CHECK(config.KeycloakCertificatePath() == "registry-kv/cluster/domains/k.example.com/20230505T085919Z");

  config.officer.custom_host = "o.example.com";
  CHECK(config.PortalCertificatePath(config.officer) == "registry-kv/registry/reg-a/domains/officer-portal/o.example.com");
  config.officer.certificate_path = "explicit/path";
  CHECK(config.PortalCertificatePath(config.officer) == "explicit/path");
  CHECK(config.PortalCertificatePath(config.citizen).empty());
  config.citizen.custom_host = "c.example.com";
  config.portal_path_template = "kv/{portal}/{host}";
  CHECK(config.PortalCertificatePath(config.citizen) == "kv/citizen/c.example.com");
}

TEST_CASE("PortalByName finds the officer and citizen portals", "[config]") {
  Config config;
  CHECK(config.PortalByName("officer") == &config.officer);
  CHECK(config.PortalByName("citizen") == &config.citizen);
  CHECK(config.PortalByName("admin") == nullptr);
}

}  // namespace
}  // namespace hostgraft
