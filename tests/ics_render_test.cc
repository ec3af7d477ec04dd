// The ICS profile end to end (DESIGN.md 5.10): the bundled chart renders
// byte for byte against testdata/ics/expected, idempotent, the same through
// the Vault API as through files:, and every refusal with its exit code and
// an empty stdout. Update the goldens deliberately with
// HOSTGRAFT_UPDATE_GOLDEN=1 (see testdata/README.md).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "files_store.h"
#include "test_certs.h"
#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char* const kForms[] = {"helm3-placeholders", "helm3-empty", "helm4-placeholders"};
const char kToken[] = "ics-reader-token-3c1f";
const std::string kIngressPath = "secret/ics/ingress/ics.example.org";
const std::string kRedisPath = "secret/ics/redis";

std::vector<std::string> Args(const std::string& secrets) {
  return {"render", "-f", Source("testdata/ics/values-ics.yaml"), "--secrets", secrets, "--at", "2026-06-01T00:00:00Z"};
}

std::string Input(const std::string& form) { return ReadFile(Source("testdata/ics/" + form + ".yaml")); }

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

std::string JsonFields(const SecretFields& fields) {
  std::string out;
  for (const auto& [key, value] : fields) out += (out.empty() ? "{" : ", ") + JsonString(key) + ": " + JsonString(value);
  return out + "}";
}

// The bundled files: store's secrets.
SecretFields Bundled(const std::string& path) {
  FilesStore store(Source("testdata/ics/secrets"));
  SecretResult r = store.Read({path})[path];
  REQUIRE(r.fields);
  return *r.fields;
}

// A files: store holding exactly these secrets, as .json files.
std::string Store(const std::map<std::string, SecretFields>& secrets) {
  std::string dir = TempDir();
  for (const auto& [path, fields] : secrets) WriteFile(dir + "/" + path + ".json", JsonFields(fields));
  return "files:" + dir;
}

void ExpectRefused(const std::string& secrets, int exit_code, const std::string& says) {
  RunResult r = Run(Args(secrets), Input("helm3-empty"));
  INFO(r.err);
  CHECK(r.exit_code == exit_code);
  CHECK(r.out.empty());
  CHECK(r.err.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("ics golden: the bundled release in Helm 3 and Helm 4 form, with placeholders and empty", "[ics][golden]") {
  for (const char* form : kForms) {
    INFO(form);
    RunResult r = Run(Args("files:" + Source("testdata/ics/secrets")), Input(form));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string expected_path = Source(std::string("testdata/ics/expected/") + form + ".yaml");
    if (std::getenv("HOSTGRAFT_UPDATE_GOLDEN")) WriteFile(expected_path, r.out);
    std::string expected = ReadFile(expected_path);
    CHECK(LineDiff(expected, r.out) == std::vector<std::string>{});
    CHECK(r.out == expected);
    RunResult again = Run(Args("files:" + Source("testdata/ics/secrets")), r.out);
    CHECK(again.exit_code == 0);
    CHECK(again.out == r.out);
  }
}

TEST_CASE("ics: the same render through the Vault API gives the same bytes", "[ics][vault]") {
  std::string config = R"({"mounts": [{"path": "secret", "version": 2}], "secrets": [
      {"path": ")" + kIngressPath + R"(", "data": )" + JsonFields(Bundled(kIngressPath)) + R"(},
      {"path": ")" + kRedisPath + R"(", "data": )" + JsonFields(Bundled(kRedisPath)) + R"(}],
    "tokens": {")" + kToken + R"(": {"policies": ["ics"]}},
    "policies": {"ics": {"secret/data/ics/*": ["read"], "sys/internal/ui/mounts/*": ["read"]}}})";
  VaultServer server(config);
  for (const char* form : kForms) {
    INFO(form);
    RunResult r = Run(Args("vault"), Input(form), {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kToken}});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == ReadFile(Source(std::string("testdata/ics/expected/") + form + ".yaml")));
  }
  CHECK(server.Count("GET", "/v1/secret/data/ics/redis") == 3);
}

TEST_CASE("ics refusals: exit code, empty stdout, and what is wrong", "[ics]") {
  TestCert ca = MakeCa("ICS Test CA");
  TestCert redis_ca = MakeCa("Redis Test CA");
  TestCert ingress = MakeLeaf(ca, {"ics.example.org"});
  TestCert client = MakeClientCert(redis_ca, "nubus-intercom-service");
  SecretFields good_ingress = Fields(ingress, ca);
  SecretFields good_redis = Fields(client, redis_ca);
  auto with_redis = [&](SecretFields redis) { return Store({{kIngressPath, good_ingress}, {kRedisPath, redis}}); };

  SECTION("the bundled-shaped material is accepted") {
    RunResult r = Run(Args(with_redis(good_redis)), Input("helm3-empty"));
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  SECTION("client certificate from another CA") {
    SecretFields redis = Fields(MakeClientCert(MakeCa("Other CA"), "nubus-intercom-service"), redis_ca);
    ExpectRefused(with_redis(redis), 1, "CN=nubus-intercom-service");
  }
  SECTION("expired client certificate") {
    SecretFields redis = Fields(MakeClientCert(redis_ca, "old-client", {.not_after = "2026-05-01T00:00:00Z"}), redis_ca);
    ExpectRefused(with_redis(redis), 1, "2026-05-01");
  }
  SECTION("client key that does not belong to the certificate") {
    SecretFields redis = good_redis;
    redis["key"] = KeyFor("another").pem;
    ExpectRefused(with_redis(redis), 1, "key");
  }
  SECTION("a server certificate where a client certificate is needed") {
    ExpectRefused(with_redis(Fields(MakeLeaf(redis_ca, {"redis.example.org"}), redis_ca)), 1, "clientAuth");
  }
  SECTION("ingress certificate for another host") {
    std::string store = Store({{kIngressPath, Fields(MakeLeaf(ca, {"other.example.org"}), ca)}, {kRedisPath, good_redis}});
    ExpectRefused(store, 1, "ics.example.org");
  }
  SECTION("missing Redis secret") {
    ExpectRefused(Store({{kIngressPath, good_ingress}}), 3, kRedisPath);
  }
  SECTION("missing ingress secret") {
    ExpectRefused(Store({{kRedisPath, good_redis}}), 3, kIngressPath);
  }
}
