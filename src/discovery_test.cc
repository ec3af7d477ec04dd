#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

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

// A Redash chart's render: the Deployment (D in its SAML env, namespace
// reg-a) and a ServiceMonitor that lives in openshift-monitoring.
const char kRedashWithMonitor[] =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redash\n  namespace: reg-a\nspec:\n  template:\n"
    "    spec:\n      containers:\n      - name: redash\n        env:\n"
    "        - name: REDASH_SAML_METADATA_URL\n"
    "          value: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/saml/descriptor\n"
    "        - name: REDASH_SAML_REDIRECT_URL\n"
    "          value: https://d.example.com/auth/realms/reg-a-officer-portal/protocol/saml/clients/redash\n"
    "---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: redash\n"
    "  namespace: openshift-monitoring\nspec:\n  selector: {matchLabels: {app: redash}}\n";

// The Route serving `host` in `ns` (empty: none given): the anchor of the
// Route for its custom host (5.12), which copies its namespace, `to` and `port`.
std::string ServingRoute(const std::string& name, const std::string& ns, const std::string& host) {
  return "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: " + name + "\n" +
         (ns.empty() ? "" : "  namespace: " + ns + "\n") + "spec:\n  host: " + host +
         "\n  to:\n    kind: Service\n    name: gw\n  port:\n    targetPort: http2\n";
}

// What discovery said (-v): the Info lines about discovering.
std::string Discovered(const Rendered& r) {
  return r.Only(hostgraft::Severity::kInfo, {"discovered the ", "the registry name is not"});
}

const char kOfficer[] = "portals:\n  officer:\n    customHost: {enabled: true, host: o.example.com}\n";

}  // namespace

TEST_CASE("discovery: D from the Keycloak CR, registry from realm names", "[discovery]") {
  // The officer portal's certificate path takes the registry from the
  // template; the Route for K goes beside the Route serving D, which names
  // no namespace, so it needs no registry.
  std::string input = KeycloakCr("https://d.example.com") + "---\n" + Realm("reg-b-officer-portal", "ns-x") + "---\n" +
                      ServingRoute("keycloak", "", "d.example.com") + "---\n" +
                      ServingRoute("officer", "", "officer-portal-reg-b.example.com");
  Rendered r = RenderText(std::string(kK) + kOfficer, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out.find("frontendUrl: https://k.example.com/auth/") != std::string::npos);
  CHECK(r.Errors().find("Route for k.example.com (secret registry-kv/cluster/domains/k.example.com)") !=
        std::string::npos);
  CHECK(Discovered(r) ==
        "info: document 1 (Keycloak reg-a/main), spec.url, line 7: discovered the default Keycloak host: "
        "d.example.com\n"
        "info: document 4 (Route officer), spec.host, line 34: discovered the default officer portal host: "
        "officer-portal-reg-b.example.com\n"
        "info: document 2 (KeycloakRealm ns-x/r), spec.realmName, line 15: discovered the registry name for Route "
        "for o.example.com (secret registry-kv/registry/{registry}/domains/officer-portal/o.example.com): reg-b\n");
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

TEST_CASE("discovery: conflicting portal hosts", "[discovery]") {
  std::string vs = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\n  namespace: reg-a\n"
                   "spec:\n  hosts:\n  - officer-portal-a.example.com\n  - officer-portal-b.example.com\n";
  Rendered r = RenderText("portals:\n  officer:\n    customHost: {enabled: true, host: o.example.com}\n", vs);
  CHECK_FALSE(r.ok);
  CHECK(r.diags.exit_code() == 2);
  CHECK(r.Errors().find("cannot discover the default officer portal host: officer-portal-a.example.com (here) and "
                        "officer-portal-b.example.com") != std::string::npos);
  CHECK(r.Errors().find("fix: set hostgraft.defaultHosts.officer in the values") != std::string::npos);
}

TEST_CASE("discovery: the registry falls back to the one namespace", "[discovery]") {
  Rendered r = RenderText(kOfficer, ServingRoute("officer-portal", "reg-z", "officer-portal-reg-z.example.com"));
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.Errors().find("registry-kv/registry/reg-z/domains/officer-portal/o.example.com") != std::string::npos);
}

TEST_CASE("discovery: a namespace no step reads is no registry candidate", "[discovery]") {
  // K only: the Redash redirect URL moves to K, whatever the registry is.
  Rendered r = RenderText(kK, kRedashWithMonitor);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.diags.exit_code() == 0);
  CHECK(r.out.find("value: https://k.example.com/auth/realms/reg-a-officer-portal/protocol/saml/clients/redash") !=
        std::string::npos);
  CHECK(r.Errors().find("openshift-monitoring") == std::string::npos);

  // A portal certificate path built from {registry} needs the name: it comes
  // from the documents the steps read (the Deployment, the portal's Route),
  // never from the ServiceMonitor.
  std::string input = std::string(kRedashWithMonitor) + "---\n" +
                      ServingRoute("officer-portal", "reg-a", "officer-portal-reg-a.apps.example.com");
  r = RenderText(std::string(kK) + kOfficer, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.Errors().find("no TLS material for Route for o.example.com "
                        "(secret registry-kv/registry/reg-a/domains/officer-portal/o.example.com)") != std::string::npos);
  CHECK(Discovered(r) ==
        "info: document 1 (Deployment reg-a/redash), spec.template.spec.containers[0].env[0].value, line 13: "
        "discovered the default Keycloak host: d.example.com\n"
        "info: document 3 (Route reg-a/officer-portal), spec.host, line 31: discovered the default officer portal host: "
        "officer-portal-reg-a.apps.example.com\n"
        "info: document 1 (Deployment reg-a/redash), metadata.namespace, line 5: discovered the registry name for "
        "Route for o.example.com (secret registry-kv/registry/{registry}/domains/officer-portal/o.example.com): "
        "reg-a\n");
}

TEST_CASE("discovery: conflicting registry names where a step needs the name", "[discovery]") {
  std::string input = ServingRoute("officer-portal", "reg-a", "officer-portal-reg-a.apps.example.com") + "---\n" +
                      Realm("reg-a-officer-portal", "reg-a") + "---\n" + Realm("reg-b-citizen-portal", "reg-a");
  Rendered r = RenderText(kOfficer, input);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == 2);
  CHECK(r.Only(hostgraft::Severity::kError) ==
        "error: document 2 (KeycloakRealm reg-a/r), spec.realmName, line 20: cannot discover the registry name for "
        "Route for o.example.com (secret registry-kv/registry/{registry}/domains/officer-portal/o.example.com): reg-a "
        "(here) and reg-b (document 3, KeycloakRealm reg-a/r, spec.realmName, line 28) disagree\n"
        "  fix: set hostgraft.registry in the values\n");
  // The setting settles it.
  Rendered settled = RenderText(std::string(kOfficer) + "hostgraft:\n  registry: reg-b\n", input);
  INFO(settled.Errors());
  REQUIRE(settled.ok);
  CHECK(settled.Errors().find("(secret registry-kv/registry/reg-b/domains/officer-portal/o.example.com)") !=
        std::string::npos);

  // Needed and found nowhere: the path would have an empty segment.
  r = RenderText(kOfficer, ServingRoute("officer-portal", "", "officer-portal-reg-a.apps.example.com"));
  CHECK_FALSE(r.ok);
  CHECK(r.diags.exit_code() == 2);
  CHECK(r.Only(hostgraft::Severity::kError) ==
        "error: cannot discover the registry name for Route for o.example.com "
        "(secret registry-kv/registry/{registry}/domains/officer-portal/o.example.com): no KeycloakRealm is named "
        "<registry>-<frontend realm> and no document the steps read has a namespace\n"
        "  fix: set hostgraft.registry in the values\n");
}

TEST_CASE("discovery: conflicting registry names are ignored where no step needs the name", "[discovery]") {
  // Explicit certificate paths, and Routes to copy namespace and service
  // from: nothing takes the registry name, so realms and namespaces that
  // disagree on it are no error.
  const std::string values =
      "keycloak:\n  host: d.example.com\n  customHosts:\n  - host: k.example.com\n"
      "    certificatePath: kv/k\n  customHost: k.example.com\n"
      "portals:\n  officer:\n    customHost: {enabled: true, host: o.example.com, certificatePath: kv/o}\n";
  std::string input = ServingRoute("keycloak", "user-management", "d.example.com") + "---\n" +
                      ServingRoute("officer-portal", "reg-a", "officer-portal-reg-a.apps.example.com") + "---\n" +
                      Realm("reg-a-officer-portal", "reg-a") + "---\n" + Realm("reg-b-citizen-portal", "reg-b");
  Rendered r = RenderText(values, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.diags.exit_code() == 0);
  CHECK(r.out.find("  frontendUrl: https://k.example.com/auth/\n") != std::string::npos);
  CHECK(Discovered(r) ==
        "info: document 2 (Route reg-a/officer-portal), spec.host, line 20: discovered the default officer portal "
        "host: officer-portal-reg-a.apps.example.com\n"
        "info: the registry name is not discovered: no step of this render uses it\n");
}

TEST_CASE("discovery: a keycloak.host the values set must be the host of the stream's Keycloak CR", "[discovery][2.1]") {
  const std::string input = KeycloakCr("https://d.example.com/auth");
  Rendered wrong = RenderText(std::string(kK) + "  host: d.example.org\n", input);
  CHECK_FALSE(wrong.ok);
  CHECK(wrong.diags.exit_code() == 2);
  CHECK(wrong.Only(hostgraft::Severity::kError) ==
        "error: document 1 (Keycloak reg-a/main), spec.url, line 7: keycloak.host is \"d.example.org\", but the "
        "Keycloak resource of this stream serves \"d.example.com\"\n"
        "  fix: set keycloak.host: d.example.com (the host of the Keycloak resource's spec.url), or correct "
        "spec.url\n");
  Rendered right = RenderText(std::string(kK) + "  host: d.example.com\n", input);
  INFO(right.Errors());
  CHECK(right.ok);
  // Any one Keycloak resource serving it will do, in whatever case it writes the host.
  Rendered second = RenderText(std::string(kK) + "  host: d.example.com\n",
                               KeycloakCr("https://other.example.com/auth") + "---\n" +
                                   KeycloakCr("https://D.Example.com/auth"));
  INFO(second.Errors());
  CHECK(second.ok);
  // The platform's values alone (no custom host) are checked the same way.
  CHECK_FALSE(RenderText("keycloak:\n  host: d.example.org\n", input).ok);
}

TEST_CASE("discovery: hostgraft.registry must be the registry the realm names say", "[discovery][2.1]") {
  const std::string input = Realm("reg-a-officer-portal", "reg-a");
  Rendered other = RenderText(std::string(kOfficer) + "hostgraft:\n  registry: reg-b\n", input);
  CHECK_FALSE(other.ok);
  CHECK(other.Only(hostgraft::Severity::kError) ==
        "error: document 1 (KeycloakRealm reg-a/r), spec.realmName, line 7: hostgraft.registry is \"reg-b\", but "
        "this stream belongs to the registry \"reg-a\"\n"
        "  fix: pass the values of registry reg-a, or set hostgraft.registry: reg-a\n");
  // A namespace says nothing: a Gateway may live in an ingress namespace of its own.
  Rendered ns = RenderText(std::string(kOfficer) + "hostgraft:\n  registry: reg-b\n",
                           ServingRoute("officer-portal", "ingress", "officer-portal-reg-b.apps.example.com"));
  INFO(ns.Errors());
  CHECK(ns.Only(hostgraft::Severity::kError).empty());
}

TEST_CASE("discovery: a portal served elsewhere but with its clients here: the warning names the host to set",
          "[discovery][2.1]") {
  const std::string client =
      "apiVersion: v1.edp.epam.com/v1\nkind: KeycloakClient\nmetadata:\n  name: officer-portal\n  namespace: reg-a\n"
      "spec:\n  webUrl: https://officer-portal-reg-a-main.apps.example.com/\n";
  Rendered r = RenderText(kOfficer, client);
  INFO(r.Errors());
  CHECK(r.ok);
  CHECK(r.Only(hostgraft::Severity::kWarning) ==
        "warning: document 1 (KeycloakClient reg-a/officer-portal), spec.webUrl, line 7: the officer portal's default "
        "host is on no Gateway, VirtualService or Route of this render, so what points at it is not moved to "
        "o.example.com; this KeycloakClient names officer-portal-reg-a-main.apps.example.com\n"
        "  fix: set hostgraft.defaultHosts.officer: officer-portal-reg-a-main.apps.example.com if that is the "
        "portal's default host\n");
  Rendered set = RenderText(std::string(kOfficer) +
                                "hostgraft:\n  defaultHosts: {officer: officer-portal-reg-a-main.apps.example.com}\n",
                            client);
  INFO(set.Errors());
  CHECK(set.out.find("webUrl: https://o.example.com/\n") != std::string::npos);
}

TEST_CASE("discovery: a secret missing under a discovered registry name says where the name came from",
          "[discovery][2.1]") {
  const std::string input = ServingRoute("officer-portal", "reg-x", "officer-portal-reg-x.apps.example.com") +
                            "---\n" + Realm("reg-x-officer-portal", "reg-x");
  MemoryStore empty;
  Rendered r = RenderText(kOfficer, input, &empty);
  CHECK_FALSE(r.ok);
  CHECK(r.diags.exit_code() == 3);
  CHECK(r.Only(hostgraft::Severity::kError) ==
        "error: registry-kv/registry/reg-x/domains/officer-portal/o.example.com, Route for o.example.com: secret "
        "registry-kv/registry/reg-x/domains/officer-portal/o.example.com not found in memory\n"
        "  fix: the registry name \"reg-x\" in this path was discovered at document 2, KeycloakRealm reg-x/r, "
        "spec.realmName, line 20: if this registry has another name, set hostgraft.registry\n");
  // Set in the values, the name is no guess: no hint.
  Rendered set = RenderText(std::string(kOfficer) + "hostgraft:\n  registry: reg-x\n", input, &empty);
  CHECK(set.Only(hostgraft::Severity::kError).find("discovered at") == std::string::npos);
}

TEST_CASE("discovery: -v prints what was discovered and where", "[discovery]") {
  std::string dir = TempDir();
  WriteFile(dir + "/values.yaml", kK);
  RunResult quiet = Run({"render", "--secrets", "none", "-f", dir + "/values.yaml"}, kRedashWithMonitor);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.find("info:") == std::string::npos);
  RunResult verbose = Run({"render", "-v", "--secrets", "none", "-f", dir + "/values.yaml"}, kRedashWithMonitor);
  CHECK(verbose.exit_code == 0);
  CHECK(verbose.out == quiet.out);
  CHECK(verbose.err.find("hostgraft: info: document 1 (Deployment reg-a/redash), "
                         "spec.template.spec.containers[0].env[0].value, line 13: discovered the default Keycloak "
                         "host: d.example.com\n") != std::string::npos);
}
