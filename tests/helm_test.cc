// hostgraft as Helm runs it: Helm 3 `--post-renderer` with
// `--post-renderer-args`, and the Helm 4 post-renderer plugin (plugin.yaml,
// the laid-out plugin directory, HOSTGRAFT_VALUES, the error log).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

const char kAt[] = "2026-06-01T00:00:00Z";

std::string Values() {
  return Source("testdata/registry/values-platform.yaml") + ":" + Source("testdata/registry/values-registry.yaml");
}

// What Helm 4 runs: platformCommand[0].command with ${HELM_PLUGIN_DIR}
// expanded (os.ExpandEnv), followed by the --post-renderer-args.
std::string PluginCommand(const YAML::Node& plugin, const std::string& plugin_dir) {
  std::string command = plugin["runtimeConfig"]["platformCommand"][0]["command"].as<std::string>();
  return std::regex_replace(command, std::regex(R"(\$\{HELM_PLUGIN_DIR\}|\$HELM_PLUGIN_DIR)"), plugin_dir);
}

// The plugin as `helm plugin install build/hostgraft-plugin.tgz` unpacks it.
std::string InstalledPlugin() {
  std::string plugins = TempDir();
  RunResult tar = RunProgram({"tar", "xzf", BuildDir() + "/hostgraft-plugin.tgz", "-C", plugins});
  REQUIRE(tar.exit_code == 0);
  return plugins + "/hostgraft";
}

}  // namespace

TEST_CASE("helm 3: --post-renderer-args become argv and the stream stays a Helm 3 manifest", "[helm]") {
  // helm install reg-a ./registry --post-renderer hostgraft --post-renderer-args=-f
  //   --post-renderer-args=values-platform.yaml ... runs exactly this argv.
  std::vector<std::string> post_renderer_args{"-f",        Source("testdata/registry/values-platform.yaml"),
                                              "-f",        Source("testdata/registry/values-registry.yaml"),
                                              "--secrets", "files:" + Source("testdata/registry/secrets"),
                                              "--at",      kAt};
  std::string input = ReadFile(Source("testdata/registry/helm3.yaml"));
  RunResult r = Run(post_renderer_args, input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Every document still parses and every input resource is there, plus the
  // three generated Routes.
  std::multiset<std::string> in = ResourceIds(input), out = ResourceIds(r.out);
  CHECK(out.size() == in.size() + 3);
  for (const std::string& id : in) CHECK(out.count(id) == in.count(id));
  CHECK(out.count("Route reg-a/hostgraft-keycloak-example-com") == 1);
  // `# Source:` lines are kept, in order, and the generated ones follow.
  std::vector<std::string> sources = SourceLines(r.out), input_sources = SourceLines(input);
  REQUIRE(sources.size() == input_sources.size() + 3);
  CHECK(std::vector<std::string>(sources.begin(), sources.begin() + input_sources.size()) == input_sources);
  CHECK(sources.back() == "# Source: hostgraft/route-hostgraft-officer-example-com.yaml");
  CHECK(r.out.rfind("---\n# Source: ", 0) == 0);
}

TEST_CASE("helm 3: a failing post-renderer prints nothing on stdout and says why on stderr", "[helm]") {
  RunResult r = Run({"--set", "keycloak.customHost=nowhere.example.com", "-f",
                     Source("testdata/registry/values-platform.yaml")},
                    ReadFile(Source("testdata/registry/helm3.yaml")));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("nowhere.example.com") != std::string::npos);
}

TEST_CASE("helm 4: plugin.yaml follows Helm 4's plugin rules", "[helm]") {
  YAML::Node plugin = YAML::LoadFile(Source("plugin.yaml"));
  REQUIRE(plugin.IsMap());
  // Helm 4 rejects unknown keys.
  std::set<std::string> keys;
  for (const auto& entry : plugin) keys.insert(entry.first.as<std::string>());
  CHECK(keys == std::set<std::string>{"apiVersion", "name", "type", "runtime", "version", "sourceURL", "runtimeConfig"});
  CHECK(plugin["apiVersion"].as<std::string>() == "v1");
  CHECK(plugin["type"].as<std::string>() == "postrenderer/v1");
  CHECK(plugin["runtime"].as<std::string>() == "subprocess");
  CHECK(std::regex_match(plugin["name"].as<std::string>(), std::regex("^[A-Za-z0-9_-]+$")));
  CHECK(std::regex_match(plugin["sourceURL"].as<std::string>(), std::regex("^https://.+")));
  // The plugin's version is the binary's.
  std::string version = plugin["version"].as<std::string>();
  CHECK(std::regex_match(version, std::regex(R"(^\d+\.\d+\.\d+$)")));
  CHECK(Run({"version"}).out.rfind("hostgraft " + version + "\n", 0) == 0);
  YAML::Node runtime = plugin["runtimeConfig"];
  REQUIRE(runtime.IsMap());
  CHECK(runtime.size() == 1);
  YAML::Node commands = runtime["platformCommand"];
  REQUIRE(commands.IsSequence());
  REQUIRE(commands.size() == 1);
  CHECK(commands[0].size() == 1);
  CHECK(commands[0]["command"].as<std::string>() == "${HELM_PLUGIN_DIR}/bin/hostgraft");
}

TEST_CASE("helm 4: the installed plugin renders a Helm 4 stream with values from HOSTGRAFT_VALUES", "[helm]") {
  std::string dir = InstalledPlugin();
  CHECK(ReadFile(dir + "/plugin.yaml") == ReadFile(Source("plugin.yaml")));
  std::string command = PluginCommand(YAML::LoadFile(dir + "/plugin.yaml"), dir);
  CHECK(command == dir + "/bin/hostgraft");
  // The Vault client travels with the plugin and is found beside the binary.
  CHECK(RunProgram({command, "version"}).out.find("vault client " + dir + "/bin/hostgraft-vault.so\n") !=
        std::string::npos);

  std::string input = ReadFile(Source("testdata/registry/helm4.yaml"));
  std::map<std::string, std::string> env{{"HELM_PLUGIN_NAME", "hostgraft"},
                                         {"HELM_PLUGIN_DIR", dir},
                                         {"HOSTGRAFT_VALUES", Values()},
                                         {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"},
                                         {"VAULT_ADDR", ""}};
  RunResult r = RunProgram({command, "--secrets", "files:" + Source("testdata/registry/secrets"), "--at", kAt},
                           input, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm4.yaml")));
  // Helm 4 names documents without the annotation generated-by-postrender-N:
  // every document, the generated ones included, carries it.
  int documents = 0;
  for (const YAML::Node& doc : YAML::LoadAll(r.out)) {
    if (!doc || doc.IsNull()) continue;
    ++documents;
    INFO(doc["kind"].as<std::string>() << " " << doc["metadata"]["name"].as<std::string>());
    CHECK(doc["metadata"]["annotations"]["postrenderer.helm.sh/postrender-filename"]);
  }
  CHECK(documents == static_cast<int>(ResourceIds(input).size()) + 3);
  CHECK(Count(r.out, "postrenderer.helm.sh/postrender-filename: hostgraft/route-hostgraft-") == 3);
  // No `# Source:` line at all: Helm 4 prints its own before every document.
  CHECK(SourceLines(r.out).empty());
}

TEST_CASE("helm 4: a failing plugin run leaves its error in the default error log", "[helm]") {
  // Helm 4 shows neither stdout nor stderr of a failing post-renderer.
  std::string dir = InstalledPlugin();
  std::string state = TempDir();
  std::string bad_values = TempDir() + "/values.yaml";
  WriteFile(bad_values, "keycloak:\n  customHost: nowhere.example.com\n");
  RunResult r = RunProgram({dir + "/bin/hostgraft"}, ReadFile(Source("testdata/registry/helm4.yaml")),
                           {{"HELM_PLUGIN_DIR", dir},
                            {"HOSTGRAFT_VALUES", Source("testdata/registry/values-platform.yaml") + ":" + bad_values},
                            {"HOSTGRAFT_ERROR_LOG", ""},
                            {"XDG_STATE_HOME", state},
                            {"VAULT_ADDR", ""}});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  std::string log = ReadFile(state + "/hostgraft/last-error.log");
  CHECK(log.find("hostgraft render (exit 2)") != std::string::npos);
  CHECK(log.find("nowhere.example.com") != std::string::npos);
  // What stderr said is what the log keeps.
  CHECK(log.find(r.err.substr(0, r.err.find('\n'))) != std::string::npos);
}
