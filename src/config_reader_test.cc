#include "config_reader.h"

#include <catch2/catch.hpp>

#include "values.h"

namespace hostgraft {
namespace {

struct ReadResult {
  bool ok = false;
  Config config;
  std::vector<std::string> errors;
};

ReadResult Read(const YAML::Node& values) {
  ReadResult result;
  Diagnostics diags;
  result.ok = ReadConfig(values, &result.config, &diags);
  for (const Diagnostic& d : diags.all()) {
    CHECK(d.exit_code == kExitUsage);
    result.errors.push_back(FormatDiagnostic(d));
  }
  CHECK(result.ok == result.errors.empty());
  return result;
}

ReadResult Read(const std::string& yaml) { return Read(YAML::Load(yaml)); }

// The single error a values text gives.
std::string Error(const std::string& yaml) {
  ReadResult result = Read(yaml);
  INFO(yaml);
  CHECK(result.errors.size() == 1);
  return result.errors.empty() ? "" : result.errors[0];
}

TEST_CASE("the design's shape reads into the model", "[config_reader]") {
  ReadResult r = Read(R"(
keycloak:
  host: platform-keycloak.apps.cluster.example.com
  customHosts:
    - host: keycloak.example.com
      certificatePath: registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z
    - host: other.example.com
  customHost: keycloak.example.com
portals:
  officer:
    customHost: {enabled: true, host: officer.example.com,
                 certificatePath: registry-kv/registry/reg-a/domains/officer-portal/officer.example.com}
  citizen:
    customHost: {host: citizen.example.com}
)");
  REQUIRE(r.ok);
  const Config& c = r.config;
  CHECK(c.keycloak_default_host == "platform-keycloak.apps.cluster.example.com");
  REQUIRE(c.keycloak_custom_hosts.size() == 2);
  CHECK(c.keycloak_custom_hosts[0].host == "keycloak.example.com");
  CHECK(c.keycloak_custom_hosts[0].certificate_path ==
        "registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z");
  CHECK(c.keycloak_custom_hosts[0].source == "keycloak.customHosts[0].host");
  CHECK(c.keycloak_custom_hosts[1].host == "other.example.com");
  CHECK(c.keycloak_custom_hosts[1].certificate_path.empty());
  CHECK(c.keycloak_custom_hosts[1].source == "keycloak.customHosts[1].host");
  CHECK(c.keycloak_custom_host == "keycloak.example.com");
  CHECK(c.keycloak_custom_host_source == "keycloak.customHost");
  CHECK(c.KeycloakCertificatePath() == "registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z");
  CHECK(c.officer.custom_host == "officer.example.com");
  CHECK(c.officer.certificate_path == "registry-kv/registry/reg-a/domains/officer-portal/officer.example.com");
  CHECK(c.officer.source == "portals.officer.customHost.host");
  CHECK(c.citizen.custom_host == "citizen.example.com");
  CHECK(c.citizen.source == "portals.citizen.customHost.host");
  CHECK_FALSE(c.ics);
}

TEST_CASE("the charts' shipped customDns shape reads into the model", "[config_reader]") {
  ReadResult r = Read(R"(
portals:
  officer: {customDns: {enabled: true, host: officer.example.com}}
  citizen: {customDns: {enabled: false, host: citizen.example.com}}
hostgraft: {registry: reg-a}
)");
  REQUIRE(r.ok);
  CHECK(r.config.officer.custom_host == "officer.example.com");
  CHECK(r.config.officer.source == "portals.officer.customDns.host");
  CHECK(r.config.PortalCertificatePath(r.config.officer) ==
        "registry-kv/registry/reg-a/domains/officer-portal/officer.example.com");
  CHECK(r.config.citizen.custom_host.empty());  // enabled: false is not configured
  CHECK(r.config.citizen.source.empty());
}

TEST_CASE("the oldest global.customDNS shape reads into the same model", "[config_reader]") {
  ReadResult r = Read(R"(
global:
  customDNS:
    officerPortal: officer.example.com
    citizenPortal: {enabled: yes, host: citizen.example.com}
    keycloak: keycloak.example.com
)");
  REQUIRE(r.ok);
  CHECK(r.config.officer.custom_host == "officer.example.com");
  CHECK(r.config.officer.source == "global.customDNS.officerPortal");
  CHECK(r.config.citizen.custom_host == "citizen.example.com");
  CHECK(r.config.citizen.source == "global.customDNS.citizenPortal.host");
  CHECK(r.config.keycloak_custom_host == "keycloak.example.com");
  CHECK(r.config.keycloak_custom_host_source == "global.customDNS.keycloak");
}

TEST_CASE("shapes that agree are fine, the newest names the host", "[config_reader]") {
  ReadResult r = Read(R"(
keycloak: {customHost: k.example.com}
portals:
  officer:
    customHost: {host: o.example.com, certificatePath: explicit/path}
    customDns: {enabled: true, host: o.example.com}
global: {customDNS: {officerPortal: o.example.com, keycloak: k.example.com}}
)");
  REQUIRE(r.ok);
  CHECK(r.config.officer.source == "portals.officer.customHost.host");
  CHECK(r.config.officer.certificate_path == "explicit/path");
  CHECK(r.config.keycloak_custom_host_source == "keycloak.customHost");
}

TEST_CASE("shapes that disagree are an error naming both keys", "[config_reader]") {
  CHECK(Error("portals: {citizen: {customHost: {host: a.example.com}, customDns: {host: b.example.com}}}") ==
        "error: portals.citizen.customDns.host: \"b.example.com\" differs from \"a.example.com\" set by "
        "portals.citizen.customHost.host\n  fix: set the host in one place, or the same host in both");
  CHECK(Error("keycloak: {customHost: a.example.com}\nglobal: {customDNS: {keycloak: b.example.com}}") ==
        "error: global.customDNS.keycloak: \"b.example.com\" differs from \"a.example.com\" set by "
        "keycloak.customHost\n  fix: set the host in one place, or the same host in both");
}

TEST_CASE("the hostgraft section reads into the model", "[config_reader]") {
  ReadResult r = Read(R"(
hostgraft:
  registry: reg-a
  defaultHosts: {officer: officer-portal-reg-a.apps.example.com, citizen: citizen-portal-reg-a.apps.example.com}
  frontendUrlRealms: [officer-portal]
  tls:
    delivery: secret
    route: {service: "gw-{registry}", targetPort: 8443}
    secretNamespace: istio-system
    expiryWarningDays: 14
    trust: bundle
  vault:
    keycloakPath: "kv/keycloak/{host}"
    portalPath: "kv/{registry}/{portal}/{host}"
    kvVersion: {registry-kv/: 2, secret: 1}
    auth: {method: approle, role: r, mount: approle2, jwtFile: /jwt, roleId: role-1, secretIdFile: /sid}
  ics:
    fullname: ums-intercom-service
    customHost: ics.example.org
    keycloakHost: id.example.org
    portalHost: portal.example.org
    vault: {ingressPath: "kv/ics/{host}", redisPath: kv/ics/redis}
)");
  REQUIRE(r.ok);
  const Config& c = r.config;
  CHECK(c.registry == "reg-a");
  CHECK(c.officer.default_host == "officer-portal-reg-a.apps.example.com");
  CHECK(c.citizen.default_host == "citizen-portal-reg-a.apps.example.com");
  CHECK(c.frontend_url_realms == std::vector<std::string>{"officer-portal"});
  CHECK(c.delivery == TlsDelivery::kSecret);
  CHECK(c.route_service == "gw-{registry}");
  CHECK(c.route_target_port == "8443");
  CHECK(c.secret_namespace == "istio-system");
  CHECK(c.expiry_warning_days == 14);
  CHECK(c.trust == Trust::kBundle);
  CHECK(c.keycloak_path_template == "kv/keycloak/{host}");
  CHECK(c.portal_path_template == "kv/{registry}/{portal}/{host}");
  CHECK(c.vault.kv_version == std::map<std::string, int>{{"registry-kv", 2}, {"secret", 1}});
  CHECK(c.vault.auth_method == "approle");
  CHECK(c.vault.auth_role == "r");
  CHECK(c.vault.auth_mount == "approle2");
  CHECK(c.vault.jwt_file == "/jwt");
  CHECK(c.vault.role_id == "role-1");
  CHECK(c.vault.secret_id_file == "/sid");
  REQUIRE(c.ics);
  CHECK(c.ics->fullname == "ums-intercom-service");
  CHECK(c.ics->custom_host == "ics.example.org");
  CHECK(c.ics->keycloak_host == "id.example.org");
  CHECK(c.ics->portal_host == "portal.example.org");
  CHECK(c.ics->ingress_path == "kv/ics/{host}");
  CHECK(c.ics->redis_path == "kv/ics/redis");
}

TEST_CASE("defaults stay when the values do not set them", "[config_reader]") {
  ReadResult r = Read("hostgraft: {tls: {route: {targetPort: https}}, ics: {customHost: ics.example.org}}\n");
  REQUIRE(r.ok);
  CHECK(r.config.generate == GenerateMode::kAuto);
  CHECK(r.config.delivery == TlsDelivery::kRoute);
  CHECK(r.config.route_service == "istio-ingressgateway-{registry}-main");
  CHECK(r.config.route_target_port == "https");
  CHECK(r.config.expiry_warning_days == 30);
  CHECK(r.config.frontend_url_realms == std::vector<std::string>{"officer-portal", "citizen-portal"});
  REQUIRE(r.config.ics);
  CHECK(r.config.ics->ingress_path == "secret/ics/ingress/{host}");
  CHECK(r.config.ics->redis_path == "secret/ics/redis");
  CHECK(Read("hostgraft: {ics: {enabled: false, customHost: ics.example.org}}").config.ics == std::nullopt);
  CHECK(Read("{}").ok);
  CHECK(Read("other: {chart: values}\n").ok);
}

TEST_CASE("wrong types are errors naming the values key and what was expected", "[config_reader]") {
  CHECK(Error("keycloak: x") == "error: keycloak: expected a mapping, got the string \"x\"\n  fix: write keycloak as a mapping");
  CHECK(Error("keycloak: {host: 12}") == "error: keycloak.host: expected a string, got the integer 12\n  fix: write keycloak.host as a string");
  CHECK(Error("keycloak: {customHosts: x}") ==
        "error: keycloak.customHosts: expected a list of {host, certificatePath} entries, got the string \"x\"\n  fix: write keycloak.customHosts as a list of {host, certificatePath} entries");
  CHECK(Error("keycloak: {customHosts: [k.example.com]}") ==
        "error: keycloak.customHosts[0]: expected a mapping {host, certificatePath}, got the string \"k.example.com\"\n  fix: write keycloak.customHosts[0] as a mapping {host, certificatePath}");
  CHECK(Error("keycloak: {customHosts: [{host: k.example.com}, {host: [a]}]}") ==
        "error: keycloak.customHosts[1].host: expected a string, got a list\n  fix: write keycloak.customHosts[1].host as a string");
  CHECK(Error("keycloak: {customHosts: [{certificatePath: a/b}]}") ==
        "error: keycloak.customHosts[0].host: missing: each custom Keycloak host needs its host name");
  CHECK(Error("keycloak: {customHost: true}") == "error: keycloak.customHost: expected a string, got the boolean true\n  fix: write keycloak.customHost as a string");
  CHECK(Error("portals: {officer: {customHost: o.example.com}}") ==
        "error: portals.officer.customHost: expected a mapping {enabled, host, certificatePath}, got the string "
        "\"o.example.com\"\n  fix: write portals.officer.customHost as a mapping {enabled, host, certificatePath}");
  CHECK(Error("portals: {officer: {customDns: {enabled: maybe, host: o.example.com}}}") ==
        "error: portals.officer.customDns.enabled: expected true or false, got the string \"maybe\"\n  fix: write portals.officer.customDns.enabled as true or false");
  CHECK(Error("portals: {citizen: {customDns: {enabled: true}}}") ==
        "error: portals.citizen.customDns.host: the custom host is enabled but has no host\n"
        "  fix: set portals.citizen.customDns.host or enabled: false");
  CHECK(Error("portals: {citizen: {customHost: {host: 1.5}}}") ==
        "error: portals.citizen.customHost.host: expected a string, got the number 1.5\n  fix: write portals.citizen.customHost.host as a string");
  CHECK(Error("global: {customDNS: [a]}") == "error: global.customDNS: expected a mapping, got a list\n  fix: write global.customDNS as a mapping");
  CHECK(Error("hostgraft: {tls: {expiryWarningDays: abc}}") ==
        "error: hostgraft.tls.expiryWarningDays: expected a whole number of days, 0 or more, got the string \"abc\"\n  fix: write hostgraft.tls.expiryWarningDays as a whole number of days, 0 or more");
  CHECK(Error("hostgraft: {tls: {expiryWarningDays: -1}}") ==
        "error: hostgraft.tls.expiryWarningDays: expected a whole number of days, 0 or more, got the integer -1\n  fix: write hostgraft.tls.expiryWarningDays as a whole number of days, 0 or more");
  CHECK(Error("hostgraft: {tls: {delivery: ingress}}") ==
        "error: hostgraft.tls.delivery: \"ingress\" is not one of route, secret, none\n  fix: set hostgraft.tls.delivery to one of route, secret, none");
  CHECK(Error("hostgraft: {generate: sometimes}") ==
        "error: hostgraft.generate: \"sometimes\" is not one of auto, always, never\n  fix: set hostgraft.generate to one of auto, always, never");
  CHECK(Error("hostgraft: {generate: true}") == "error: hostgraft.generate: expected a string, got the boolean true\n  fix: write hostgraft.generate as a string");
  CHECK(Error("hostgraft: {tls: {trust: system}}") ==
        "error: hostgraft.tls.trust: \"system\" is not one of system+bundle, bundle\n  fix: set hostgraft.tls.trust to one of system+bundle, bundle");
  CHECK(Error("hostgraft: {tls: {route: {targetPort: [1]}}}") ==
        "error: hostgraft.tls.route.targetPort: expected a port name or a number from 1 to 65535, got a list\n  fix: write hostgraft.tls.route.targetPort as a port name or a number from 1 to 65535");
  CHECK(Error("hostgraft: {tls: {route: {targetPort: 70000}}}") ==
        "error: hostgraft.tls.route.targetPort: expected a port name or a number from 1 to 65535, got the integer 70000\n  fix: write hostgraft.tls.route.targetPort as a port name or a number from 1 to 65535");
  CHECK(Error("hostgraft: {vault: {kvVersion: {registry-kv: 3}}}") ==
        "error: hostgraft.vault.kvVersion.registry-kv: expected the KV version 1 or 2, got the integer 3\n  fix: write hostgraft.vault.kvVersion.registry-kv as the KV version 1 or 2");
  CHECK(Error("hostgraft: {vault: {kvVersion: 2}}") ==
        "error: hostgraft.vault.kvVersion: expected a mapping of mount to 1 or 2, got the integer 2\n  fix: write hostgraft.vault.kvVersion as a mapping of mount to 1 or 2");
  CHECK(Error("hostgraft: {vault: {auth: {method: ldap}}}") ==
        "error: hostgraft.vault.auth.method: \"ldap\" is not one of token, kubernetes, approle, cert\n  fix: set hostgraft.vault.auth.method to one of token, kubernetes, approle, cert");
  CHECK(Error("hostgraft: {vault: {keycloakPath: \"kv/{hots}\"}}") ==
        "error: hostgraft.vault.keycloakPath: \"kv/{hots}\" has the unknown placeholder {hots}\n"
        "  fix: use only {host}, {registry}");
  CHECK(Error("hostgraft: {ics: {vault: {redisPath: \"kv/{host}\"}}}") ==
        "error: hostgraft.ics.vault.redisPath: \"kv/{host}\" has the unknown placeholder {host}\n"
        "  fix: this path takes no placeholders");
  CHECK(Error("hostgraft: {frontendUrlRealms: officer-portal}") ==
        "error: hostgraft.frontendUrlRealms: expected a list of realm names, got the string \"officer-portal\"\n  fix: write hostgraft.frontendUrlRealms as a list of realm names");
  CHECK(Error("hostgraft: {frontendUrlRealms: [a, \"\"]}") ==
        "error: hostgraft.frontendUrlRealms[1]: empty realm name\n  fix: name the realm, e.g. officer-portal");
  CHECK(Error("hostgraft: {defaultHosts: [a]}") ==
        "error: hostgraft.defaultHosts: expected a mapping {officer, citizen}, got a list\n  fix: write hostgraft.defaultHosts as a mapping {officer, citizen}");
}

TEST_CASE("a certificatePath that could leave the secret store is an error", "[config_reader]") {
  const std::string fix =
      "\n  fix: write a path inside the secret store, e.g. registry-kv/cluster/domains/keycloak.example.com";
  CHECK(Error("keycloak: {customHosts: [{host: k.example.com, certificatePath: /etc/ssl/k}]}") ==
        "error: keycloak.customHosts[0].certificatePath: the certificate path is absolute" + fix);
  CHECK(Error("portals: {officer: {customHost: {host: o.example.com, certificatePath: a/../../b}}}") ==
        "error: portals.officer.customHost.certificatePath: the certificate path has a '..' segment" + fix);
  CHECK(Read("keycloak: {customHosts: [{host: k.example.com, certificatePath: a/b}]}").ok);
}

TEST_CASE("unknown keys under hostgraft are errors, with a suggestion when close", "[config_reader]") {
  CHECK(Error("hostgraft: {registy: reg-a}") ==
        "error: hostgraft.registy: unknown key; did you mean \"registry\"?\n"
        "  fix: the keys under hostgraft are: registry, defaultHosts, frontendUrlRealms, generate, tls, vault, ics");
  CHECK(Error("hostgraft: {tls: {Delivery: route}}") ==
        "error: hostgraft.tls.Delivery: unknown key; did you mean \"delivery\"?\n"
        "  fix: the keys under hostgraft.tls are: delivery, route, secretNamespace, expiryWarningDays, trust");
  CHECK(Error("hostgraft: {vault: {auth: {color: blue}}}") ==
        "error: hostgraft.vault.auth.color: unknown key\n"
        "  fix: the keys under hostgraft.vault.auth are: method, role, mount, jwtFile, roleId, secretIdFile");
  CHECK(Error("hostgraft: {ics: {customhost: a.example.org}}") ==
        "error: hostgraft.ics.customhost: unknown key; did you mean \"customHost\"?\n"
        "  fix: the keys under hostgraft.ics are: enabled, fullname, customHost, keycloakHost, portalHost, vault");
}

TEST_CASE("every configuration error is reported at once", "[config_reader]") {
  ReadResult r = Read("keycloak: {host: 1}\nhostgraft: {registy: x, tls: {delivery: x}}\n");
  CHECK(r.errors.size() == 3);
}

TEST_CASE("values from --set are typed like Helm before the config reads them", "[config_reader]") {
  YAML::Node values;
  Diagnostics diags;
  REQUIRE(LoadValues({}, {"hostgraft.registry=0123,hostgraft.tls.expiryWarningDays=7", "keycloak.customHost=k.example.com"},
                     &values, &diags));
  ReadResult r = Read(values);
  REQUIRE(r.ok);
  CHECK(r.config.registry == "0123");
  CHECK(r.config.expiry_warning_days == 7);
  CHECK(r.config.keycloak_custom_host == "k.example.com");

  REQUIRE(LoadValues({}, {"hostgraft.generate=always"}, &values, &diags));
  CHECK(Read(values).config.generate == GenerateMode::kAlways);
  REQUIRE(LoadValues({}, {"hostgraft.generate=never"}, &values, &diags));
  CHECK(Read(values).config.generate == GenerateMode::kNever);

  REQUIRE(LoadValues({}, {"keycloak.customHost=12"}, &values, &diags));
  CHECK(Read(values).errors == std::vector<std::string>{"error: keycloak.customHost: expected a string, got the integer "
                                                       "12\n  fix: write keycloak.customHost as a string"});
}

TEST_CASE("a near miss of a key hostgraft reads is an error, the charts' other keys are not", "[config_reader][2.1]") {
  CHECK(Error("portals: {officer: {customhost: {host: o.example.com}}}") ==
        "error: portals.officer.customhost: unknown key; did you mean \"customHost\"?\n"
        "  fix: hostgraft reads portals.officer.customHost (keys are case-sensitive); the misspelt key is ignored");
  CHECK(Error("keycloak: {customHots: [{host: k.example.com}]}") ==
        "error: keycloak.customHots: unknown key; did you mean \"customHosts\"?\n"
        "  fix: hostgraft reads keycloak.customHosts (keys are case-sensitive); the misspelt key is ignored");
  CHECK(Error("portals: {officers: {customHost: {host: o.example.com}}}") ==
        "error: portals.officers: unknown key; did you mean \"officer\"?\n"
        "  fix: hostgraft reads portals.officer (keys are case-sensitive); the misspelt key is ignored");
  CHECK(Read("portals: {citizen: {customDns: {hosts: c.example.com}}}").errors.at(0) ==
        "error: portals.citizen.customDns.hosts: unknown key; did you mean \"host\"?\n"
        "  fix: hostgraft reads portals.citizen.customDns.host (keys are case-sensitive); the misspelt key is ignored");
  CHECK(Error("hostGraft: {registry: reg-a}") ==
        "error: hostGraft: unknown key; did you mean \"hostgraft\"?\n"
        "  fix: hostgraft reads hostgraft (keys are case-sensitive); the misspelt key is ignored");
  CHECK(Error("keycloak: {customHosts: [{host: k.example.com, certificatepath: kv/k}]}") ==
        "error: keycloak.customHosts[0].certificatepath: unknown key; did you mean \"certificatePath\"?\n"
        "  fix: the keys under keycloak.customHosts[0] are: host, certificatePath");
  // The charts' own keys beside them stay theirs.
  CHECK(Read("keycloak: {host: d.example.com, realm: main, url: x}\n"
             "portals: {officer: {image: x, port: 8080, customDns: {enabled: false, secretName: s}}, admin: {}}\n"
             "global: {customDNS: {}, registry: reg-a}\nhostname: x\n")
            .ok);
}

}  // namespace
}  // namespace hostgraft
