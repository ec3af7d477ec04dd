#include "plugin_config.h"

#include <catch2/catch.hpp>

#include <cstdlib>

#include "test_support.h"

namespace hostgraft {
namespace {

struct Read {
  Options options;
  YAML::Node values;
  Diagnostics diags;
  bool ok = false;
  explicit Read(const std::string& yaml) {
    options.at = 7;
    ok = ReadPluginConfig(YAML::Load(yaml), "hostgraft.yaml", &options, &values, &diags);
  }
  std::string Error() const { return diags.all().empty() ? "" : FormatDiagnostic(diags.all()[0]); }
};

}  // namespace

TEST_CASE("plugin config: options and values, inline over valuesFiles", "[plugin_config]") {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/a.yaml", "keycloak:\n  host: a.example.com\n  customHost: k.example.com\n");
  test::WriteFile(dir + "/b.yaml", "keycloak:\n  host: b.example.com\n");
  Read r("apiVersion: hostgraft.io/v1\nkind: HostGraft\nmetadata: {name: x}\n"
         "valuesFiles: [" + dir + "/a.yaml, " + dir + "/b.yaml]\n"
         "secrets: files:" + dir + "\nat: 2026-06-01T00:00:00Z\n"
         "keycloak: {customHost: login.example.org}\nhostgraft: {registry: reg-a}\n");
  REQUIRE(r.ok);
  CHECK(r.options.secrets == "files:" + dir);
  CHECK(r.options.at == 1780272000);
  CHECK(YAML::Dump(r.values) ==
        "keycloak:\n  host: b.example.com\n  customHost: login.example.org\nhostgraft:\n  registry: reg-a");
}

TEST_CASE("plugin config: without valuesFiles HOSTGRAFT_VALUES is read, as for render", "[plugin_config]") {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/env.yaml", "keycloak:\n  host: env.example.com\n");
  setenv("HOSTGRAFT_VALUES", (dir + "/env.yaml").c_str(), 1);
  Read r("apiVersion: hostgraft.io/v1\nkind: HostGraft\n");
  unsetenv("HOSTGRAFT_VALUES");
  REQUIRE(r.ok);
  CHECK(r.options.at == 7);
  CHECK(r.options.secrets.empty());
  CHECK(YAML::Dump(r.values) == "keycloak:\n  host: env.example.com");
}

TEST_CASE("plugin config: wrong fields are configuration errors naming the field", "[plugin_config]") {
  const std::string head = "apiVersion: hostgraft.io/v1\nkind: HostGraft\n";
  Read not_list(head + "valuesFiles: values.yaml\n");
  CHECK_FALSE(not_list.ok);
  CHECK(not_list.Error() == "error: hostgraft.yaml, valuesFiles: must be a list of file names");
  Read empty_name(head + "valuesFiles: [a.yaml, '']\n");
  CHECK(empty_name.Error() == "error: hostgraft.yaml, valuesFiles[1]: must be a file name");
  Read bad_at(head + "at: tomorrow\n");
  CHECK(bad_at.Error() ==
        "error: hostgraft.yaml, at: is not an RFC 3339 time\n  fix: write it like 2026-06-01T00:00:00Z");
  Read bad_secrets(head + "secrets: {vault: true}\n");
  CHECK(bad_secrets.Error() == "error: hostgraft.yaml, secrets: must be vault, files:DIR or none");
  Read missing(head + "valuesFiles: [/nonexistent/values.yaml]\n");
  CHECK_FALSE(missing.ok);
  CHECK(missing.diags.exit_code() == kExitUsage);
  Read wrong_kind("apiVersion: hostgraft.io/v1\nkind: Other\n");
  CHECK(wrong_kind.Error() ==
        "error: hostgraft.yaml: expected apiVersion hostgraft.io/v1, kind HostGraft, found apiVersion "
        "\"hostgraft.io/v1\", kind \"Other\"");
  Read list("- a\n");
  CHECK(list.Error() == "error: hostgraft.yaml: a HostGraft config must be a mapping");
}

TEST_CASE("plugin config: only a readable HostGraft file is taken for a config", "[plugin_config]") {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/config.yaml", "apiVersion: hostgraft.io/v1\nkind: HostGraft\n");
  test::WriteFile(dir + "/other.yaml", "kind: ConfigMap\n");
  test::WriteFile(dir + "/broken.yaml", "kind: [\n");
  CHECK(IsPluginConfigFile(dir + "/config.yaml"));
  CHECK_FALSE(IsPluginConfigFile(dir + "/other.yaml"));
  CHECK_FALSE(IsPluginConfigFile(dir + "/broken.yaml"));
  CHECK_FALSE(IsPluginConfigFile(dir + "/absent.yaml"));
  CHECK_FALSE(IsPluginConfigFile("lint"));
}

}  // namespace hostgraft
