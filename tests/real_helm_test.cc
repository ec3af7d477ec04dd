// hostgraft under the real Helm 3.17.3 and Helm 4.1.4 (scripts/helm-binaries):
// the registry chart of testdata/helm/registry rendered with and without
// hostgraft as post-renderer, the Helm 4 plugin installed the way
// docs/helm.md says, and renders that fail make Helm fail with the reason.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "helm_support.h"
#include "host_support.h"

using namespace hostgraft::test;

namespace {

const char kHelm3[] = "3.17.3";
const char kHelm4[] = "4.1.4";
const char kAt[] = "2026-06-01T00:00:00Z";

std::string PlatformValues() { return Source("testdata/registry/values-platform.yaml"); }
std::string RegistryValues() { return Source("testdata/registry/values-registry.yaml"); }

// `helm <command> reg-a <chart> -n reg-a` with the values the platform gives
// the registry release.
std::vector<std::string> ChartArgs(const std::string& command) {
  return {command, "reg-a", Source("testdata/helm/registry"), "-n", "reg-a", "-f", PlatformValues(),
          "-f", RegistryValues()};
}

// hostgraft's options as `--post-renderer-args`, one flag per argument.
std::vector<std::string> PostRendererArgs(const std::vector<std::string>& hostgraft_args) {
  std::vector<std::string> args;
  for (const std::string& a : hostgraft_args) args.push_back("--post-renderer-args=" + a);
  return args;
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The store and the time every render here judges certificates at.
const std::vector<std::string> kStoreArgs{"--secrets", "files:" + Source("testdata/registry/secrets"), "--at", kAt};

std::vector<std::string> ValuesArgs(const std::string& registry_values) {
  return {"-f", PlatformValues(), "-f", registry_values};
}

std::string Id(const std::string& document) { return *ResourceIds(document).begin(); }

// What hostgraft grafts onto reg-a with values-registry.yaml: each changed
// document and the custom host its added lines name.
const std::map<std::string, std::string> kGrafted{
    {"Deployment reg-a/redash-viewer", "https://keycloak.example.com/auth/realms/reg-a-officer-portal/"},
    {"Gateway reg-a/gateway", "- officer.example.com"},
    {"KeycloakClient reg-a/redash-viewer", "webUrl: https://officer.example.com/reports"},
    {"KeycloakRealm reg-a/officer-portal", "frontendUrl: https://keycloak.example.com/auth/"},
    {"KeycloakRealm reg-a/citizen-portal", "frontendUrl: https://keycloak.example.com/auth/"},
    {"KongPlugin reg-a/oidc-officer-portal", "https://keycloak.example.com/auth/realms/reg-a-officer-portal"},
    {"RequestAuthentication reg-a/registry-regulation-management", "issuer: https://keycloak.example.com/auth/realms/reg-a-admin"},
    {"RequestAuthentication reg-a/registry-rest-api", "issuer: https://keycloak.example.com/auth/realms/reg-a-officer-portal"},
    {"RequestAuthentication reg-a/user-settings-service-api", "https://keycloak.example.com/auth/realms/reg-a-citizen-portal"},
    {"VirtualService reg-a/citizen-portal", "- citizen.example.com"},
    {"VirtualService reg-a/officer-portal", "- officer.example.com"},
    // A post-upgrade hook: only Helm 4 post-renders hooks.
    {"Job reg-a/redash-viewer-upgrade", "https://keycloak.example.com/auth/realms/reg-a-officer-portal/"},
};
const char kHook[] = "Job reg-a/redash-viewer-upgrade";

// The Routes hostgraft generates for reg-a: the portals' (their default-host
// Routes are in the chart); the Keycloak Routes belong to the platform
// release that serves the default Keycloak host.
const std::vector<std::string> kGeneratedSources{"# Source: hostgraft/route-hostgraft-citizen-example-com.yaml",
                                                 "# Source: hostgraft/route-hostgraft-officer-example-com.yaml"};

struct Comparison {
  std::set<std::string> changed;       // ids of the documents that differ
  std::vector<std::string> generated;  // documents with `# Source: hostgraft/...`
};

// Pairs the documents of `plain` with those of `post` (the generated ones
// set aside) in order and checks every changed one adds the host kGrafted
// names for it. `normal` is what is compared: the bytes (Helm 3), or the
// parsed document (Helm 4 re-serialises what it prints).
Comparison Compare(const std::string& plain, const std::string& post,
                   std::string (*normal)(const std::string&)) {
  Comparison c;
  std::vector<std::string> in = HelmDocuments(plain), out;
  for (const std::string& doc : HelmDocuments(post))
    (doc.find("\n# Source: hostgraft/") != std::string::npos ? c.generated : out).push_back(doc);
  REQUIRE(out.size() == in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    std::string id = Id(in[i]);
    INFO("document " << i << ": " << id);
    REQUIRE(Id(out[i]) == id);
    std::string before = normal(in[i]), after = normal(out[i]);
    if (before == after) continue;
    c.changed.insert(id);
    auto host = kGrafted.find(id);
    if (host == kGrafted.end()) continue;  // an unexpected change: the caller's set check names it
    bool added = false;
    for (const std::string& line : LineDiff(before, after))
      added = added || (line[0] == '+' && line.find(host->second) != std::string::npos);
    CHECK(added);
  }
  return c;
}

std::string Bytes(const std::string& doc) { return doc; }
std::string Parsed(const std::string& doc) { return YAML::Dump(YAML::Load(doc)); }

std::set<std::string> GraftedIds(bool with_hook) {
  std::set<std::string> ids;
  for (const auto& [id, host] : kGrafted)
    if (with_hook || id != kHook) ids.insert(id);
  return ids;
}

void CheckGenerated(const std::vector<std::string>& generated) {
  std::vector<std::string> sources;
  for (const std::string& doc : generated) {
    std::vector<std::string> lines = SourceLines(doc);
    REQUIRE(lines.size() == 1);
    sources.push_back(lines[0]);
    YAML::Node route = YAML::Load(doc);
    CHECK(route["kind"].as<std::string>() == "Route");
    CHECK(route["metadata"]["namespace"].as<std::string>() == "reg-a");
    CHECK(lines[0] == "# Source: hostgraft/route-" + route["metadata"]["name"].as<std::string>() + ".yaml");
    CHECK(route["spec"]["tls"]["certificate"].as<std::string>().rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  }
  std::sort(sources.begin(), sources.end());
  CHECK(sources == kGeneratedSources);
}

// Every document Helm 4 printed has exactly one `# Source:` line, and none
// is named generated-by-postrender-N (hostgraft names its own documents).
void CheckHelm4Sources(const std::string& output) {
  for (const std::string& doc : HelmDocuments(output)) {
    INFO(doc.substr(0, 200));
    CHECK(SourceLines(doc).size() == 1);
  }
  CHECK(output.find("generated-by-postrender") == std::string::npos);
  CHECK(output.find("postrenderer.helm.sh/postrender-filename") == std::string::npos);
}

// A Helm 4 with the plugin installed from the directory the build lays out.
void InstallPluginDirectory(const Helm& helm) {
  RunResult install = helm.Run({"plugin", "install", BuildDir() + "/helm-plugin/hostgraft"});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  CHECK(install.out.find("Installed plugin: hostgraft\n") != std::string::npos);
}

std::string PluginVersion() { return YAML::LoadFile(Source("plugin.yaml"))["version"].as<std::string>(); }

}  // namespace

TEST_CASE("real helm 3: --post-renderer hostgraft grafts the hosts and passes every other document byte for byte",
          "[real-helm]") {
  Helm helm(kHelm3);
  RunResult plain = helm.Run(ChartArgs("template"));
  INFO(plain.err);
  REQUIRE(plain.exit_code == 0);
  std::vector<std::string> args = Concat(ChartArgs("template"), {"--post-renderer", HOSTGRAFT_BINARY});
  RunResult post = helm.Run(Concat(args, PostRendererArgs(Concat(ValuesArgs(RegistryValues()), kStoreArgs))),
                            {{"VAULT_ADDR", ""}});
  INFO(post.err);
  REQUIRE(post.exit_code == 0);
  CHECK(post.err.empty());
  // Helm 3 does not post-render hooks: the upgrade Job stays as the chart made it.
  Comparison c = Compare(plain.out, post.out, Bytes);
  CHECK(c.changed == GraftedIds(false));
  CheckGenerated(c.generated);
  // Every document keeps its one `# Source:` line.
  CHECK(SourceLines(post.out).size() == HelmDocuments(post.out).size());
}

TEST_CASE("real helm 3: a failing render fails helm template with hostgraft's reason", "[real-helm]") {
  Helm helm(kHelm3);
  std::string bad = TempDir() + "/values.yaml";
  WriteFile(bad, "keycloak:\n  customHost: nowhere.example.com\n");
  std::vector<std::string> args = Concat(ChartArgs("template"), {"--post-renderer", HOSTGRAFT_BINARY});
  RunResult r = helm.Run(Concat(args, PostRendererArgs(Concat(ValuesArgs(bad), kStoreArgs))), {{"VAULT_ADDR", ""}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("hostgraft: error: keycloak.customHost: \"nowhere.example.com\" is not one of the hosts in "
                   "keycloak.customHosts (keycloak.example.com, login.example.org)") != std::string::npos);
  CHECK(r.err.find(": exit status 2\n") != std::string::npos);
}

TEST_CASE("real helm 3: the Helm 4 plugin is not a Helm 3 plugin", "[real-helm]") {
  // Helm 3 decodes plugin.yaml strictly and refuses apiVersion: with it in
  // its plugins directory Helm 3 warns and runs on without the plugin.
  Helm helm(kHelm3);
  RunResult list = helm.Run({"plugin", "list"}, {{"HELM_PLUGINS", BuildDir() + "/helm-plugin"}});
  CHECK(list.err.find("failed to load plugin at \"" + BuildDir() + "/helm-plugin/hostgraft/plugin.yaml\"") !=
        std::string::npos);
  CHECK(list.err.find("unknown field \"apiVersion\"") != std::string::npos);
  CHECK(list.out.find("hostgraft") == std::string::npos);
}

TEST_CASE("real helm 4: the plugin from the build directory post-renders helm template and install --dry-run",
          "[real-helm]") {
  Helm helm(kHelm4);
  InstallPluginDirectory(helm);
  RunResult list = helm.Run({"plugin", "list"});
  CHECK(list.out.find("postrenderer/v1") != std::string::npos);

  RunResult plain = helm.Run(ChartArgs("template"));
  INFO(plain.err);
  REQUIRE(plain.exit_code == 0);
  // Helm 4.1.4 passes --post-renderer-args to the plugin: -f works as in Helm 3.
  std::vector<std::string> post_args =
      Concat(Concat(ChartArgs("template"), {"--post-renderer", "hostgraft"}),
             PostRendererArgs(Concat(ValuesArgs(RegistryValues()), kStoreArgs)));
  RunResult post = helm.Run(post_args, {{"VAULT_ADDR", ""}});
  INFO(post.err);
  REQUIRE(post.exit_code == 0);
  CheckHelm4Sources(post.out);
  Comparison c = Compare(plain.out, post.out, Parsed);
  CHECK(c.changed == GraftedIds(true));
  CheckGenerated(c.generated);

  // install --dry-run=client needs no cluster and no kube config in Helm 4
  // (KUBECONFIG names a file that does not exist): it prints the same
  // documents, the hooks first.
  std::vector<std::string> install_args =
      Concat(Concat(ChartArgs("install"), {"--dry-run=client", "--post-renderer", "hostgraft"}),
             PostRendererArgs(Concat(ValuesArgs(RegistryValues()), kStoreArgs)));
  RunResult install = helm.Run(install_args, {{"VAULT_ADDR", ""}});
  INFO(install.err);
  REQUIRE(install.exit_code == 0);
  CHECK(install.out.find("STATUS: pending-install\n") != std::string::npos);
  CheckHelm4Sources(install.out);
  std::vector<std::string> installed = HelmDocuments(install.out), templated = HelmDocuments(post.out);
  CHECK(std::multiset<std::string>(installed.begin(), installed.end()) ==
        std::multiset<std::string>(templated.begin(), templated.end()));
}

TEST_CASE("real helm 4: the plugin tarball installs with the command docs/helm.md gives and HOSTGRAFT_VALUES works",
          "[real-helm]") {
  std::string tarball = "build/hostgraft-" + PluginVersion() + ".tgz";
  CHECK(ReadFile(Source("docs/helm.md")).find("\nhelm plugin install --verify=false " + tarball + "\n") !=
        std::string::npos);
  // The command as docs/helm.md gives it, run where build/ is the build directory.
  std::string top = TempDir();
  std::filesystem::create_directory_symlink(BuildDir(), top + "/build");

  Helm helm(kHelm4);
  // Without --verify=false Helm 4 wants a signed .prov beside the tarball.
  RunResult verified = helm.Run({"plugin", "install", tarball}, {}, top);
  CHECK(verified.exit_code == 1);
  CHECK(verified.err.find("Error: plugin verification failed: no provenance file (.prov) found\n") !=
        std::string::npos);
  RunResult install = helm.Run({"plugin", "install", "--verify=false", tarball}, {}, top);
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  CHECK(install.out == "WARNING: Skipping plugin signature verification\nInstalled plugin: hostgraft\n");
  RunResult list = helm.Run({"plugin", "list"});
  CHECK(list.out.find("postrenderer/v1") != std::string::npos);
  CHECK(list.out.find("unsigned") != std::string::npos);

  // The values from HOSTGRAFT_VALUES, the other options as --post-renderer-args.
  Helm by_args(kHelm4);
  InstallPluginDirectory(by_args);
  std::vector<std::string> template_args = Concat(ChartArgs("template"), {"--post-renderer", "hostgraft"});
  RunResult from_env = helm.Run(Concat(template_args, PostRendererArgs(kStoreArgs)),
                                {{"VAULT_ADDR", ""}, {"HOSTGRAFT_VALUES", PlatformValues() + ":" + RegistryValues()}});
  INFO(from_env.err);
  REQUIRE(from_env.exit_code == 0);
  RunResult from_args =
      by_args.Run(Concat(template_args, PostRendererArgs(Concat(ValuesArgs(RegistryValues()), kStoreArgs))),
                  {{"VAULT_ADDR", ""}});
  REQUIRE(from_args.exit_code == 0);
  CHECK(from_env.out == from_args.out);
}

TEST_CASE("real helm 4: a failing render fails helm with the reason only in the error log", "[real-helm]") {
  Helm helm(kHelm4);
  InstallPluginDirectory(helm);
  std::string state = TempDir();
  std::map<std::string, std::string> env{{"VAULT_ADDR", ""}, {"HOSTGRAFT_ERROR_LOG", ""}, {"XDG_STATE_HOME", state}};
  std::string log = state + "/hostgraft/last-error.log";
  std::vector<std::string> args = Concat(ChartArgs("template"), {"--post-renderer", "hostgraft"});

  SECTION("a custom host the platform does not list") {
    std::string bad = TempDir() + "/values.yaml";
    WriteFile(bad, "keycloak:\n  customHost: nowhere.example.com\n");
    RunResult r = helm.Run(Concat(args, PostRendererArgs(Concat(ValuesArgs(bad), kStoreArgs))), env);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "Error: error while running post render on files: failed to invoke post-renderer plugin "
                   "\"hostgraft\": plugin \"hostgraft\" exited with error\n\nUse --debug flag to render out invalid YAML\n");
    std::string text = ReadFile(log);
    CHECK(text.find("hostgraft render (exit 2)\n") != std::string::npos);
    CHECK(text.find("hostgraft: error: keycloak.customHost: \"nowhere.example.com\" is not one of the hosts in "
                    "keycloak.customHosts") != std::string::npos);
  }
  SECTION("neither HOSTGRAFT_VALUES nor --post-renderer-args: no values, no release") {
    std::map<std::string, std::string> bare = env;
    bare["HOSTGRAFT_VALUES"] = "";
    RunResult r = helm.Run(args, bare);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    std::string text = ReadFile(log);
    CHECK(text.find("hostgraft render (exit 2)\n") != std::string::npos);
    CHECK(text.find("hostgraft: error: no values given: without them hostgraft knows no custom host and would pass "
                    "the stream through unchanged\n") != std::string::npos);
  }
  SECTION("values but no secret store, for hosts that need certificates") {
    RunResult r = helm.Run(Concat(args, PostRendererArgs(ValuesArgs(RegistryValues()))), env);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    std::string text = ReadFile(log);
    CHECK(text.find("and no secret store is chosen: no --secrets and no VAULT_ADDR\n  fix: choose one: --secrets "
                    "vault (with VAULT_ADDR set), --secrets files:DIR, or --secrets none") != std::string::npos);
  }
  SECTION("certificates that expired by --at") {
    RunResult r = helm.Run(
        Concat(args, PostRendererArgs(Concat(ValuesArgs(RegistryValues()),
                                             {"--secrets", "files:" + Source("testdata/registry/secrets"), "--at",
                                              "2030-01-01T00:00:00Z"}))),
        env);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("expired") == std::string::npos);
    std::string text = ReadFile(log);
    CHECK(text.find("hostgraft render (exit 1)\n") != std::string::npos);
    CHECK(text.find("the certificate for officer.example.com expired at 2027-01-01T00:00:00Z (judged at "
                    "2030-01-01T00:00:00Z)") != std::string::npos);
  }
}
