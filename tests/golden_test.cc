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

// The platform's values alone choose no custom host: the values a platform
// passes to every release change nothing in a release they do not concern.
TEST_CASE("golden: values that configure nothing for a stream return it byte for byte", "[golden][passthrough]") {
  std::filesystem::path dir = Source("testdata/passthrough");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".yaml" || name.find(".expected.") != std::string::npos) continue;
    ++files;
    INFO(name);
    std::string input = ReadFile(entry.path().string());
    RunResult r = Run({"render", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"}, input);
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

namespace {

// The `# Source: hostgraft/...` names of the documents a render generated.
std::vector<std::string> GeneratedSources(const std::string& out) {
  std::vector<std::string> names;
  const std::string marker = "\n# Source: hostgraft/";
  for (size_t p = out.find(marker); p != std::string::npos; p = out.find(marker, p + 1))
    names.push_back(out.substr(p + marker.size(), out.find('\n', p + 1) - p - marker.size()));
  return names;
}

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("golden: the platform release that serves D carries the Route of every listed Keycloak host",
          "[golden][5.12]") {
  std::string input = ReadFile(Source("testdata/registry/platform-helm3.yaml"));
  RunResult r = Run(RegistryArgs(), input);
  CompareGolden(r, "testdata/registry/expected/platform-helm3.yaml");
  CHECK(r.out.rfind(input, 0) == 0);
  RunResult again = Run(RegistryArgs(), r.out);
  CHECK(again.exit_code == 0);
  CHECK(again.out == r.out);
}

TEST_CASE("golden: releases given the same values generate each object once, where its anchor is",
          "[golden][5.12]") {
  std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  std::string platform = ReadFile(Source("testdata/registry/platform-helm3.yaml"));
  std::string unrelated = ReadFile(Source("testdata/passthrough/helm3.yaml"));
  std::vector<std::string> verbose = With(RegistryArgs(), {"-v"});

  RunResult reg = Run(verbose, registry);
  INFO(reg.err);
  REQUIRE(reg.exit_code == 0);
  CHECK(GeneratedSources(reg.out) == std::vector<std::string>{"route-hostgraft-citizen-example-com.yaml",
                                                              "route-hostgraft-officer-example-com.yaml"});
  for (const char* host : {"keycloak.example.com", "login.example.org"})
    CHECK(reg.err.find(std::string("hostgraft: plan: route: no Route for ") + host +
                       ": this stream holds no Route serving platform-keycloak.apps.cluster.example.com, its anchor; "
                       "the release that holds it generates it (hostgraft.generate: auto)\n") != std::string::npos);

  RunResult plat = Run(verbose, platform);
  INFO(plat.err);
  REQUIRE(plat.exit_code == 0);
  CHECK(GeneratedSources(plat.out) == std::vector<std::string>{"route-hostgraft-keycloak-example-com.yaml",
                                                               "route-hostgraft-login-example-org.yaml"});

  // An unrelated release (an ingress controller, monitoring): nothing generated, no secret read.
  RunResult other = Run(verbose, unrelated);
  INFO(other.err);
  REQUIRE(other.exit_code == 0);
  CHECK(other.out == unrelated);
  CHECK(other.err.find("fetch:") == std::string::npos);
}

TEST_CASE("golden: --set hostgraft.generate=always and =never override the anchor rule", "[golden][5.12]") {
  std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  RunResult always = Run(With(RegistryArgs(), {"--set", "hostgraft.generate=always"}), registry);
  INFO(always.err);
  REQUIRE(always.exit_code == 0);
  CHECK(GeneratedSources(always.out) ==
        std::vector<std::string>{"route-hostgraft-citizen-example-com.yaml", "route-hostgraft-keycloak-example-com.yaml",
                                 "route-hostgraft-login-example-org.yaml", "route-hostgraft-officer-example-com.yaml"});
  // No Route serves D here: to/port from tls.route, in the registry's namespace.
  CHECK(always.out.find("  name: hostgraft-keycloak-example-com\n  namespace: reg-a\n") != std::string::npos);
  CHECK(always.out.find("  host: keycloak.example.com\n  to:\n    kind: Service\n    name: istio-ingressgateway-reg-a-main\n"
                        "  port:\n    targetPort: http2\n") != std::string::npos);

  RunResult never = Run(With(RegistryArgs(), {"--set", "hostgraft.generate=never"}), registry);
  INFO(never.err);
  REQUIRE(never.exit_code == 0);
  CHECK(GeneratedSources(never.out).empty());

  RunResult bad = Run(With(RegistryArgs(), {"--set", "hostgraft.generate=sometimes"}), registry);
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("hostgraft.generate: \"sometimes\" is not one of auto, always, never") != std::string::npos);
}

// DESIGN 3: a block scalar hostgraft rewrites (the Kong introspection
// endpoint written `>-`, the realm's frontendUrl written `|-`) keeps its
// header line; a list it extends (the Gateway's double-quoted hosts, the
// VirtualService's single-quoted flow hosts) keeps its quoting.
TEST_CASE("golden: rewritten block scalars keep their header, extended lists their quoting", "[golden][fidelity]") {
  std::string input = ReadFile(Source("testdata/registry/fidelity-helm3.yaml"));
  RunResult r = Run(RegistryArgs(), input);
  CompareGolden(r, "testdata/registry/expected/fidelity-helm3.yaml");
  RunResult again = Run(RegistryArgs(), r.out);
  CHECK(again.exit_code == 0);
  CHECK(again.out == r.out);
}
