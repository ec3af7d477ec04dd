#include "config_rules.h"

#include <catch2/catch.hpp>

#include "config_reader.h"

namespace hostgraft {
namespace {

const char kDefaults[] = R"(
keycloak: {host: platform-keycloak.apps.example.com}
hostgraft:
  defaultHosts: {officer: officer-portal-reg-a.apps.example.com, citizen: citizen-portal-reg-a.apps.example.com}
)";

// The errors of the rules on kDefaults plus the given values.
std::vector<std::string> Rules(const std::string& yaml) {
  Config config;
  Diagnostics diags;
  REQUIRE(ReadConfig(YAML::Load(kDefaults), &config, &diags));
  REQUIRE(ReadConfig(YAML::Load(yaml), &config, &diags));
  bool ok = CheckConfigRules(config, &diags);
  std::vector<std::string> errors;
  for (const Diagnostic& d : diags.all()) {
    CHECK(d.exit_code == kExitUsage);
    errors.push_back(FormatDiagnostic(d));
  }
  CHECK(ok == errors.empty());
  return errors;
}

using Errors = std::vector<std::string>;

const std::string kDnsFix =
    "\n  fix: write a lower-case DNS name of at most 63 characters (labels of a-z, 0-9 and '-'), without a trailing "
    "dot or wildcard, e.g. keycloak.example.com";

TEST_CASE("a configuration that keeps the rules passes", "[config_rules]") {
  CHECK(Rules(R"(
keycloak:
  customHosts: [{host: keycloak.example.com}, {host: id.example.com}]
  customHost: keycloak.example.com
portals:
  officer: {customHost: {host: officer.example.com}}
  citizen: {customDns: {enabled: true, host: citizen.example.com}}
hostgraft:
  ics: {customHost: ics.example.com, keycloakHost: keycloak.example.com, portalHost: officer.example.com}
)").empty());
  // The default host as customHost means no custom host.
  CHECK(Rules("keycloak: {customHosts: [{host: k.example.com}], customHost: platform-keycloak.apps.example.com}")
            .empty());
  // Without the platform list any valid host may be chosen (older values).
  CHECK(Rules("keycloak: {customHost: k.example.com}").empty());
}

TEST_CASE("each custom host must be a valid DNS name", "[config_rules]") {
  CHECK(Rules("keycloak: {customHost: Keycloak.example.com}") ==
        Errors{"error: keycloak.customHost: \"Keycloak.example.com\" is not a valid host name: it has upper-case "
               "letters" + kDnsFix});
  CHECK(Rules("portals: {officer: {customHost: {host: officer.example.com.}}}") ==
        Errors{"error: portals.officer.customHost.host: \"officer.example.com.\" is not a valid host name: it ends "
               "with a dot" + kDnsFix});
  CHECK(Rules("portals: {citizen: {customDns: {host: \"*.example.com\"}}}") ==
        Errors{"error: portals.citizen.customDns.host: \"*.example.com\" is not a valid host name: wildcards are "
               "not allowed" + kDnsFix});
  const std::string long_host = std::string(60, 'a') + ".com";
  CHECK(Rules("keycloak: {customHosts: [{host: " + long_host + "}]}") ==
        Errors{"error: keycloak.customHosts[0].host: \"" + long_host +
               "\" is not a valid host name: it has 64 characters, more than the 63 allowed" + kDnsFix});
  CHECK(Rules("global: {customDNS: {officerPortal: 10.0.0.1}}") ==
        Errors{"error: global.customDNS.officerPortal: \"10.0.0.1\" is not a valid host name: it is an IP address, "
               "not a DNS name" + kDnsFix});
  CHECK(Rules("keycloak: {customHost: \"https://admin:hunter2@keycloak.example.com\"}") ==
        Errors{"error: keycloak.customHost: \"https://***@keycloak.example.com\" is not a valid host name: it is a "
               "URL; write only its host name" + kDnsFix});
  CHECK(Rules("hostgraft: {ics: {keycloakHost: id_example.org}}") ==
        Errors{"error: hostgraft.ics.keycloakHost: \"id_example.org\" is not a valid host name: label "
               "\"id_example\" has the character '_'; only a-z, 0-9 and '-' are allowed" + kDnsFix});
}

TEST_CASE("default hosts the values set follow the same rules, up to a DNS name's 253 characters", "[config_rules]") {
  const std::string fix =
      "\n  fix: write the host as the cluster serves it: a lower-case DNS name (labels of a-z, 0-9 and '-'), "
      "without a trailing dot, wildcard or IP address, e.g. platform-keycloak.apps.cluster.example.com";
  CHECK(Rules("keycloak: {host: platform-keycloak.apps.example.com.}") ==
        Errors{"error: keycloak.host: \"platform-keycloak.apps.example.com.\" is not a valid host name: it ends with "
               "a dot" + fix});
  CHECK(Rules("keycloak: {host: 10.20.30.40}") ==
        Errors{"error: keycloak.host: \"10.20.30.40\" is not a valid host name: it is an IP address, not a DNS name" +
               fix});
  CHECK(Rules("hostgraft: {defaultHosts: {officer: Officer-Portal-reg-a.apps.example.com}}") ==
        Errors{"error: hostgraft.defaultHosts.officer: \"Officer-Portal-reg-a.apps.example.com\" is not a valid host "
               "name: it has upper-case letters" + fix});
  CHECK(Rules("hostgraft: {defaultHosts: {citizen: \"*.apps.example.com\"}}") ==
        Errors{"error: hostgraft.defaultHosts.citizen: \"*.apps.example.com\" is not a valid host name: wildcards "
               "are not allowed" + fix});
  // An OpenShift apps domain makes long default hosts; each label still has at most 63 characters.
  CHECK(Rules("hostgraft: {defaultHosts: {officer: officer-portal-reg-a-main.apps.a-rather-long-cluster-name."
              "eu-central-1.example.com}}")
            .empty());
  const std::string label = std::string(64, 'a');
  CHECK(Rules("keycloak: {host: " + label + ".example.com}") ==
        Errors{"error: keycloak.host: \"" + label + ".example.com\" is not a valid host name: label \"" + label +
               "\" has more than 63 characters" + fix});
}

TEST_CASE("a portal's custom host is not its default host", "[config_rules]") {
  CHECK(Rules("portals: {officer: {customHost: {host: officer-portal-reg-a.apps.example.com}}}") ==
        Errors{"error: portals.officer.customHost.host: \"officer-portal-reg-a.apps.example.com\" is the default "
               "officer portal host (hostgraft.defaultHosts.officer), not a custom one\n"
               "  fix: give the custom host another name, or set enabled: false for no custom host"});
}

TEST_CASE("keycloak.customHost must be one of keycloak.customHosts", "[config_rules]") {
  CHECK(Rules("keycloak: {customHosts: [{host: a.example.com}, {host: b.example.com}], customHost: c.example.com}") ==
        Errors{"error: keycloak.customHost: \"c.example.com\" is not one of the hosts in keycloak.customHosts "
               "(a.example.com, b.example.com)\n  fix: choose one of them, add it to keycloak.customHosts with its "
               "certificatePath, or set it to the default host platform-keycloak.apps.example.com for no custom "
               "host"});
}

TEST_CASE("no host is used twice", "[config_rules]") {
  CHECK(Rules("portals: {officer: {customHost: {host: p.example.com}}, citizen: {customDns: {host: p.example.com}}}") ==
        Errors{"error: portals.citizen.customDns.host: \"p.example.com\" is used for both "
               "portals.officer.customHost.host and portals.citizen.customDns.host\n"
               "  fix: give each its own host name"});
  CHECK(Rules("keycloak: {customHost: k.example.com}\nportals: {officer: {customHost: {host: k.example.com}}}") ==
        Errors{"error: portals.officer.customHost.host: \"k.example.com\" is used for both keycloak.customHost and "
               "portals.officer.customHost.host\n  fix: give each its own host name"});
  CHECK(Rules("portals: {citizen: {customHost: {host: platform-keycloak.apps.example.com}}}") ==
        Errors{"error: portals.citizen.customHost.host: \"platform-keycloak.apps.example.com\" is used for both the "
               "default Keycloak host and portals.citizen.customHost.host\n  fix: give each its own host name"});
  CHECK(Rules("portals: {officer: {customHost: {host: citizen-portal-reg-a.apps.example.com}}}") ==
        Errors{"error: portals.officer.customHost.host: \"citizen-portal-reg-a.apps.example.com\" is used for both "
               "portals.officer.customHost.host and the default citizen portal host\n"
               "  fix: give each its own host name"});
  CHECK(Rules("portals: {officer: {customHost: {host: o.example.com}}}\nhostgraft: {ics: {customHost: o.example.com}}") ==
        Errors{"error: hostgraft.ics.customHost: \"o.example.com\" is used for both portals.officer.customHost.host "
               "and hostgraft.ics.customHost\n  fix: give each its own host name"});
  CHECK(Rules("hostgraft: {ics: {customHost: i.example.com, keycloakHost: i.example.com}}") ==
        Errors{"error: hostgraft.ics.keycloakHost: \"i.example.com\" is used for both hostgraft.ics.customHost and "
               "hostgraft.ics.keycloakHost\n  fix: give each its own host name"});
  CHECK(Rules("keycloak: {customHosts: [{host: a.example.com}, {host: a.example.com, certificatePath: x}]}") ==
        Errors{"error: keycloak.customHosts[1].host: \"a.example.com\" is used for both keycloak.customHosts[0].host "
               "and keycloak.customHosts[1].host\n  fix: list each host once"});
}

TEST_CASE("two hosts may not share a generated resource name", "[config_rules]") {
  CHECK(Rules("portals: {officer: {customHost: {host: a-b.example.com}}, citizen: {customHost: {host: a.b-example.com}}}") ==
        Errors{"error: portals.citizen.customHost.host: \"a-b.example.com\" (portals.officer.customHost.host) and "
               "\"a.b-example.com\" (portals.citizen.customHost.host) would both name their generated resources "
               "hostgraft-a-b-example-com\n  fix: use host names that differ in more than dots and dashes"});
}

}  // namespace
}  // namespace hostgraft
