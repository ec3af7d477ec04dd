// Public charts nobody on this project wrote (testdata/charts, each with its
// SOURCE), rendered by the real Helm 3 with hostgraft as post-renderer and
// compared with the same `helm template` without it: every document
// hostgraft does not change is byte-identical, and the changed ones differ
// in exactly the expected lines.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "base64.h"
#include "helm_support.h"
#include "host_support.h"
#include "test_certs.h"

using namespace hostgraft::test;

namespace {

const char kHelm3[] = "3.17.3";
const char kD[] = "platform-keycloak.apps.cluster.example.com";

std::string Chart(const std::string& name) { return Source("testdata/charts/" + name); }

// One store for every release: the platform's Keycloak hosts and reg-a's
// portal hosts, with certificates made here and judged at kTestAt.
std::string Store() {
  static const std::string dir = [] {
    std::string root = TempDir();
    TestCert ca = MakeCa("Chart Corpus Root CA");
    auto json = [](const std::string& pem) {
      std::string out;
      for (char c : pem) out += c == '\n' ? std::string("\\n") : std::string(1, c);
      return "\"" + out + "\"";
    };
    auto put = [&](const std::string& path, const std::string& host) {
      TestCert leaf = MakeLeaf(ca, {host});
      std::string file = root + "/" + path + ".json";
      RunProgram({"mkdir", "-p", file.substr(0, file.rfind('/'))});
      WriteFile(file, "{\"certificate\": " + json(leaf.cert_pem) + ", \"key\": " + json(leaf.key_pem) +
                          ", \"caCertificate\": " + json(ca.cert_pem) + "}\n");
      RegisterSecret(leaf.key_pem);
    };
    put("registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z", "keycloak.example.com");
    put("registry-kv/cluster/domains/login.example.org", "login.example.org");
    put("registry-kv/registry/reg-a/domains/officer-portal/officer.example.com", "officer.example.com");
    put("registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com", "citizen.example.com");
    return root;
  }();
  return dir;
}

// hostgraft's arguments for every registry-platform release: the shared
// platform and registry values, the default portal hosts, the store above.
std::vector<std::string> PlatformArgs(const std::vector<std::string>& registry_values = {
                                          Source("testdata/registry/values-registry.yaml")}) {
  std::vector<std::string> args{"-f", Source("testdata/registry/values-platform.yaml")};
  for (const std::string& f : registry_values) args.insert(args.end(), {"-f", f});
  args.insert(args.end(), {"-f", Chart("values-hostgraft.yaml"), "--secrets", "files:" + Store(), "--at", kTestAt});
  return args;
}

struct Renders {
  RunResult plain;  // helm template
  RunResult post;   // the same with --post-renderer hostgraft
};

// `helm template <release> <chart> -n <namespace> -f ...`, once without and
// once with hostgraft given `hostgraft_args` as `post_renderer` (the binary
// for Helm 3, the plugin's name for Helm 4).
Renders Render(const Helm& helm, const std::string& release, const std::string& chart, const std::string& ns,
               const std::vector<std::string>& helm_values, const std::vector<std::string>& hostgraft_args,
               const std::string& post_renderer = HOSTGRAFT_BINARY) {
  std::vector<std::string> args{"template", release, Chart(chart), "-n", ns};
  for (const std::string& f : helm_values) args.insert(args.end(), {"-f", f});
  Renders r;
  r.plain = helm.Run(args);
  INFO(r.plain.err);
  REQUIRE(r.plain.exit_code == 0);
  args.insert(args.end(), {"--post-renderer", post_renderer});
  for (const std::string& a : hostgraft_args) args.push_back("--post-renderer-args=" + a);
  r.post = helm.Run(args, {{"VAULT_ADDR", ""}});
  return r;
}

std::vector<std::string> PlatformChartValues(const std::string& chart) {
  std::vector<std::string> values{Chart("values-platform-charts.yaml")};
  if (chart == "keycloak") values.push_back(Chart("keycloak/values-platform.yaml"));
  return values;
}

// Asserts that `after` holds the documents of `before` in order, each one
// byte-identical except those whose line diff is given in `changed` (keyed
// by the document's `# Source:` line and index), followed by `generated`
// more documents. Returns the generated documents.
std::vector<std::string> ExpectOnly(const std::string& before, const std::string& after,
                                    const std::map<size_t, std::vector<std::string>>& changed, size_t generated = 0) {
  std::vector<std::string> in = HelmDocuments(before), out = HelmDocuments(after);
  REQUIRE(out.size() == in.size() + generated);
  for (size_t i = 0; i < in.size(); ++i) {
    INFO("document " << i << ":\n" << in[i]);
    auto it = changed.find(i);
    if (it == changed.end()) CHECK(out[i] == in[i]);
    else CHECK(LineDiff(in[i], out[i]) == it->second);
  }
  return std::vector<std::string>(out.begin() + static_cast<long>(in.size()), out.end());
}

size_t IndexOf(const std::string& stream, const std::string& needle) {
  std::vector<std::string> docs = HelmDocuments(stream);
  for (size_t i = 0; i < docs.size(); ++i)
    if (docs[i].find(needle) != std::string::npos) return i;
  FAIL("no document holds " << needle);
  return 0;
}

}  // namespace

TEST_CASE("chart corpus: user-task-management gets the twin jwtRules on K, its ServiceMonitor passes", "[charts]") {
  Helm helm(kHelm3);
  Renders r = Render(helm, "user-task-management", "user-task-management", "reg-a",
                     PlatformChartValues("user-task-management"), PlatformArgs());
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  std::string realm = std::string("https://") + kD + "/auth/realms/reg-a-";
  size_t ra = IndexOf(r.plain.out, "kind: RequestAuthentication");
  ExpectOnly(r.plain.out, r.post.out,
             {{ra,
               {"+      issuer: https://keycloak.example.com/auth/realms/reg-a-officer-portal",
                "+      jwksUri: " + realm + "officer-portal/protocol/openid-connect/certs",
                "+    - forwardOriginalToken: true", "+      fromHeaders:", "+        - name: X-Access-Token",
                "+    - forwardOriginalToken: true", "+      fromHeaders:", "+        - name: X-Access-Token",
                "+      issuer: https://keycloak.example.com/auth/realms/reg-a-citizen-portal",
                "+      jwksUri: " + realm + "citizen-portal/protocol/openid-connect/certs"}}});
  // Semantically: each default rule is followed by its twin on K, jwksUri still on D.
  YAML::Node rules = YAML::Load(HelmDocuments(r.post.out)[ra])["spec"]["jwtRules"];
  REQUIRE(rules.size() == 4);
  for (int i : {0, 2}) {
    std::string issuer = rules[i]["issuer"].as<std::string>();
    CHECK(issuer.rfind(realm, 0) == 0);
    CHECK(rules[i + 1]["issuer"].as<std::string>() ==
          "https://keycloak.example.com" + issuer.substr(std::string("https://").size() + std::string(kD).size()));
    CHECK(rules[i + 1]["jwksUri"].as<std::string>() == rules[i]["jwksUri"].as<std::string>());
    CHECK(rules[i + 1]["fromHeaders"][0]["name"].as<std::string>() == "X-Access-Token");
    CHECK(rules[i + 1]["forwardOriginalToken"].as<bool>());
  }
}

TEST_CASE("chart corpus: user-task-management given the custom host by Helm too is left as it is", "[charts]") {
  // The chart renders the twin rules itself when keycloak.customHost is set:
  // hostgraft adds nothing.
  Helm helm(kHelm3);
  std::vector<std::string> values = PlatformChartValues("user-task-management");
  values.push_back(Source("testdata/registry/values-registry.yaml"));
  Renders r = Render(helm, "user-task-management", "user-task-management", "reg-a", values, PlatformArgs());
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  CHECK(r.post.out == r.plain.out);
}

TEST_CASE("chart corpus: registry-configuration realms get frontendUrl on K, portal clients move", "[charts]") {
  Helm helm(kHelm3);
  Renders r = Render(helm, "registry-configuration", "registry-configuration", "reg-a",
                     PlatformChartValues("registry-configuration"), PlatformArgs());
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  const std::string officer = "https://officer-portal-reg-a-main.apps.cluster.example.com";
  std::map<size_t, std::vector<std::string>> changed;
  std::vector<std::string> docs = HelmDocuments(r.plain.out);
  for (size_t i = 0; i < docs.size(); ++i) {
    YAML::Node doc = YAML::Load(docs[i]);
    std::string kind = doc["kind"].as<std::string>();
    if (kind == "KeycloakRealm" && doc["spec"]["frontendUrl"]) {
      CHECK(doc["spec"]["frontendUrl"].as<std::string>() == std::string("https://") + kD + "/auth/");
      changed[i] = {std::string("-  frontendUrl: https://") + kD + "/auth/",
                    "+  frontendUrl: https://keycloak.example.com/auth/"};
    }
    if (kind == "KeycloakClient" && doc["spec"]["webUrl"]) {
      std::string url = doc["spec"]["webUrl"].as<std::string>();
      if (url.rfind(officer, 0) == 0)
        changed[i] = {"-  webUrl: " + url, "+  webUrl: https://officer.example.com" + url.substr(officer.size())};
      if (url == "https://citizen-portal-reg-a-main.apps.cluster.example.com")
        changed[i] = {"-  webUrl: " + url, "+  webUrl: https://citizen.example.com"};
    }
  }
  // officer-portal and citizen-portal realms; the officer, citizen and two Redash viewer clients.
  CHECK(changed.size() == 6);
  ExpectOnly(r.plain.out, r.post.out, changed);
}

TEST_CASE("chart corpus: Redash with a ServiceMonitor in openshift-monitoring, registry name discovered", "[charts]") {
  // No hostgraft.registry: the realm names (reg-a-officer-portal) give it;
  // the ServiceMonitor's namespace is no candidate (DESIGN 4.2).
  std::string registry_values = TempDir() + "/values-registry.yaml";
  WriteFile(registry_values, "keycloak:\n  customHost: keycloak.example.com\n");
  Helm helm(kHelm3);
  Renders r = Render(helm, "redash-chart", "redash-chart", "reg-a", PlatformChartValues("redash-chart"),
                     PlatformArgs({registry_values}));
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  REQUIRE(r.plain.out.find("namespace: openshift-monitoring") != std::string::npos);
  std::string realm = "/auth/realms/reg-a-officer-portal/protocol/saml\"";
  ExpectOnly(r.plain.out, r.post.out,
             {{IndexOf(r.plain.out, "name: redash-viewer\n"),
               {std::string("-              value: \"https://") + kD + realm,
                "+              value: \"https://keycloak.example.com" + realm}}});
}

TEST_CASE("chart corpus: the Keycloak release passes a duplicate key byte for byte and carries the Routes",
          "[charts]") {
  Helm helm(kHelm3);
  Renders r = Render(helm, "keycloak", "keycloak", "keycloak", PlatformChartValues("keycloak"), PlatformArgs());
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  // The Service renders app.kubernetes.io/component twice (line 14 of the
  // document, counting its `# Source:` line as Helm prints it).
  REQUIRE(Count(r.plain.out, "    app.kubernetes.io/component: ") == 2);
  // Helm 3 shows a post-renderer's stderr only when it fails: the warning is
  // read from hostgraft run on the same stream.
  RunResult direct = Run(PlatformArgs(), r.plain.out);
  CHECK(direct.exit_code == 0);
  CHECK(direct.out == r.post.out);
  CHECK(direct.err.find("warning") != std::string::npos);
  CHECK(direct.err.find("Service keycloak-http") != std::string::npos);
  CHECK(direct.err.find("\"app.kubernetes.io/component\"") != std::string::npos);
  CHECK(direct.err.find("line 14") != std::string::npos);
  // This release serves D: it carries a Route for every custom Keycloak host
  // the platform lists (DESIGN 5.12), copied from the Route for D.
  std::vector<std::string> generated = ExpectOnly(r.plain.out, r.post.out, {}, 2);
  std::vector<std::string> hosts;
  for (const std::string& doc : generated) {
    YAML::Node route = YAML::Load(doc);
    CHECK(route["kind"].as<std::string>() == "Route");
    CHECK(route["spec"]["to"]["name"].as<std::string>() == "keycloak-http");
    CHECK(route["spec"]["port"]["targetPort"].as<std::string>() == "http");
    CHECK(route["spec"]["tls"]["termination"].as<std::string>() == "edge");
    CHECK(route["spec"]["tls"]["insecureEdgeTerminationPolicy"].as<std::string>() == "Redirect");
    CHECK(route["spec"]["tls"]["key"]);
    hosts.push_back(route["spec"]["host"].as<std::string>());
  }
  CHECK(hosts == std::vector<std::string>{"keycloak.example.com", "login.example.org"});
}

TEST_CASE("chart corpus: releases given the same values, only the one that serves D emits the Keycloak Routes",
          "[charts]") {
  Helm helm(kHelm3);
  for (const std::string chart : {"user-task-management", "registry-configuration", "redash-chart"}) {
    INFO(chart);
    Renders r = Render(helm, chart, chart, "reg-a", PlatformChartValues(chart), PlatformArgs());
    INFO(r.post.err);
    REQUIRE(r.post.exit_code == 0);
    CHECK(r.post.out.find("hostgraft-keycloak") == std::string::npos);
    CHECK(r.post.out.find("hostgraft-login") == std::string::npos);
    CHECK(HelmDocuments(r.post.out).size() == HelmDocuments(r.plain.out).size());
  }
}

TEST_CASE("chart corpus: intercom-service 2.1.0 grafted, no placeholder left", "[charts][ics]") {
  Helm helm(kHelm3);
  std::string values = Chart("intercom-service/values-nubus.yaml");
  std::vector<std::string> args{"-f", values, "--secrets", "files:" + Source("testdata/ics/secrets"), "--at",
                                kTestAt};
  Renders r = Render(helm, "nubus", "intercom-service", "nubus", {values}, args);
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  REQUIRE(Count(r.plain.out, "hostgraft-placeholder") == 3);
  CHECK(r.post.out.find("hostgraft-placeholder") == std::string::npos);
  // The Ingress certificate Secret is generated; nothing else is added.
  std::vector<std::string> in = HelmDocuments(r.plain.out), out = HelmDocuments(r.post.out);
  REQUIRE(out.size() == in.size() + 1);
  YAML::Node tls = YAML::Load(out.back());
  CHECK(tls["kind"].as<std::string>() == "Secret");
  CHECK(tls["metadata"]["name"].as<std::string>() == "hostgraft-ics-example-org");
  CHECK(tls["type"].as<std::string>() == "kubernetes.io/tls");

  std::set<size_t> changed;
  for (size_t i = 0; i < in.size(); ++i) {
    if (out[i] == in[i]) continue;
    changed.insert(i);
    // A replaced block scalar keeps its header line (DESIGN 3).
    for (const std::string& line : LineDiff(in[i], out[i])) {
      INFO("document " << i << ": " << line);
      CHECK(line.find(": |") == std::string::npos);
    }
  }
  // env Secret, mTLS Secret, CA ConfigMap, provisioning-env ConfigMap, Deployment, Ingress.
  CHECK(changed.size() == 6);
  std::map<std::string, YAML::Node> by_name;
  for (size_t i : changed) {
    YAML::Node doc = YAML::Load(out[i]);
    by_name[doc["kind"].as<std::string>() + " " + doc["metadata"]["name"].as<std::string>()] = doc;
  }
  YAML::Node env = by_name["Secret nubus-intercom-service"]["stringData"];
  CHECK(env["ISSUER_BASE_URL"].as<std::string>() == "https://id.example.org/realms/nubus");
  CHECK(env["KEYCLOAK_URL"].as<std::string>() == "https://id.example.org");
  CHECK(env["BASE_URL"].as<std::string>() == "https://ics.example.org");
  CHECK(env["INTERCOM_URL"].as<std::string>() == "https://ics.example.org");
  CHECK(env["PORTAL_URL"].as<std::string>() == "https://portal.example.org");
  CHECK(by_name["ConfigMap nubus-intercom-service-provisioning-env"]["data"]["KEYCLOAK_APP_BASE_URL"]
            .as<std::string>() == "https://ics.example.org");
  YAML::Node mtls = by_name["Secret nubus-intercom-service-redis-client-credentials"]["stringData"];
  CHECK(mtls["tls.crt"].as<std::string>().rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
  CHECK(by_name["ConfigMap nubus-intercom-service-redis-ssl"]["data"]["rootca.pem"].as<std::string>().rfind(
            "-----BEGIN CERTIFICATE-----", 0) == 0);
  CHECK(by_name["Deployment nubus-intercom-service"]["spec"]["template"]["metadata"]["annotations"]
               ["hostgraft.io/checksum"]);
  YAML::Node rules = by_name["Ingress nubus-intercom-service"]["spec"]["rules"];
  REQUIRE(rules.size() == 2);
  CHECK(rules[1]["host"].as<std::string>() == "ics.example.org");
}

TEST_CASE("chart corpus: intercom-service with the chart's default mTLS Secret name never ships a placeholder",
          "[charts][ics]") {
  // With the default mTLS.existingSecret.name the chart renders its own
  // client Secret (with the placeholders) under another name than the one
  // the Deployment mounts. No placeholder reaches a release (DESIGN 2.1):
  // the chart's own Secret gets the client certificate too, with a warning.
  std::string defaults = TempDir() + "/values-default-secret-name.yaml";
  WriteFile(defaults,
            "ics:\n  redis:\n    ssl:\n      mTLS:\n        existingSecret:\n"
            "          name: intercom-service-redis-client-credentials\n");
  Helm helm(kHelm3);
  std::string values = Chart("intercom-service/values-nubus.yaml");
  Renders r = Render(helm, "nubus", "intercom-service", "nubus", {values, defaults},
                     {"-f", values, "-f", defaults, "--secrets", "files:" + Source("testdata/ics/secrets"), "--at",
                      kTestAt});
  INFO(r.post.err);
  REQUIRE(r.post.exit_code == 0);
  CHECK(r.plain.out.find("hostgraft-placeholder") != std::string::npos);
  CHECK(r.post.out.find("hostgraft-placeholder") == std::string::npos);
  int client_secrets = 0;
  for (const std::string& doc : HelmDocuments(r.post.out)) {
    YAML::Node n = YAML::Load(doc);
    if (!n["kind"] || n["kind"].as<std::string>() != "Secret" || !n["type"] ||
        n["type"].as<std::string>() != "kubernetes.io/tls" ||
        n["metadata"]["name"].as<std::string>().find("redis-client-credentials") == std::string::npos)
      continue;
    ++client_secrets;
    INFO(n["metadata"]["name"].as<std::string>());
    // The chart writes stringData; hostgraft's generated Secret base64 data.
    std::string crt;
    if (n["stringData"]) crt = n["stringData"]["tls.crt"].as<std::string>();
    else CHECK(hostgraft::Base64Decode(n["data"]["tls.crt"].as<std::string>(), &crt));
    CHECK(crt.rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
  }
  // The chart's own and the mounted one, which hostgraft generates.
  CHECK(client_secrets == 2);
}

TEST_CASE("chart corpus: Helm 4 with the plugin renders the Keycloak and user-task-management releases", "[charts]") {
  // Helm 4 re-serialises what the plugin returns, so documents are compared
  // parsed; it prints its own `# Source:` line before each one and orders
  // documents by it, so hostgraft's are set apart by theirs.
  Helm helm("4.1.4");
  RunResult install = helm.Run({"plugin", "install", BuildDir() + "/helm-plugin/hostgraft"});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  auto parsed = [](const std::string& doc) { return YAML::Dump(YAML::Load(doc)); };
  auto compare = [&](const Renders& r, std::size_t generated) {
    INFO(r.post.err);
    REQUIRE(r.post.exit_code == 0);
    std::vector<std::string> in = HelmDocuments(r.plain.out), out, ours;
    for (const std::string& doc : HelmDocuments(r.post.out)) {
      std::vector<std::string> sources = SourceLines(doc);
      REQUIRE(sources.size() == 1);
      (sources[0].rfind("# Source: hostgraft/route-hostgraft-", 0) == 0 ? ours : out).push_back(doc);
    }
    CHECK(ours.size() == generated);
    REQUIRE(out.size() == in.size());
    std::vector<std::string> changed;
    for (size_t i = 0; i < in.size(); ++i) {
      CHECK(SourceLines(out[i]) == SourceLines(in[i]));
      if (parsed(in[i]) != parsed(out[i])) changed.push_back(YAML::Load(in[i])["kind"].as<std::string>());
    }
    return changed;
  };

  // The platform release that serves D: its Service with the duplicate key
  // passes (Helm 4 keeps both lines), and it carries the two Keycloak Routes.
  Renders keycloak = Render(helm, "keycloak", "keycloak", "keycloak", PlatformChartValues("keycloak"), PlatformArgs(),
                            "hostgraft");
  CHECK(compare(keycloak, 2).empty());
  CHECK(Count(keycloak.post.out, "    app.kubernetes.io/component: ") == 2);
  CHECK(keycloak.post.out.find("  host: keycloak.example.com\n") != std::string::npos);
  CHECK(keycloak.post.out.find("  host: login.example.org\n") != std::string::npos);

  // A registry release: only the RequestAuthentication changes, and it gets
  // no Keycloak Route (that belongs to the release above).
  Renders tasks = Render(helm, "user-task-management", "user-task-management", "reg-a",
                         PlatformChartValues("user-task-management"), PlatformArgs(), "hostgraft");
  CHECK(compare(tasks, 0) == std::vector<std::string>{"RequestAuthentication"});
  CHECK(tasks.post.out.find("issuer: https://keycloak.example.com/auth/realms/reg-a-officer-portal") !=
        std::string::npos);
}
