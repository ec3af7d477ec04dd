// Real certificates for tests, made with the OpenSSL API. Dates are fixed
// RFC 3339 strings and tests judge them at kTestAt, so they never rot:
//
//   TestCert ca = MakeCa("Test Root CA");
//   TestCert leaf = MakeLeaf(ca, {"keycloak.example.com"});
//   TestCert old = MakeLeaf(ca, {"keycloak.example.com"}, {.not_after = "2026-05-01T00:00:00Z"});
//   TestCert rsa = MakeLeaf(ca, {"*.example.com"}, {.key_type = KeyType::kRsa});
//   TestCert via = MakeLeaf(MakeIntermediate(ca, "Test Issuing CA"), {"a.example.com"});  // chain_pem carries it
//   TestCert self = MakeSelfSignedLeaf({"keycloak.example.com"});
//   TestCert client = MakeClientCert(ca, "ics-redis-client");
//   TlsMaterial material = Material(leaf, ca);  material.key = KeyFor("another").pem;  // a mismatched key
#pragma once

#include <openssl/types.h>

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "secret_store.h"
#include "tls_material.h"

namespace hostgraft::test {

// The time tests judge certificates at; default leaves are valid then and
// far from expiry.
inline constexpr const char* kTestAt = "2026-06-01T00:00:00Z";
std::time_t TestAt();

enum class KeyType { kEc, kRsa, kEd25519 };  // EC P-256, RSA 2048, Ed25519
enum class Eku { kNone, kServerAuth, kClientAuth };

struct TestKey {
  std::string pem;  // unencrypted PKCS#8
  std::shared_ptr<EVP_PKEY> pkey;
};
// One key per name and type, made on first use and kept for the process:
// key generation (RSA above all) is what makes certificate tests slow.
const TestKey& KeyFor(const std::string& name, KeyType type = KeyType::kEc);

// Written with designated initializers: {.not_after = "2026-05-01T00:00:00Z"}.
// The `{}` on strings keeps g++ 12's -Wmissing-field-initializers quiet there.
struct CertOptions {
  std::string not_before{};  // empty: 2026-01-01T00:00:00Z for leaves, 2020-01-01T00:00:00Z for CAs
  std::string not_after{};   // empty: 2027-01-01T00:00:00Z for leaves, 2040-01-01T00:00:00Z for CAs
  KeyType key_type = KeyType::kEc;
  std::string key_name{};    // the KeyFor name; empty: the certificate's common name
  long serial = 0;           // 0: the next number of a process-wide counter
  Eku eku = Eku::kServerAuth;  // leaves only
  std::string common_name{};   // leaves only; empty: the first DNS name
};

struct TestCert {
  std::string cert_pem;
  std::string key_pem;
  std::string chain_pem;  // the intermediates above this certificate, nearest first, root left out
  std::shared_ptr<X509> cert;
  std::shared_ptr<EVP_PKEY> key;
};

TestCert MakeCa(const std::string& name, const CertOptions& options = {});
TestCert MakeIntermediate(const TestCert& issuer, const std::string& name, const CertOptions& options = {});
// A leaf whose subjectAltName lists dns_names, signed by issuer.
TestCert MakeLeaf(const TestCert& issuer, const std::vector<std::string>& dns_names, const CertOptions& options = {});
TestCert MakeSelfSignedLeaf(const std::vector<std::string>& dns_names, const CertOptions& options = {});
// A TLS client certificate (extendedKeyUsage clientAuth, no subjectAltName).
TestCert MakeClientCert(const TestCert& issuer, const std::string& common_name, CertOptions options = {});

// What a store holds for leaf: certificate = leaf + its chain, its key, and
// ca as caCertificate.
TlsMaterial Material(const TestCert& leaf, const TestCert& ca);
SecretFields Fields(const TestCert& leaf, const TestCert& ca);

std::string Base64(std::string_view bytes);  // one line, like base64 -w0
std::string Der(const TestCert& cert);       // the certificate as binary DER
std::string EncryptedKeyPem(const TestCert& cert, const std::string& passphrase);

// True when text contains any base64 line of key_pem: for asserting that
// no message or stream other than the output carries key material.
bool ContainsKeyMaterial(std::string_view text, const std::string& key_pem);

}  // namespace hostgraft::test
