// A CI-sized run of bench/ (no timing asserts), so the benchmark inputs,
// the runner and its references never rot.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

const std::vector<std::string> kValues{"-f",        Source("testdata/registry/values-platform.yaml"),
                                       "-f",        Source("testdata/registry/values-registry.yaml"),
                                       "--secrets", "files:" + Source("testdata/registry/secrets"),
                                       "--at",      "2026-06-01T00:00:00Z"};

}  // namespace

TEST_CASE("bench: the 400-document stream comes back with exactly its four touched documents edited", "[bench]") {
  std::string dir = TempDir();
  RunResult gen = RunProgram({"python3", Source("bench/gen.py"), "--out", dir, "--sizes", "400"});
  REQUIRE(gen.exit_code == 0);
  std::string input = ReadFile(dir + "/400/stream.yaml");
  CHECK(ReadFile(dir + "/400/untouched.yaml").find("officer-portal-reg-a") == std::string::npos);

  RunResult r = Run(kValues, input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // No Route serves a default host here: the Routes are other releases' to generate (DESIGN 5.12).
  CHECK(r.out.find("# Source: hostgraft/") == std::string::npos);
  // One VirtualService, one Gateway, one RequestAuthentication and another
  // VirtualService (documents 51, 151, 251, 351); every other byte as it came.
  CHECK(LineDiff(input, r.out) ==
        std::vector<std::string>{
            "+    - officer.example.com",
            "+        - officer.example.com",
            "+        - citizen.example.com",
            "+    - issuer: https://keycloak.example.com/auth/realms/reg-a-officer-portal",
            "+      jwksUri: https://platform-keycloak.apps.cluster.example.com/auth/realms/reg-a-officer-portal/"
            "protocol/openid-connect/certs",
            "+      forwardOriginalToken: true",
            "+    - officer.example.com",
        });

  RunResult plain = Run(kValues, ReadFile(dir + "/400/untouched.yaml"));
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.out.rfind(ReadFile(dir + "/400/untouched.yaml"), 0) == 0);
}

TEST_CASE("bench: bench/run --smoke measures every figure and checks the Vault request log", "[bench]") {
  std::string build = std::filesystem::path(HOSTGRAFT_BINARY).parent_path();
  std::string json = TempDir() + "/bench.json";
  RunResult r = RunProgram({"python3", Source("bench/run"), "--smoke", "--build-dir", build, "--json", json}, {}, {}, 120);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* row : {"registry render vs kubectl kustomize + 1 patch", "400 docs (0.2 MB), 1% touched vs naive yaml-cpp",
                          "throughput, 400 untouched docs", "peak RSS / input size",
                          "Vault: 50 paths, 50 ms latency each (GETs, logins per run: 50, 1)"})
    CHECK(r.out.find(row) != std::string::npos);
  CHECK(ReadFile(json).find("\"figures\"") != std::string::npos);
}
