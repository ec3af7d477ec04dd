#include "secret_stores.h"

#include <catch2/catch.hpp>

#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

std::string Messages(const Diagnostics& diags) {
  std::string all;
  for (const Diagnostic& d : diags.all()) all += FormatDiagnostic(d) + "\n";
  return all;
}

}  // namespace

TEST_CASE("secrets none means no store, no --secrets without VAULT_ADDR is no choice, an error", "[stores]") {
  ScopedEnv env({});
  Diagnostics none;
  CHECK(MakeSecretStore("none", {}, nullptr, nullptr, &none) == nullptr);
  CHECK(none.all().empty());
  Diagnostics unchosen;
  CHECK(MakeSecretStore("", {}, nullptr, nullptr, &unchosen) == nullptr);
  CHECK(unchosen.exit_code() == kExitUsage);
  CHECK(Messages(unchosen) ==
        "error: no secret store is chosen: no --secrets and no VAULT_ADDR\n"
        "  fix: use --secrets vault, --secrets files:DIR or --secrets none\n");
}

TEST_CASE("no --secrets with VAULT_ADDR set means vault", "[stores]") {
  ScopedEnv env({{"VAULT_ADDR", "http://127.0.0.1:8200/"}, {"VAULT_TOKEN", "t"}});
  Diagnostics diags;
  std::unique_ptr<SecretStore> store = MakeSecretStore("", {}, nullptr, nullptr, &diags);
  INFO(Messages(diags));
  REQUIRE(store);
  CHECK(store->Describe() == "vault http://127.0.0.1:8200");
}

TEST_CASE("secrets files:DIR makes a files store", "[stores]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a/b.yaml", "key: K\n");
  Diagnostics diags;
  std::unique_ptr<SecretStore> store = MakeSecretStore("files:" + dir + "/", {}, nullptr, nullptr, &diags);
  REQUIRE(store);
  CHECK(store->Describe() == "files:" + dir);
  CHECK(store->Read({"a/b"})["a/b"].fields->at("key") == "K");
}

TEST_CASE("bad --secrets values are usage errors", "[stores]") {
  std::string dir = TempDir();
  for (const auto& [spec, message] : std::vector<std::pair<std::string, std::string>>{
           {"consul", "error: --secrets consul: unknown secret store\n  fix: use --secrets vault, --secrets files:DIR or --secrets none\n"},
           {"file:./secrets", "error: --secrets file:./secrets: unknown secret store\n  fix: write --secrets files:./secrets\n"},
           {"Vault", "error: --secrets Vault: unknown secret store\n  fix: write --secrets vault\n"},
           {"files:", "error: --secrets files:: no directory given\n  fix: use --secrets files:DIR with an existing directory\n"},
           {"files:" + dir + "/nope", "error: --secrets files:" + dir + "/nope: " + dir +
                                          "/nope is not a directory\n  fix: use --secrets files:DIR with an existing directory\n"}}) {
    Diagnostics diags;
    CHECK(MakeSecretStore(spec, {}, nullptr, nullptr, &diags) == nullptr);
    CHECK(diags.exit_code() == kExitUsage);
    CHECK(Messages(diags) == message);
  }
}

TEST_CASE("a missing Vault module is a clear store error", "[stores]") {
  ScopedEnv env({{"HOSTGRAFT_VAULT_MODULE", "/nonexistent/hostgraft-vault.so"}, {"VAULT_TOKEN", "t"}});
  Diagnostics diags;
  CHECK(MakeSecretStore("vault", {}, nullptr, nullptr, &diags) == nullptr);
  CHECK(diags.exit_code() == kExitSecretStore);
  CHECK(Messages(diags) ==
        "error: --secrets vault needs the Vault client hostgraft-vault.so, found nowhere; looked for /nonexistent/hostgraft-vault.so\n"
        "  fix: install hostgraft with its lib/hostgraft directory, set HOSTGRAFT_VAULT_MODULE, or use --secrets files:DIR\n");
}

TEST_CASE("a Vault module that is not a shared object is a clear store error", "[stores]") {
  std::string fake = TempDir() + "/hostgraft-vault.so";
  WriteFile(fake, "not an ELF file\n");
  ScopedEnv env({{"HOSTGRAFT_VAULT_MODULE", fake}, {"VAULT_TOKEN", "t"}});
  Diagnostics diags;
  CHECK(MakeSecretStore("vault", {}, nullptr, nullptr, &diags) == nullptr);
  CHECK(diags.exit_code() == kExitSecretStore);
  CHECK(Messages(diags).rfind("error: cannot load the Vault client " + fake + ": ", 0) == 0);
}

TEST_CASE("the hostgraft binary does not link libcurl: only the Vault module does", "[stores]") {
  RunResult core = RunProgram({"ldd", HOSTGRAFT_BINARY});
  REQUIRE(core.exit_code == 0);
  CHECK(core.out.find("libcurl") == std::string::npos);
  std::string module = std::string(HOSTGRAFT_BINARY).substr(0, std::string(HOSTGRAFT_BINARY).rfind('/')) + "/hostgraft-vault.so";
  RunResult vault = RunProgram({"ldd", module});
  REQUIRE(vault.exit_code == 0);
  CHECK(vault.out.find("libcurl") != std::string::npos);
}
