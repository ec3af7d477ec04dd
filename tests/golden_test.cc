// Byte-exact golden tests of the bundled examples. To update the expected
// files deliberately: HOSTGRAFT_UPDATE_GOLDEN=1 ctest -R golden (see README).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

bool Updating() { return std::getenv("HOSTGRAFT_UPDATE_GOLDEN") != nullptr; }

void CompareGolden(const RunResult& r, const std::string& expected_path) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  if (Updating()) {
    WriteFile(Source(expected_path), r.out);
    return;
  }
  std::string expected = ReadFile(Source(expected_path));
  CHECK(LineDiff(expected, r.out) == std::vector<std::string>{});
  CHECK(r.out == expected);
}

std::vector<std::string> RegistryArgs() {
  return {"render", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
          Source("testdata/registry/values-registry.yaml"), "--secrets", "files:" + Source("testdata/registry/secrets"),
          "--at", "2026-06-01T00:00:00Z"};
}

}  // namespace

TEST_CASE("golden: the registry example in Helm 3, Helm 4 and plain form", "[golden]") {
  for (const char* form : {"helm3", "helm4", "plain"}) {
    INFO(form);
    std::string input = ReadFile(Source(std::string("testdata/registry/") + form + ".yaml"));
    RunResult r = Run(RegistryArgs(), input);
    CompareGolden(r, std::string("testdata/registry/expected/") + form + ".yaml");
    // Deterministic and idempotent.
    CHECK(Run(RegistryArgs(), input).out == r.out);
    RunResult again = Run(RegistryArgs(), r.out);
    CHECK(again.exit_code == 0);
    CHECK(again.out == r.out);
  }
}

TEST_CASE("golden: nothing configured returns the input byte for byte", "[golden][passthrough]") {
  std::filesystem::path dir = Source("testdata/passthrough");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".yaml" || name.find(".expected.") != std::string::npos) continue;
    ++files;
    INFO(name);
    std::string input = ReadFile(entry.path().string());
    RunResult r = Run({"render", "--secrets", "none"}, input);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::filesystem::path expected = entry.path();
    expected.replace_extension(".expected.yaml");
    CHECK(r.out == (std::filesystem::exists(expected) ? ReadFile(expected.string()) : input));
  }
  CHECK(files >= 14);
}

TEST_CASE("golden: the registry example with no custom host is unchanged", "[golden]") {
  std::string input = ReadFile(Source("testdata/registry/helm3.yaml"));
  RunResult r = Run({"render", "-f", Source("testdata/registry/values-platform.yaml"), "--set",
                     "keycloak.customHost=platform-keycloak.apps.cluster.example.com", "--secrets", "none"},
                    input);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == input);
}
