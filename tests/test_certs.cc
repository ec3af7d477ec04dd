#include "test_certs.h"

#include "test_support.h"

#include "base64.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <map>
#include <stdexcept>
#include <utility>

#include "rfc3339.h"

namespace hostgraft::test {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, size);
}

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
BioPtr NewMemBio() { return BioPtr(BIO_new(BIO_s_mem()), &BIO_free); }

std::shared_ptr<EVP_PKEY> GenerateKey(KeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::kEc: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyType::kRsa: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); break;
    case KeyType::kEd25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
  }
  Check(key != nullptr, "key generation");
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::shared_ptr<X509> NewCertificate() { return std::shared_ptr<X509>(X509_new(), X509_free); }

void SetTime(ASN1_TIME* field, const std::string& rfc3339) {
  std::time_t t;
  Check(ParseRfc3339(rfc3339, &t), "parsing a date");
  Check(ASN1_TIME_set(field, t) != nullptr, "setting a date");
}

void AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  Check(ext != nullptr, "making an extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

long NextSerial() {
  static long serial = 0x1000;
  return ++serial;
}

struct Signer {
  X509* cert;  // null: self-signed
  EVP_PKEY* key;
  std::string chain_pem;  // what a certificate it signs carries above itself
};

// Builds and signs one certificate. extensions are applied in order after
// the key identifiers.
TestCert Build(const std::string& common_name, const Signer& signer, const CertOptions& options, bool ca,
               const std::vector<std::pair<int, std::string>>& extensions) {
  const TestKey& key = KeyFor(options.key_name.empty() ? common_name : options.key_name, options.key_type);
  std::shared_ptr<X509> cert = NewCertificate();
  X509* x = cert.get();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), options.serial ? options.serial : NextSerial());
  SetTime(X509_getm_notBefore(x), !options.not_before.empty() ? options.not_before
                                  : ca                        ? "2020-01-01T00:00:00Z"
                                                              : "2026-01-01T00:00:00Z");
  SetTime(X509_getm_notAfter(x), !options.not_after.empty() ? options.not_after
                                 : ca                       ? "2040-01-01T00:00:00Z"
                                                            : "2027-01-01T00:00:00Z");
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Hostgraft Tests"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(x, signer.cert ? X509_get_subject_name(signer.cert) : name);
  X509_set_pubkey(x, key.pkey.get());

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, signer.cert ? signer.cert : x, x, nullptr, nullptr, 0);
  AddExtension(x, &ctx, NID_subject_key_identifier, "hash");
  AddExtension(x, &ctx, NID_authority_key_identifier, "keyid:always");
  for (const auto& [nid, value] : extensions) AddExtension(x, &ctx, nid, value);

  EVP_PKEY* signing_key = signer.cert ? signer.key : key.pkey.get();
  // Ed25519 signs the message itself, so it takes no digest.
  const EVP_MD* digest = EVP_PKEY_get_id(signing_key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  Check(X509_sign(x, signing_key, digest) > 0, "signing");

  BioPtr bio = NewMemBio();
  PEM_write_bio_X509(bio.get(), x);
  return {BioText(bio.get()), key.pem, signer.chain_pem, cert, key.pkey};
}

Signer SignerOf(const TestCert& issuer) {
  bool root = X509_self_signed(issuer.cert.get(), 0) == 1;
  return {issuer.cert.get(), issuer.key.get(), root ? std::string() : issuer.cert_pem + issuer.chain_pem};
}

std::vector<std::pair<int, std::string>> LeafExtensions(const std::vector<std::string>& dns_names,
                                                        const CertOptions& options) {
  std::vector<std::pair<int, std::string>> extensions = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, options.key_type == KeyType::kRsa ? "critical,digitalSignature,keyEncipherment"
                                                        : "critical,digitalSignature"}};
  if (options.eku == Eku::kServerAuth) extensions.push_back({NID_ext_key_usage, "serverAuth"});
  if (options.eku == Eku::kClientAuth) extensions.push_back({NID_ext_key_usage, "clientAuth"});
  std::string san;
  for (const std::string& dns : dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  if (!san.empty()) extensions.push_back({NID_subject_alt_name, san});
  return extensions;
}

std::string LeafName(const std::vector<std::string>& dns_names, const CertOptions& options) {
  if (!options.common_name.empty()) return options.common_name;
  Check(!dns_names.empty(), "naming a leaf without DNS names or common_name");
  return dns_names[0];
}

const std::vector<std::pair<int, std::string>> kCaExtensions = {
    {NID_basic_constraints, "critical,CA:TRUE"}, {NID_key_usage, "critical,keyCertSign,cRLSign"}};

}  // namespace

std::time_t TestAt() {
  std::time_t t;
  Check(ParseRfc3339(kTestAt, &t), "parsing kTestAt");
  return t;
}

const TestKey& KeyFor(const std::string& name, KeyType type) {
  static std::map<std::pair<std::string, KeyType>, TestKey> keys;
  auto [it, added] = keys.try_emplace({name, type});
  if (added) {
    it->second.pkey = GenerateKey(type);
    BioPtr bio = NewMemBio();
    PEM_write_bio_PrivateKey(bio.get(), it->second.pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    it->second.pem = BioText(bio.get());
    RegisterSecret(it->second.pem);
  }
  return it->second;
}

TestCert MakeCa(const std::string& name, const CertOptions& options) {
  return Build(name, {nullptr, nullptr, {}}, options, true, kCaExtensions);
}

TestCert MakeIntermediate(const TestCert& issuer, const std::string& name, const CertOptions& options) {
  return Build(name, SignerOf(issuer), options, true, kCaExtensions);
}

TestCert MakeLeaf(const TestCert& issuer, const std::vector<std::string>& dns_names, const CertOptions& options) {
  return Build(LeafName(dns_names, options), SignerOf(issuer), options, false, LeafExtensions(dns_names, options));
}

TestCert MakeSelfSignedLeaf(const std::vector<std::string>& dns_names, const CertOptions& options) {
  return Build(LeafName(dns_names, options), {nullptr, nullptr, {}}, options, false,
               LeafExtensions(dns_names, options));
}

TestCert MakeClientCert(const TestCert& issuer, const std::string& common_name, CertOptions options) {
  options.common_name = common_name;
  options.eku = Eku::kClientAuth;
  return MakeLeaf(issuer, {}, options);
}

TlsMaterial Material(const TestCert& leaf, const TestCert& ca) {
  return {leaf.cert_pem + leaf.chain_pem, leaf.key_pem, ca.cert_pem};
}

SecretFields Fields(const TestCert& leaf, const TestCert& ca) {
  return {{"certificate", leaf.cert_pem + leaf.chain_pem}, {"key", leaf.key_pem}, {"caCertificate", ca.cert_pem}};
}

std::string Base64(std::string_view bytes) { return Base64Encode(bytes); }

std::string Der(const TestCert& cert) {
  BioPtr bio = NewMemBio();
  Check(i2d_X509_bio(bio.get(), cert.cert.get()) == 1, "writing DER");
  return BioText(bio.get());
}

std::string EncryptedKeyPem(const TestCert& cert, const std::string& passphrase) {
  BioPtr bio = NewMemBio();
  Check(PEM_write_bio_PKCS8PrivateKey(bio.get(), cert.key.get(), EVP_aes_128_cbc(), passphrase.data(),
                                      static_cast<int>(passphrase.size()), nullptr, nullptr) == 1,
        "encrypting a key");
  return BioText(bio.get());
}

bool ContainsKeyMaterial(std::string_view text, const std::string& key_pem) {
  size_t pos = 0;
  while (pos < key_pem.size()) {
    size_t end = key_pem.find('\n', pos);
    if (end == std::string::npos) end = key_pem.size();
    std::string_view line(key_pem.data() + pos, end - pos);
    pos = end + 1;
    // Lines shorter than 8 characters (a closing "==") could occur anywhere by chance.
    if (line.size() >= 8 && line[0] != '-' && text.find(line) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace hostgraft::test
