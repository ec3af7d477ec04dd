// The secret-leak guard of Run(): what counts as a registered secret, and
// that a run whose stderr carries one fails its test.
#include <catch2/catch.hpp>

#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

TEST_CASE("registered secrets are found by their lines and by parts of long lines", "[leak-guard]") {
  const std::string key = KeyFor("leak-guard").pem;  // KeyFor registers it
  std::string line = key.substr(key.find('\n') + 1, 64);
  CHECK(ContainsRegisteredSecret("error: it was " + line + " all along"));
  CHECK_FALSE(ContainsRegisteredSecret("error: -----BEGIN PRIVATE KEY-----"));  // public framing

  const std::string jwt = "eyJhbGciOiJSUzI1NiJ9." + std::string(120, 'Q') + ".c2lnbmF0dXJlLWxlYWstZ3VhcmQ";
  RegisterSecret(jwt);
  CHECK(ContainsRegisteredSecret("token " + jwt.substr(20, 70) + "..."));  // any 64 bytes of it
  RegisterSecret("short");
  CHECK_FALSE(ContainsRegisteredSecret("a short message"));
}

namespace {

// The registry render with a files: store whose name the error message quotes.
RunResult RenderWithStoreNamed(const std::string& name, const std::map<std::string, std::string>& env = {}) {
  return Run({"render", "-v", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
              Source("testdata/registry/values-registry.yaml"), "--secrets", "files:/" + name},
             ReadFile(Source("testdata/registry/plain.yaml")), env);
}

}  // namespace

TEST_CASE("the probe of the guard tests below fails with the name in stderr", "[leak-guard]") {
  RunResult r = RenderWithStoreNamed("leak-probe-0a7d3e21");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/leak-probe-0a7d3e21 is not a directory") != std::string::npos);
}

// Must fail (only) by the guard: the secret is in stderr and the error log of a -v run.
TEST_CASE("Run fails the test when stderr carries a registered secret", "[leak-guard][!shouldfail]") {
  RegisterSecret("leak-marker-5b2e91d7");
  RenderWithStoreNamed("leak-marker-5b2e91d7");
}

// Must fail (only) by the guard: the user and password of VAULT_ADDR count as a secret of the run.
TEST_CASE("Run fails the test when stderr carries the userinfo of the run's VAULT_ADDR", "[leak-guard][!shouldfail]") {
  RenderWithStoreNamed("probe:pw-3c9a0d44", {{"VAULT_ADDR", "http://probe:pw-3c9a0d44@127.0.0.1:1"}});
}

// Must fail (only) by the guard: a VAULT_TOKEN given to the run counts as a secret of it.
TEST_CASE("Run fails the test when stderr carries the run's VAULT_TOKEN", "[leak-guard][!shouldfail]") {
  RenderWithStoreNamed("hvs.token-leak-3c9a0d44", {{"VAULT_TOKEN", "hvs.token-leak-3c9a0d44"}});
}

TEST_CASE("the password of VAULT_ADDR shows in no message, -v line or error log", "[leak-guard]") {
  // Nothing listens on port 1: the run fails reaching Vault and says where.
  std::map<std::string, std::string> env{{"VAULT_ADDR", "http://proxyuser:proxy-pw-71c2@127.0.0.1:1"},
                                         {"VAULT_TOKEN", "hvs.leak-guard-token-0f3b"},
                                         {"VAULT_MAX_RETRIES", "0"}};
  RunResult r = Run({"render", "-v", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
                     Source("testdata/registry/values-registry.yaml"), "--secrets", "vault"},
                    ReadFile(Source("testdata/registry/plain.yaml")), env);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("http://***@127.0.0.1:1") != std::string::npos);
  CHECK(r.err.find("proxyuser") == std::string::npos);
}
