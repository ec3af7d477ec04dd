// The TLS material of one stored secret (DESIGN.md section 6): the fields
// `certificate`, `key` and `caCertificate`, each PEM or base64-wrapped PEM,
// decoded and checked to be what its name says before any rule looks at it.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "secret_store.h"

namespace hostgraft {

// A field is at most this big: a public CA bundle is a quarter of it.
constexpr size_t kMaxPemFieldBytes = 1 << 20;

struct X509Free {
  void operator()(X509* cert) const;
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* key) const;
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// The OpenSSL objects of a TlsMaterial, parsed once by DecodeTlsMaterial and
// used again by CheckTlsMaterial (parsing is most of what checking costs on
// OpenSSL 3.0). Each keeps the PEM text it was parsed from, so material
// edited after decoding (tests swap a key) is never judged by stale objects.
struct ParsedTls {
  std::string certificate, key, ca_certificate;  // the texts parsed, as they were
  std::vector<X509Ptr> chain;    // ParseCertificates(certificate): leaf first
  EvpPkeyPtr private_key;        // ParsePrivateKey(key); null when key is empty
  std::vector<X509Ptr> anchors;  // ParseCertificates(ca_certificate)
};

struct TlsMaterial {
  std::string certificate;     // PEM certificates: leaf first, then the chain it carries
  std::string key;             // PEM private key; empty when not needed and absent
  std::string ca_certificate;  // PEM certificates trusted as anchors; empty when not needed and absent
  // What DecodeTlsMaterial parsed; null for material built another way.
  // Copies of the material share it: it is never changed once made.
  std::shared_ptr<const ParsedTls> parsed{};
};

// The parsed objects of material: material.parsed when it was parsed from
// these very texts, otherwise the fields parsed now (only those that differ).
std::shared_ptr<const ParsedTls> ParsedFor(const TlsMaterial& material);

// Decodes the fields of the secret at secret_path into *out, each as clean
// PEM (only the blocks that belong in the field, "\n" line ends), and keeps
// the OpenSSL objects parsed on the way in out->parsed.
// need_key=false makes `certificate` and `key` optional (a CA-only secret);
// need_ca=false makes `caCertificate` optional. A required field that is
// absent or empty is an error with exit 3; a field present but not PEM or
// base64 PEM of the right kind (garbage, DER, cut off, an encrypted or
// misplaced key, larger than kMaxPemFieldBytes) is an error with exit 1. Diagnostics carry the secret path
// as Location::file, name the field, and never quote field contents.
bool DecodeTlsMaterial(const SecretFields& fields, const std::string& secret_path, bool need_key, bool need_ca,
                       TlsMaterial* out, Diagnostics* diags);

// The CERTIFICATE blocks of a PEM text in order (for `certificate`: the leaf,
// then the chain it carries), each "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n".
std::vector<std::string> PemCertificates(const std::string& pem);

// The certificates of a PEM text in order; empty when any block is damaged.
// A certificate is parsed once per process: the same DER bytes again (the
// issuing CA every secret carries) give the same X509 object, up-referenced.
// Thread-safe.
std::vector<X509Ptr> ParseCertificates(const std::string& pem);
// The private key of a PEM text; null when there is none or it does not
// parse. Never prompts for a passphrase.
EvpPkeyPtr ParsePrivateKey(const std::string& pem);

// How many certificates (distinct DER) and private keys were parsed by this
// process, and how many of the keys only OpenSSL's generic reader could
// read: for tests that prove the material is parsed once, and how.
struct TlsParseCounts {
  size_t certificates = 0;
  size_t keys = 0;
  size_t generic_keys = 0;
};
TlsParseCounts TlsParses();

}  // namespace hostgraft
