// The Helm 4 plugin as the build ships it: plugin.yaml within Helm 4's
// rules and the plugin tarball's layout. Helm itself runs hostgraft in
// real_helm_test.cc.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

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

TEST_CASE("helm 4: the plugin tarball holds the plugin directory under hostgraft/", "[helm]") {
  // Helm 4 looks for plugin.yaml in the directory named after the tarball
  // without its -<version> suffix (real Helm runs: real_helm_test.cc).
  std::string version = YAML::LoadFile(Source("plugin.yaml"))["version"].as<std::string>();
  std::string tarball = BuildDir() + "/hostgraft-" + version + ".tgz";
  RunResult listing = RunProgram({"tar", "tzvf", tarball});
  REQUIRE(listing.exit_code == 0);
  std::set<std::string> entries;
  std::istringstream lines(listing.out);
  for (std::string line; std::getline(lines, line);)
    entries.insert(line.substr(0, 10) + " " + line.substr(line.rfind(' ') + 1));
  CHECK(entries == std::set<std::string>{"drwxr-xr-x hostgraft/", "drwxr-xr-x hostgraft/bin/",
                                            "-rwxr-xr-x hostgraft/bin/hostgraft",
                                            "-rwxr-xr-x hostgraft/bin/hostgraft-vault.so",
                                            "-rw-r--r-- hostgraft/plugin.yaml"});

  std::string dir = TempDir();
  REQUIRE(RunProgram({"tar", "xzf", tarball, "-C", dir}).exit_code == 0);
  CHECK(ReadFile(dir + "/hostgraft/plugin.yaml") == ReadFile(Source("plugin.yaml")));
  // The Vault client travels with the plugin and is found beside the binary.
  CHECK(RunProgram({dir + "/hostgraft/bin/hostgraft", "version"})
            .out.find("vault client " + dir + "/hostgraft/bin/hostgraft-vault.so\n") != std::string::npos);
}
