#include <catch2/catch.hpp>

#include "base64.h"
#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kValues[] = "hostgraft:\n  ics:\n    keycloakHost: id.example.org\n  tls: {trust: bundle}\n";

// A client certificate in a store at the default redisPath.
struct Client {
  TestCert ca = MakeCa("Redis mTLS CA");
  TestCert cert = MakeClientCert(ca, "nubus-intercom-service");
  MemoryStore store;
  Client() { store.Put("secret/ics/redis", Fields(cert, ca)); }
};

}  // namespace

TEST_CASE("ics-redis-mtls: placeholders in a base64 data Secret are replaced base64", "[step][ics]") {
  Client client;
  std::string input = ReadFile(Source("testdata/ics/helm3-placeholders.yaml"));
  std::string placeholders = "stringData:\n  tls.crt: |-\n    hostgraft-placeholder\n  tls.key: |-\n    hostgraft-placeholder\n";
  std::string placeholder64 = Base64Encode("hostgraft-placeholder");
  input.replace(input.find(placeholders), placeholders.size(),
                "data:\n  tls.crt: " + placeholder64 + "\n  tls.key: " + placeholder64 + "\n");
  Rendered r = RenderText(kValues, input, &client.store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(r.out.find("\n  tls.crt: " + Base64Encode(client.cert.cert_pem) + "\n  tls.key: " + Base64Encode(client.cert.key_pem) +
                   "\n---\n") != std::string::npos);
  CHECK(RenderText(kValues, r.out, &client.store).out == r.out);
}

TEST_CASE("ics-redis-mtls: the Secret the Deployment mounts is generated when absent", "[step][ics]") {
  Client client;
  std::string input = ReadFile(Source("testdata/ics/helm3-empty.yaml"));
  const std::string mounted = "secretName: nubus-intercom-service-redis-client-credentials";
  for (size_t at; (at = input.find(mounted)) != std::string::npos;)
    input.replace(at, mounted.size(), "secretName: operator-redis-client");
  Rendered r = RenderText(kValues, input, &client.store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  std::string generated = r.out.substr(r.out.find("---\n# Source: hostgraft/secret-operator-redis-client.yaml\n"));
  CHECK(generated ==
        "---\n# Source: hostgraft/secret-operator-redis-client.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n"
        "  name: operator-redis-client\n  namespace: nubus\n  labels:\n    app.kubernetes.io/instance: nubus\n"
        "    app.kubernetes.io/name: intercom-service\n    app.kubernetes.io/managed-by: hostgraft\n"
        "type: kubernetes.io/tls\ndata:\n  tls.crt: " + Base64Encode(client.cert.cert_pem) + "\n  tls.key: " +
        Base64Encode(client.cert.key_pem) + "\n");
}
