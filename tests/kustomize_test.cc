// hostgraft as a kustomize legacy exec transformer, run end to end by the
// real `kubectl kustomize --enable-alpha-plugins`.
#include <catch2/catch.hpp>

#include <filesystem>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

// A kustomization over the registry example (plain form) whose transformer
// is hostgraft, installed the way docs/kustomize.md says. Returns the
// environment kubectl needs.
std::map<std::string, std::string> Kustomization(const std::string& app, const std::string& config) {
  std::string xdg = TempDir();
  std::string plugin_dir = xdg + "/kustomize/plugin/hostgraft.io/v1/hostgraft";
  std::filesystem::create_directories(plugin_dir);
  std::filesystem::create_symlink(HOSTGRAFT_BINARY, plugin_dir + "/HostGraft");
  WriteFile(app + "/resources.yaml", ReadFile(Source("testdata/registry/plain.yaml")));
  WriteFile(app + "/values/platform.yaml", ReadFile(Source("testdata/registry/values-platform.yaml")));
  WriteFile(app + "/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            "kind: Kustomization\n"
            "resources:\n"
            "  - resources.yaml\n"
            "transformers:\n"
            "  - hostgraft.yaml\n");
  WriteFile(app + "/hostgraft.yaml", config);
  return {{"XDG_CONFIG_HOME", xdg}, {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}, {"VAULT_ADDR", ""}};
}

// The registry values: the platform's from a file relative to the
// kustomization, the registry's inline.
std::string Config(const std::string& at) {
  return "apiVersion: hostgraft.io/v1\n"
         "kind: HostGraft\n"
         "metadata:\n"
         "  name: hostgraft\n"
         "valuesFiles:\n"
         "  - values/platform.yaml\n"
         "secrets: files:" + Source("testdata/registry/secrets") + "\n"
         "at: " + at + "\n" +
         ReadFile(Source("testdata/registry/values-registry.yaml"));
}

}  // namespace

TEST_CASE("kustomize: the exec transformer grafts and every resource survives", "[kustomize]") {
  std::string app = TempDir();
  auto env = Kustomization(app, Config("2026-06-01T00:00:00Z"));
  // Run from elsewhere: kustomize runs the plugin in the kustomization
  // directory, which is what valuesFiles are relative to.
  RunResult r = RunIn(TempDir(), {"kubectl", "kustomize", "--enable-alpha-plugins", app}, {}, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::multiset<std::string> in = ResourceIds(ReadFile(Source("testdata/registry/plain.yaml")));
  std::multiset<std::string> out = ResourceIds(r.out);
  for (const std::string& id : in) CHECK(out.count(id) == in.count(id));
  // The portal Routes; the Keycloak Route is the platform release's (no Route serves D here).
  CHECK(out.size() == in.size() + 2);
  for (const char* route : {"hostgraft-officer-example-com", "hostgraft-citizen-example-com"})
    CHECK(out.count(std::string("Route reg-a/") + route) == 1);
  // The grafted changes (kustomize writes every rule in block style): twin issuers, the realms' frontend URL, the portal hosts.
  CHECK(Count(r.out, "issuer: https://keycloak.example.com/auth/realms/") == 6);
  CHECK(Count(r.out, "frontendUrl: https://keycloak.example.com/auth/") == 2);
  CHECK(r.out.find("- officer.example.com") != std::string::npos);
  CHECK(r.out.find("-----BEGIN CERTIFICATE-----") != std::string::npos);
  // kustomize matched every resource back by its id annotation and removed
  // its bookkeeping: none of it leaks into the output.
  CHECK(r.out.find("kustomize.config.k8s.io/id") == std::string::npos);
  CHECK(r.out.find("config.kubernetes.io/") == std::string::npos);
}

TEST_CASE("kustomize: a failing transformer fails the build and says why", "[kustomize]") {
  std::string app = TempDir();
  auto env = Kustomization(app, Config("2030-01-01T00:00:00Z"));  // every certificate expired
  RunResult r = RunIn(TempDir(), {"kubectl", "kustomize", "--enable-alpha-plugins", app}, {}, env);
  CHECK(r.exit_code != 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("expired") != std::string::npos);
}

TEST_CASE("kustomize: argv[1] names the config, a file of another kind is no command", "[kustomize]") {
  std::string dir = TempDir();
  WriteFile(dir + "/other.yaml", "apiVersion: v1\nkind: ConfigMap\n");
  RunResult r = Run({dir + "/other.yaml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "hostgraft: error: unknown command " + dir + "/other.yaml\n  fix: values files are given with -f: "
                 "hostgraft render -f " + dir + "/other.yaml; a kustomize exec plugin config is a readable file of "
                 "kind HostGraft\n");

  WriteFile(dir + "/wrong.yaml", "apiVersion: hostgraft.io/v2\nkind: HostGraft\n");
  r = Run({dir + "/wrong.yaml"}, "kind: ConfigMap\n");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "hostgraft: error: " + dir +
                     "/wrong.yaml: expected apiVersion hostgraft.io/v1, kind HostGraft, found apiVersion "
                     "\"hostgraft.io/v2\", kind \"HostGraft\"\n");
}

TEST_CASE("kustomize: inline values win over valuesFiles", "[kustomize]") {
  std::string dir = TempDir();
  WriteFile(dir + "/values.yaml", "keycloak:\n  host: platform-keycloak.apps.cluster.example.com\n"
                                  "  customHost: keycloak.example.com\n");
  WriteFile(dir + "/config.yaml", "apiVersion: hostgraft.io/v1\nkind: HostGraft\nvaluesFiles: [" + dir +
                                      "/values.yaml]\nsecrets: none\nkeycloak:\n  customHost: login.example.org\n");
  std::string input = ReadFile(Source("testdata/registry/plain.yaml"));
  RunResult r = Run({dir + "/config.yaml"}, input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Count(r.out, "issuer: https://login.example.org/auth/realms/") == 4);
  CHECK(r.out.find("keycloak.example.com") == std::string::npos);
}
