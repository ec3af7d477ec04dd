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

// Must fail: the secret is in stderr and in the error log of a -v run.
TEST_CASE("Run fails the test when stderr carries a registered secret", "[leak-guard][!shouldfail]") {
  RegisterSecret("leak-marker-5b2e91d7");
  RunResult r = Run({"render", "-v", "--secrets", "files:/nonexistent-leak-marker-5b2e91d7"}, "a: 1\n");
  CHECK(r.exit_code == 2);
}

// Must fail: a VAULT_TOKEN given to the run counts as a secret of it.
TEST_CASE("Run fails the test when stderr carries the run's VAULT_TOKEN", "[leak-guard][!shouldfail]") {
  RunResult r = Run({"render", "--secrets", "files:/hvs.token-leak-3c9a0d44"}, "a: 1\n",
                    {{"VAULT_TOKEN", "hvs.token-leak-3c9a0d44"}});
  CHECK(r.exit_code == 2);
}
