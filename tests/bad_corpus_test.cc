// The bad-input corpus testdata/bad: each case of index.tsv through the
// binary, refused with its exit code and message, nothing on stdout, in
// time. The directory says what a case is: stream/ is stdin, values/ a
// values file, secrets/ the keycloak.example.com secret of the registry's
// files: store, vault/ Vault's answer when that secret is read.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

constexpr const char* kKeycloakSecret = "registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z";
constexpr const char* kKeycloakApiPath = "/v1/registry-kv/data/cluster/domains/keycloak.example.com/20230505T085919Z";
constexpr const char* kToken = "hvs.bad-corpus-token-7c1f0e";
constexpr double kTimeLimit = 5;

struct Case {
  std::string file;  // under testdata/bad
  int exit_code;
  std::string fragment;
};

std::vector<Case> Index() {
  std::istringstream in(ReadFile(Source("testdata/bad/index.tsv")));
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    REQUIRE(b != std::string::npos);
    cases.push_back({line.substr(0, a), std::stoi(line.substr(a + 1, b - a - 1)), line.substr(b + 1)});
  }
  return cases;
}

// A copy of the registry's files: store with the keycloak secret replaced.
std::string StoreWith(const std::string& secret_text) {
  std::string dir = TempDir();
  std::filesystem::copy(Source("testdata/registry/secrets"), dir, std::filesystem::copy_options::recursive);
  WriteFile(dir + "/" + kKeycloakSecret + ".yaml", secret_text);
  return dir;
}

// The registry's secrets in Vault (KV v2 mount registry-kv), the keycloak one answered with body.
std::string VaultConfig(const std::string& body) {
  std::string answer = R"({"body": )" + JsonQuoted(body) + "}";
  // The same answer to a retry.
  return RegistryVaultConfig(R"("tokens": {)" + JsonQuoted(kToken) + R"(: {"policies": ["root"]}},
                                "faults": [{"path": )" + JsonQuoted(kKeycloakApiPath) +
                             R"(, "method": "GET", "sequence": [)" + answer + ", " + answer + ", " + answer + "]}]");
}

RunResult RunCase(const Case& c) {
  std::string path = Source("testdata/bad/" + c.file);
  std::string kind = c.file.substr(0, c.file.find('/'));
  std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  // The Keycloak certificates are read by the platform release that serves D (DESIGN 5.12).
  std::string platform = ReadFile(Source("testdata/registry/platform-helm3.yaml"));
  if (kind == "stream") return Run({"render", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"}, ReadFile(path), {}, 2 * kTimeLimit);
  if (kind == "values") return Run({"render", "-f", path, "--secrets", "none"}, registry, {}, 2 * kTimeLimit);
  if (kind == "secrets") return Run(RegistryArgs("render", "files:" + StoreWith(ReadFile(path))), platform, {}, 2 * kTimeLimit);
  REQUIRE(kind == "vault");
  VaultServer server(VaultConfig(ReadFile(path)));
  return Run(RegistryArgs("render", "vault"), platform, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kToken}},
             2 * kTimeLimit);
}

}  // namespace

TEST_CASE("bad-input corpus: each case fails with its exit code and message, nothing on stdout, in time",
          "[bad-corpus]") {
  std::vector<Case> cases = Index();
  CHECK(cases.size() >= 50);
  std::set<std::string> listed;
  for (const Case& c : cases) {
    listed.insert(c.file);
    RunResult r = RunCase(c);
    INFO(c.file << "\nstderr: " << r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.out.empty());
    CHECK(r.seconds < kTimeLimit);
    CHECK(r.err.find(c.fragment) != std::string::npos);
  }
  // Every file of the corpus is a case.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(Source("testdata/bad"))) {
    std::string file = std::filesystem::relative(entry.path(), Source("testdata/bad")).string();
    if (entry.is_regular_file() && file != "index.tsv") CHECK(listed.count(file) == 1);
  }
}
