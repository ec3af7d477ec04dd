#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

const char kValues[] = "hostgraft:\n  ics:\n    keycloakHost: id.example.org\n  tls: {trust: bundle}\n";

std::string Fixture(const std::string& form) { return ReadFile(Source("testdata/ics/" + form + ".yaml")); }

// The Redis CA and client certificate, in a store at the default redisPath.
struct RedisPki {
  TestCert ca = MakeCa("Redis Step CA");
  TestCert client = MakeClientCert(ca, "nubus-intercom-service");
  MemoryStore store;
  RedisPki() { store.Put("secret/ics/redis", Fields(client, ca)); }
};

// The chart's documents without what they say about Redis TLS.
std::string WithoutRedisTls(std::string text) {
  for (const char* line : {"  REDIS_SSL: \"true\"\n", "  REDIS_MTLS: \"true\"\n"}) text.erase(text.find(line), std::string(line).size());
  for (const char* volume : {"\n        - name: \"redis-client-key\"\n", "\n        - name: \"redis-client-cert\"\n"})
    text.replace(text.find(volume), std::string(volume).size(), "\n        - name: \"unrelated\"\n");
  return text;
}

}  // namespace

TEST_CASE("ics-redis-ca: with customca empty, the ConfigMap and the chart's wiring are added", "[step][ics]") {
  RedisPki pki;
  std::string input = Fixture("helm3-empty");
  Rendered r = RenderText(kValues, input, &pki.store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  // What the chart renders with customca set, less its quotes (after the env and checksum lines).
  std::vector<std::string> diff = LineDiff(input, r.out.substr(0, r.out.find("---\n# Source: hostgraft/")));
  REQUIRE(diff.size() == 14);
  CHECK(std::vector<std::string>(diff.end() - 9, diff.end()) ==
        std::vector<std::string>{
            "+            - name: NODE_EXTRA_CA_CERTS",
            "+              value: /etc/ssl/certs/redis-custom-CA.pem",
            "+            - name: customca",
            "+              mountPath: /etc/ssl/certs/redis-custom-CA.pem",
            "+              subPath: rootca.pem",
            "+              readOnly: true",
            "+        - name: customca",
            "+          configMap:",
            "+            name: nubus-intercom-service-redis-ssl",
        });
  CHECK(diff[4].rfind("+        hostgraft.io/checksum: ", 0) == 0);
  REQUIRE(r.result.generated.size() == 2);
  CHECK(r.result.generated[0].kind == "ConfigMap");
  CHECK(r.result.generated[0].name == "nubus-intercom-service-redis-ssl");
  std::string rootca = "  rootca.pem: |\n";
  for (size_t at = 0, nl; (nl = pki.ca.cert_pem.find('\n', at)) != std::string::npos; at = nl + 1)
    rootca += "    " + pki.ca.cert_pem.substr(at, nl + 1 - at);
  CHECK(r.out.find(rootca + "---\n") != std::string::npos);
  CHECK(pki.store.reads["secret/ics/redis"] == 1);
  CHECK(RenderText(kValues, r.out, &pki.store).out == r.out);
}

TEST_CASE("ics-redis-ca: the placeholder is replaced in place", "[step][ics]") {
  RedisPki pki;
  Rendered r = RenderText(kValues, Fixture("helm3-placeholders"), &pki.store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.result.generated.empty());
  // The chart's `|-` header stays as it came (DESIGN 3): only the content changes.
  CHECK(r.out.find("  rootca.pem: |-\n    -----BEGIN CERTIFICATE-----\n") != std::string::npos);
  for (const std::string& line : LineDiff(Fixture("helm3-placeholders"), r.out)) CHECK(line.find("rootca.pem") == std::string::npos);
  CHECK(r.out.find("hostgraft-placeholder") == std::string::npos);
  CHECK(r.out.find("NODE_EXTRA_CA_CERTS") == r.out.rfind("NODE_EXTRA_CA_CERTS"));
}

TEST_CASE("ics-redis-ca: a release without Redis TLS needs no Redis secret", "[step][ics]") {
  MemoryStore store;
  std::string input = WithoutRedisTls(Fixture("helm3-empty"));
  Rendered r = RenderText(kValues, input, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(store.reads.empty());
  CHECK(r.out.find("customca") == std::string::npos);
}
