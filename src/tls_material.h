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

struct TlsMaterial {
  std::string certificate;     // PEM certificates: leaf first, then the chain it carries
  std::string key;             // PEM private key; empty when not needed and absent
  std::string ca_certificate;  // PEM certificates trusted as anchors; empty when not needed and absent
};

// Decodes the fields of the secret at secret_path into *out, each as clean
// PEM (only the blocks that belong in the field, "\n" line ends).
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

struct X509Free {
  void operator()(X509* cert) const;
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* key) const;
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// The certificates of a PEM text in order; empty when any block is damaged.
std::vector<X509Ptr> ParseCertificates(const std::string& pem);
// The private key of a PEM text; null when there is none or it does not
// parse. Never prompts for a passphrase.
EvpPkeyPtr ParsePrivateKey(const std::string& pem);

}  // namespace hostgraft
