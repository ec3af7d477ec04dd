#include <catch2/catch.hpp>

#include <algorithm>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

const char kValues[] =
    "hostgraft:\n  ics:\n    customHost: ics.example.org\n    keycloakHost: id.example.org\n"
    "    portalHost: portal.example.org\n  tls: {trust: bundle}\n";

struct Pki {
  TestCert ca = MakeCa("Checksum Ingress CA");
  TestCert redis_ca = MakeCa("Checksum Redis CA");
  TestCert ingress = MakeLeaf(ca, {"ics.example.org"});
  TestCert client = MakeClientCert(redis_ca, "nubus-intercom-service");
};

std::string Checksum(const std::string& values, const std::string& input, const Pki& pki) {
  MemoryStore store;
  store.Put("secret/ics/ingress/ics.example.org", Fields(pki.ingress, pki.ca));
  store.Put("secret/ics/redis", Fields(pki.client, pki.redis_ca));
  Rendered r = RenderText(values, input, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  const std::string key = "        hostgraft.io/checksum: ";
  size_t at = r.out.find(key);
  REQUIRE(at != std::string::npos);
  REQUIRE(r.out.find(key, at + 1) == std::string::npos);
  std::string sum = r.out.substr(at + key.size(), r.out.find('\n', at) - at - key.size());
  CHECK(sum.size() == 64);
  return sum;
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("ics-checksum: changes exactly when a grafted value changes", "[step][ics]") {
  Pki pki;
  std::string input = ReadFile(Source("testdata/ics/helm3-placeholders.yaml"));
  std::string base = Checksum(kValues, input, pki);
  // Stable: the same inputs, the output rendered again, and the chart's other form.
  CHECK(Checksum(kValues, input, pki) == base);
  CHECK(Checksum(kValues, ReadFile(Source("testdata/ics/helm3-empty.yaml")), pki) == base);
  // Not grafted: an env value hostgraft leaves alone, the chart's own checksum, another document.
  CHECK(Checksum(kValues, Replaced(input, "LOG_LEVEL: \"INFO\"", "LOG_LEVEL: \"DEBUG\""), pki) == base);
  CHECK(Checksum(kValues, Replaced(input, "checksum/secret: fd93", "checksum/secret: 0d93"), pki) == base);
  CHECK(Checksum(kValues, Replaced(input, "password: \"test-redis-password\"", "password: \"other\""), pki) == base);
  // Grafted: each custom host, the realm kept in the issuer, ORIGIN_REGEX, each certificate.
  CHECK(Checksum(Replaced(kValues, "portal.example.org", "portal2.example.org"), input, pki) != base);
  CHECK(Checksum(Replaced(kValues, "id.example.org", "id2.example.org"), input, pki) != base);
  CHECK(Checksum(kValues, Replaced(input, "/realms/nubus\"", "/realms/other\""), pki) != base);
  CHECK(Checksum(kValues, Replaced(input, "nubus\\\\.example\\\\.com$", "nubus\\\\.example\\\\.net$"), pki) != base);
  Pki rotated_client = pki;
  rotated_client.client = MakeClientCert(pki.redis_ca, "nubus-intercom-service");
  CHECK(Checksum(kValues, input, rotated_client) != base);
  Pki rotated_ingress = pki;
  rotated_ingress.ingress = MakeLeaf(pki.ca, {"ics.example.org"});
  CHECK(Checksum(kValues, input, rotated_ingress) != base);
  Pki other_redis_ca = pki;
  other_redis_ca.redis_ca = MakeCa("Checksum Redis CA 2");
  other_redis_ca.client = MakeClientCert(other_redis_ca.redis_ca, "nubus-intercom-service");
  CHECK(Checksum(kValues, input, other_redis_ca) != base);
}

TEST_CASE("ics-checksum: a stale annotation is replaced, a current one left", "[step][ics]") {
  Pki pki;
  MemoryStore store;
  store.Put("secret/ics/ingress/ics.example.org", Fields(pki.ingress, pki.ca));
  store.Put("secret/ics/redis", Fields(pki.client, pki.redis_ca));
  std::string input = ReadFile(Source("testdata/ics/helm3-placeholders.yaml"));
  Rendered first = RenderText(kValues, input, &store);
  REQUIRE(first.ok);
  CHECK(RenderText(kValues, first.out, &store).out == first.out);
  Pki rotated = pki;
  rotated.client = MakeClientCert(pki.redis_ca, "nubus-intercom-service");
  store.Put("secret/ics/redis", Fields(rotated.client, pki.redis_ca));
  Rendered again = RenderText(kValues, first.out, &store);
  REQUIRE(again.ok);
  std::vector<std::string> diff = LineDiff(first.out, again.out);
  CHECK(std::count_if(diff.begin(), diff.end(),
                      [](const std::string& l) { return l.find("hostgraft.io/checksum") != std::string::npos; }) == 2);
}
