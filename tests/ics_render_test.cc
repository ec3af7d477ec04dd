// The ICS profile end to end (DESIGN.md 5.10): the bundled chart renders
// byte for byte against testdata/ics/expected, idempotent, the same through
// the Vault API as through files:, and every refusal with its exit code and
// an empty stdout. Update the goldens deliberately with
// HOSTGRAFT_UPDATE_GOLDEN=1 (see testdata/README.md).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "base64.h"
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

namespace {

// The document of `stream` that starts with this `# Source:` line, up to the next `---`.
std::string DocumentAt(const std::string& stream, const std::string& source) {
  size_t begin = stream.find("# Source: " + source + "\n");
  if (begin == std::string::npos) return {};
  return stream.substr(begin, stream.find("\n---\n", begin) - begin);
}

}  // namespace

TEST_CASE("ics: the chart's own client Secret that the Deployment does not mount gets the same certificate",
          "[ics]") {
  // The chart's default mTLS.existingSecret.name does not follow the release
  // name: the Deployment mounts intercom-service-redis-client-credentials
  // while the chart renders <fullname>-redis-client-credentials.
  std::string input = Input("helm3-placeholders");
  const std::string mounted = "secretName: nubus-intercom-service-redis-client-credentials";
  for (size_t at; (at = input.find(mounted)) != std::string::npos;)
    input.replace(at, mounted.size(), "secretName: intercom-service-redis-client-credentials");
  RunResult r = Run(Args("files:" + Source("testdata/ics/secrets")), input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("hostgraft-placeholder") == std::string::npos);
  CHECK(r.err ==
        "hostgraft: warning: document 3 (Secret nubus/nubus-intercom-service-redis-client-credentials), line 32: the "
        "chart's own Redis client Secret is not the one the Deployment mounts "
        "(intercom-service-redis-client-credentials): both get the client certificate from secret/ics/redis\n"
        "  fix: set ics.redis.ssl.mTLS.existingSecret.name to '{{ include \"common.names.fullname\" . }}-redis-client-"
        "credentials' so the Deployment mounts the chart's Secret (docs/ics.md)\n");
  // The chart's Secret is filled exactly as when it is the mounted one.
  std::string own = "intercom-service/templates/secret-redis-client-credentials.yaml";
  std::string expected = ReadFile(Source("testdata/ics/expected/helm3-placeholders.yaml"));
  REQUIRE(!DocumentAt(expected, own).empty());
  CHECK(DocumentAt(r.out, own) == DocumentAt(expected, own));
  // The mounted one is generated with the same certificate and key.
  SecretFields redis = Bundled(kRedisPath);
  std::string generated = DocumentAt(r.out, "hostgraft/secret-intercom-service-redis-client-credentials.yaml");
  CHECK(generated.find("\n  name: intercom-service-redis-client-credentials\n  namespace: nubus\n") !=
        std::string::npos);
  CHECK(generated.find("\n  tls.key: " + Base64Encode(redis["key"]) + "\n") != std::string::npos);
  CHECK(generated.find("\n  tls.crt: ") != std::string::npos);
  RunResult again = Run(Args("files:" + Source("testdata/ics/secrets")), r.out);
  CHECK(again.exit_code == 0);
  CHECK(again.out == r.out);
}

TEST_CASE("ics: a placeholder hostgraft cannot replace is exit 2 naming the document, stdout empty", "[ics]") {
  SECTION("--secrets none leaves the Redis placeholders") {
    RunResult r = Run(Args("none"), Input("helm4-placeholders"));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const std::string why = ": the placeholder hostgraft-placeholder is left in the output: --secrets none gives no "
                            "TLS material to replace it\n  fix: pass --secrets vault or --secrets files:DIR\n";
    std::string errors;
    for (size_t at = 0; (at = r.err.find("hostgraft: error: ", at)) != std::string::npos; at += 1)
      errors += r.err.substr(at, r.err.find("DIR\n", at) + 4 - at);
    INFO(r.err);
    CHECK(errors ==
          "hostgraft: error: document 1 (ConfigMap nubus/nubus-intercom-service-redis-ssl), data.rootca.pem, line "
          "15" + why +
          "hostgraft: error: document 7 (Secret nubus/nubus-intercom-service-redis-client-credentials), "
          "stringData.tls.crt, line 375" + why +
          "hostgraft: error: document 7 (Secret nubus/nubus-intercom-service-redis-client-credentials), "
          "stringData.tls.key, line 377" + why);
  }
  SECTION("a placeholder in a resource no step handles") {
    std::string input = Input("helm3-placeholders") +
                        "---\n# Source: other/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        "  name: other\n  namespace: apps\ndata:\n  ca.pem: hostgraft-placeholder\n";
    RunResult r = Run(Args("files:" + Source("testdata/ics/secrets")), input);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "hostgraft: error: document 14 (ConfigMap apps/other), data.ca.pem, line 508: the placeholder "
          "hostgraft-placeholder is left in the output: hostgraft replaces nothing here\n"
          "  fix: hostgraft replaces the placeholder only in the Intercom Service's Redis CA ConfigMap (rootca.pem) "
          "and Redis client Secrets (tls.crt, tls.key), with hostgraft.ics configured (docs/ics.md); give this "
          "value its real content\n");
    // lint refuses it the same way, as a finding naming the document.
    std::vector<std::string> lint = Args("files:" + Source("testdata/ics/secrets"));
    lint[0] = "lint";
    lint.insert(lint.end(), {"--format", "json"});
    RunResult l = Run(lint, input);
    CHECK(l.exit_code == 2);
    CHECK(l.out.find("\"id\": \"HG027\"") != std::string::npos);
    CHECK(l.out.find("ConfigMap apps/other") != std::string::npos);
    CHECK(l.out.find("the placeholder hostgraft-placeholder is left in the output") != std::string::npos);
  }
}
