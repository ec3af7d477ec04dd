// The Argo CD config management plugin in examples/argocd/: its generate
// command, run the way the CMP server runs it (in the app directory, with
// ARGOCD_* variables), with a stub helm that prints the registry render.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

struct App {
  std::string dir;  // the application's source path
  std::map<std::string, std::string> env;
};

// `helm_body` is the stub helm's shell script; it records its arguments.
App MakeApp(const std::string& helm_body, const std::string& hostgraft_args) {
  App app{TempDir(), {}};
  std::string bin = TempDir();
  WriteScript(bin + "/helm", "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + bin + "/helm-args\n" + helm_body);
  WriteScript(bin + "/hostgraft", "#!/bin/sh\nexec " + std::string(HOSTGRAFT_BINARY) + " \"$@\"\n");
  WriteFile(app.dir + "/Chart.yaml", "apiVersion: v2\nname: registry\nversion: 1.9.7\n");
  WriteFile(app.dir + "/values-platform.yaml", ReadFile(Source("testdata/registry/values-platform.yaml")));
  WriteFile(app.dir + "/values-registry.yaml", ReadFile(Source("testdata/registry/values-registry.yaml")));
  app.env = {{"PATH", bin + ":/usr/bin:/bin"},
             {"ARGOCD_APP_NAME", "reg-a"},
             {"ARGOCD_APP_NAMESPACE", "reg-a"},
             {"ARGOCD_ENV_VALUES_FILES", "values-platform.yaml values-registry.yaml"},
             {"ARGOCD_ENV_HOSTGRAFT_ARGS", hostgraft_args},
             {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"},
             {"VAULT_ADDR", ""}};
  return app;
}

std::string HelmArgs(const App& app) {
  std::string path = app.env.at("PATH");
  return ReadFile(path.substr(0, path.find(':')) + "/helm-args");
}

RunResult Generate(const App& app) {
  YAML::Node plugin = YAML::LoadFile(Source("examples/argocd/plugin.yaml"));
  std::vector<std::string> argv = plugin["spec"]["generate"]["command"].as<std::vector<std::string>>();
  for (const YAML::Node& arg : plugin["spec"]["generate"]["args"]) argv.push_back(arg.as<std::string>());
  return RunIn(app.dir, argv, {}, app.env);
}

const std::string kSecretsArgs = "--secrets files:" + Source("testdata/registry/secrets") + " --at 2026-06-01T00:00:00Z";

}  // namespace

TEST_CASE("argocd: generate pipes helm template through hostgraft", "[argocd]") {
  YAML::Node plugin = YAML::LoadFile(Source("examples/argocd/plugin.yaml"));
  CHECK(plugin["apiVersion"].as<std::string>() == "argoproj.io/v1alpha1");
  CHECK(plugin["kind"].as<std::string>() == "ConfigManagementPlugin");

  App app = MakeApp("cat " + Source("testdata/registry/helm3.yaml") + "\n", kSecretsArgs);
  RunResult r = Generate(app);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(HelmArgs(app) ==
        "template\nreg-a\n.\n--namespace\nreg-a\n-f\nvalues-platform.yaml\n-f\nvalues-registry.yaml\n");
}

TEST_CASE("argocd: a failing hostgraft fails the whole command with no manifest", "[argocd]") {
  App app = MakeApp("cat " + Source("testdata/registry/helm3.yaml") + "\n", "--secrets files:/nonexistent");
  RunResult r = Generate(app);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("/nonexistent") != std::string::npos);
}

TEST_CASE("argocd: a failing helm fails the whole command (pipefail)", "[argocd]") {
  // helm prints part of a manifest, then fails: without pipefail hostgraft
  // would render the part and Argo CD would apply it.
  App app = MakeApp("head -n 40 " + Source("testdata/registry/helm3.yaml") + "\necho 'Error: boom' >&2\nexit 1\n",
                    kSecretsArgs);
  RunResult r = Generate(app);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Error: boom") != std::string::npos);
}
