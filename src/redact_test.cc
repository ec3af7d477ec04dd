#include "redact.h"

#include <catch2/catch.hpp>

#include "diagnostics.h"
#include "findings.h"

namespace hostgraft {
namespace {

const std::string kServiceToken = "hvs.CAESIJlU2zZkC8VmHfYk5sOLpQ2WxGr0vQbTq1EXAMPLE";
const std::string kLegacyToken = "s.Qf1s5zigZ4OX6akYjQXJC1jY";
const std::string kJwt =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzIiwic3ViIjoic2E6YXJnb2NkIn0.c2lnbmF0dXJlLWJ5dGVz";

TEST_CASE("redact: URL userinfo is masked, the rest of the URL kept", "[redact]") {
  CHECK(MaskUrlUserinfo("http://user:pw@proxy:3128/v1") == "http://***@proxy:3128/v1");
  CHECK(MaskUrlUserinfo("VAULT_ADDR=https://admin:s3cret@vault.example.com:8200 failed") ==
        "VAULT_ADDR=https://***@vault.example.com:8200 failed");
  CHECK(MaskUrlUserinfo("a https://x@h/ and http://y:z@i?q=@") == "a https://***@h/ and http://***@i?q=@");
  CHECK(MaskUrlUserinfo("https://vault.example.com:8200/v1/secret") == "https://vault.example.com:8200/v1/secret");
  CHECK(MaskUrlUserinfo("mail me at a@b.example.com") == "mail me at a@b.example.com");
}

TEST_CASE("redact: Vault tokens, headers, credential keys, JWTs and PEM blocks", "[redact]") {
  CHECK(RedactCredentials("permission denied for " + kServiceToken) == "permission denied for [redacted]");
  CHECK(RedactCredentials("token " + kLegacyToken + ".") == "token [redacted].");
  CHECK(RedactCredentials("X-Vault-Token: test-root-token-1234\r\nX-Other: 1") == "X-Vault-Token: [redacted]\r\nX-Other: 1");
  CHECK(RedactCredentials("x-vault-token=abc;") == "x-vault-token=[redacted];");
  CHECK(RedactCredentials("Authorization: Bearer abc.def-ghi") == "Authorization: Bearer [redacted]");
  CHECK(RedactCredentials(R"({"role_id": "0b3c-77", "secret_id":"f00-ba4"})") ==
        R"({"role_id": "[redacted]", "secret_id":"[redacted]"})");
  CHECK(RedactCredentials(R"({"jwt":"a\"b", "x": 1})") == R"({"jwt":"[redacted]", "x": 1})");
  CHECK(RedactCredentials("role_id: 0b3c-77\nrole: app") == "role_id: [redacted]\nrole: app");
  CHECK(RedactCredentials("db.password=hunter2,b=1") == "db.password=[redacted],b=1");
  CHECK(RedactCredentials("jwt " + kJwt + " rejected") == "jwt [redacted] rejected");
  CHECK(RedactCredentials("key: -----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----\nnext") ==
        "key: [redacted PEM]\nnext");
  CHECK(RedactCredentials("cut -----BEGIN CERTIFICATE-----\nMIIB") == "cut [redacted PEM]");
}

TEST_CASE("redact: messages about hosts, paths and settings stay as they are", "[redact]") {
  for (const char* plain : {
           "cannot read the Kubernetes service account token: the file is empty",
           "hostgraft.vault.auth.secret_id_file is not set",
           "method approle needs a role_id and a file holding the secret_id",
           "no secret registry-kv/cluster/domains/s.officer-portal-reg-a.apps.cluster.example.com",
           "host b.abcdefghijklmnopqrstuvwxyz-long.example.com is not served",
           "VAULT_TOKEN is not set",
           "the token: lookup failed",
       })
    CHECK(RedactCredentials(plain) == plain);
}

TEST_CASE("redact: control characters are escaped so a message stays one line", "[redact]") {
  CHECK(EscapeControl("a\nb\r\tc\x1b[31md\x7f") == "a\\nb\\r\\tc\\x1b[31md\\x7f");
  CHECK(EscapeControl("Gateway ns/gw\n::error file=x::forged") == "Gateway ns/gw\\n::error file=x::forged");
  CHECK(EscapeControl("h\xc3\xa9llo") == "h\xc3\xa9llo");  // UTF-8 is text, not control
}

TEST_CASE("redact: every diagnostic and finding passes through SafeText", "[redact]") {
  Diagnostics diags;
  Location where;
  where.resource = "ConfigMap ns/evil\n::error::forged";
  where.file = "http://u:p@h/x";
  diags.Error(kExitSecretStore, where, "Vault said: X-Vault-Token: " + kServiceToken, "see\nhere");
  const Diagnostic& d = diags.all()[0];
  CHECK(d.where.resource == "ConfigMap ns/evil\\n::error::forged");
  CHECK(d.where.file == "http://***@h/x");
  CHECK(d.message == "Vault said: X-Vault-Token: [redacted]");
  CHECK(d.fix == "see\\nhere");
  Finding f = MakeFinding("gateway", where, "line\nbreak " + kLegacyToken);
  CHECK(f.message == "line\\nbreak [redacted]");
  CHECK(f.where.resource == "ConfigMap ns/evil\\n::error::forged");
}

}  // namespace
}  // namespace hostgraft
