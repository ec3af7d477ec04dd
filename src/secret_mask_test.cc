#include "secret_mask.h"

#include <catch2/catch.hpp>

#include <memory>

#include "base64.h"
#include "stream_reader.h"

namespace hostgraft {
namespace {

const char kKey[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKPByf/1JqcmlIKCL\n"
    "-----END PRIVATE KEY-----\n";

Document Read(const std::string& text) {
  Document doc;
  doc.buffer = std::make_shared<const std::string>(text);
  doc.text = *doc.buffer;
  Diagnostics diags;
  ReadLimits limits = ManifestReadLimits();
  REQUIRE(ScanDocument(&doc, limits, &diags));
  return doc;
}

std::string Masked(const std::string& text, const std::string& other = {}, DiffSide side = DiffSide::kAfter) {
  Document doc = Read(text);
  std::string masked;
  if (other.empty()) {
    REQUIRE(MaskSecrets(doc, nullptr, side, &masked));
  } else {
    Document counterpart = Read(other);
    REQUIRE(MaskSecrets(doc, &counterpart, side, &masked));
  }
  return masked;
}

const std::string kSecret =
    "apiVersion: v1\n"
    "kind: Secret\n"
    "metadata:\n"
    "  name: s  # data: a comment\n"
    "type: kubernetes.io/tls\n"
    "stringData:\n"
    "  tls.crt: |-\n"
    "    hostgraft-placeholder\n"
    "  password: \"hunter2\"\n"
    "data:\n"
    "  token: aHVudGVyMg==\n";

TEST_CASE("secret mask: every value of a Secret's data and stringData, nothing else", "[diff][secret-mask]") {
  CHECK(Masked(kSecret) ==
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: s  # data: a comment\n"
        "type: kubernetes.io/tls\n"
        "stringData:\n"
        "  tls.crt: <masked: 21 bytes>\n"
        "  password: <masked: 7 bytes>\n"
        "data:\n"
        "  token: <masked: 12 bytes>\n");
}

TEST_CASE("secret mask: a value that differs from its counterpart says so on each side", "[diff][secret-mask]") {
  std::string changed = kSecret;
  changed.replace(changed.find("hunter2"), 7, "hunter3");
  std::string before = Masked(kSecret, changed, DiffSide::kBefore);
  std::string after = Masked(changed, kSecret, DiffSide::kAfter);
  CHECK(before.find("  password: <masked: 7 bytes, before>\n") != std::string::npos);
  CHECK(after.find("  password: <masked: 7 bytes, after>\n") != std::string::npos);
  // Unchanged values read the same on both sides.
  CHECK(before.find("  tls.crt: <masked: 21 bytes>\n") != std::string::npos);
  CHECK(after.find("  tls.crt: <masked: 21 bytes>\n") != std::string::npos);
  CHECK(after.find("hunter") == std::string::npos);
}

TEST_CASE("secret mask: flow style, JSON and a duplicate data key", "[diff][secret-mask]") {
  CHECK(Masked("{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"s\"}, \"data\": {\"k\": "
               "\"dmFsdWU=\", \"e\": \"\"}}\n") ==
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"s\"}, \"data\": {\"k\": "
        "<masked: 8 bytes>, \"e\": <masked: 0 bytes>}}\n");
  // Lookups see the last of duplicate keys; masking sees both.
  CHECK(Masked("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: Zmlyc3Q=\ndata:\n  b: c2Vjb25k\n") ==
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: <masked: 8 bytes>\ndata:\n  b: <masked: 8 bytes>\n");
  // data that is not a mapping is masked whole.
  CHECK(Masked("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  - x\n  - y\n") ==
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  <masked: 9 bytes>\n");
}

TEST_CASE("secret mask: a Route's key, whatever it holds, its certificates stay", "[diff][secret-mask]") {
  CHECK(Masked("apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: r\nspec:\n  tls:\n"
               "    certificate: |\n      -----BEGIN CERTIFICATE-----\n      MIIB\n      -----END CERTIFICATE-----\n"
               "    key: not-a-pem-at-all\n    caCertificate: ca\n") ==
        "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: r\nspec:\n  tls:\n"
        "    certificate: |\n      -----BEGIN CERTIFICATE-----\n      MIIB\n      -----END CERTIFICATE-----\n"
        "    key: <masked: 16 bytes>\n    caCertificate: ca\n");
}

TEST_CASE("secret mask: a private key anywhere, as PEM or base64 of PEM", "[diff][secret-mask]") {
  std::string pem_block;
  for (std::string_view rest = kKey; !rest.empty();) {
    size_t nl = rest.find('\n');
    pem_block += "    " + std::string(rest.substr(0, nl + 1));
    rest.remove_prefix(nl + 1);
  }
  CHECK(Masked("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  key.pem: |\n" + pem_block +
               "  other: value\n") ==
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  key.pem: <masked: 119 bytes>\n  other: value\n");
  CHECK(Masked("apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\n  annotations:\n    k: " +
               Base64Encode(kKey) + "\n") ==
        "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\n  annotations:\n    k: <masked: 160 bytes>\n");
  // A certificate is public: it stays.
  std::string cert = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ca.pem: |\n"
                     "    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n";
  CHECK(Masked(cert) == cert);
}

TEST_CASE("secret mask: a document that does not parse is refused, not shown", "[diff][secret-mask]") {
  Document doc;
  doc.text = "apiVersion: v1\nkind: Secret\ndata: [unclosed\n";
  doc.has_node = true;
  doc.kind = "Secret";
  doc.api_version = "v1";
  std::string masked = "left over";
  CHECK_FALSE(MaskSecrets(doc, nullptr, DiffSide::kAfter, &masked));
}

}  // namespace
}  // namespace hostgraft
