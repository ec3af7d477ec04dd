#include "tls_material.h"

#include "base64.h"

#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string_view>

namespace hostgraft {
namespace {

constexpr std::string_view kCertificateLabel = "CERTIFICATE";

struct PemBlock {
  std::string label;  // "CERTIFICATE", "PRIVATE KEY", ...
  std::string text;   // BEGIN line through END line, "\n" line ends
  bool encrypted = false;  // legacy "Proc-Type: 4,ENCRYPTED" header
};

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// A PEM label as RFC 7468 writes them ("CERTIFICATE", "EC PRIVATE KEY").
// Anything else on a BEGIN or END line may be key bytes run into it, and
// is never quoted in a message.
bool IsCleanLabel(std::string_view label) {
  if (label.empty() || label.size() > 40) return false;
  for (char c : label)
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != ' ' && c != '-') return false;
  return true;
}

// Splits PEM text into blocks; text outside blocks (openssl's "Bag Attributes"
// and the like) is skipped the way OpenSSL skips it. On a block without its
// END line, says so in *problem.
bool ScanPem(std::string_view pem, std::vector<PemBlock>* blocks, std::string* problem) {
  PemBlock current;
  bool inside = false;
  size_t pos = 0;
  while (pos < pem.size()) {
    size_t end = pem.find('\n', pos);
    if (end == std::string_view::npos) end = pem.size();
    std::string_view line = Trim(pem.substr(pos, end - pos));
    pos = end + 1;
    bool dashes = line.size() > 10 && line.substr(line.size() - 5) == "-----";
    if (!inside) {
      if (dashes && line.substr(0, 11) == "-----BEGIN ") {
        current = {std::string(line.substr(11, line.size() - 16)), std::string(line) + "\n"};
        if (!IsCleanLabel(current.label)) {
          *problem = "has a damaged BEGIN line";
          return false;
        }
        inside = true;
      }
      continue;
    }
    current.text += std::string(line) + "\n";
    if (dashes && line.substr(0, 9) == "-----END ") {
      std::string_view end_label = line.substr(9, line.size() - 14);
      if (end_label != current.label) {
        *problem = "has a `BEGIN " + current.label + "` block that ends with " +
                   (IsCleanLabel(end_label) ? "`" + std::string(line) + "`" : "a damaged END line");
        return false;
      }
      blocks->push_back(std::move(current));
      inside = false;
    } else if (line.substr(0, 10) == "Proc-Type:" && line.find("ENCRYPTED") != std::string_view::npos) {
      current.encrypted = true;
    }
  }
  if (inside) {
    *problem = "is cut off: its `BEGIN " + current.label + "` block has no END line";
    return false;
  }
  return true;
}

bool IsKeyLabel(std::string_view label) {
  return label == "PRIVATE KEY" || label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY" ||
         label == "ENCRYPTED PRIVATE KEY";
}

struct FieldProblem {
  std::string what;  // completes "`field` ..."
  std::string fix;
};

// Unwraps base64 when the field is not PEM itself.
bool UnwrapPem(std::string_view raw, std::string* pem, FieldProblem* problem) {
  if (raw.size() > kMaxPemFieldBytes) {
    *problem = {"is larger than " + std::to_string(kMaxPemFieldBytes) + " bytes: no certificate chain is that big",
                "store only the PEM blocks the field names"};
    return false;
  }
  std::string_view text = Trim(raw);
  if (text.find("-----BEGIN ") != std::string_view::npos) {
    *pem = text;
    return true;
  }
  std::string decoded;
  if (Base64Decode(text, &decoded) && !decoded.empty()) {
    if (decoded.find("-----BEGIN ") != std::string::npos) {
      *pem = Trim(decoded);
      return true;
    }
    if (decoded[0] == 0x30) {  // an ASN.1 SEQUENCE: DER
      *problem = {"is base64-encoded DER, not PEM", "store it as PEM (openssl x509 -inform der, or openssl pkey -inform der)"};
      return false;
    }
  }
  if (static_cast<unsigned char>(text[0]) == 0x30) {
    *problem = {"is binary DER, not PEM", "store it as PEM (openssl x509 -inform der, or openssl pkey -inform der)"};
    return false;
  }
  *problem = {"is neither PEM nor base64-encoded PEM", "store the PEM text (-----BEGIN ...) or its base64 encoding"};
  return false;
}

bool DecodeCertificates(const std::vector<PemBlock>& blocks, std::string* out, std::vector<X509Ptr>* parsed,
                        FieldProblem* problem) {
  out->clear();
  for (const PemBlock& block : blocks) {
    if (block.label != kCertificateLabel) {
      *problem = {"holds a " + block.label + " block where only certificates belong",
                  "store only CERTIFICATE blocks in this field (the private key belongs in `key`)"};
      return false;
    }
    *out += block.text;
  }
  if (out->empty()) {
    *problem = {"holds no PEM certificate", "store the PEM certificate (-----BEGIN CERTIFICATE-----)"};
    return false;
  }
  *parsed = ParseCertificates(*out);
  if (parsed->empty()) {
    *problem = {"holds a damaged certificate (its base64 or DER does not parse)",
                "store the certificate again, as issued"};
    return false;
  }
  return true;
}

bool DecodeKey(const std::vector<PemBlock>& blocks, std::string* out, EvpPkeyPtr* parsed, FieldProblem* problem) {
  out->clear();
  int keys = 0;
  for (const PemBlock& block : blocks) {
    if (block.label == "EC PARAMETERS") continue;  // openssl ecparam -genkey writes it before the key
    if (!IsKeyLabel(block.label)) {
      *problem = {"holds a " + block.label + " block where a private key belongs",
                  "store only the PEM private key in `key`"};
      return false;
    }
    if (block.label == "ENCRYPTED PRIVATE KEY" || block.encrypted) {
      *problem = {"is an encrypted private key", "store it unencrypted (openssl pkey -in key.pem -out plain.pem)"};
      return false;
    }
    ++keys;
    *out = block.text;
  }
  if (keys != 1) {
    *problem = {keys == 0 ? "holds no PEM private key" : "holds " + std::to_string(keys) + " private keys",
                "store exactly one PEM private key (-----BEGIN PRIVATE KEY-----)"};
    return false;
  }
  *parsed = ParsePrivateKey(*out);
  if (!*parsed) {
    *problem = {"holds a damaged private key (its base64 or DER does not parse)", "store the private key again"};
    return false;
  }
  return true;
}

// A callback that supplies no passphrase, so OpenSSL never prompts on a terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

std::atomic<size_t> certificate_parses{0};
std::atomic<size_t> key_parses{0};
std::atomic<size_t> generic_key_parses{0};

// Every certificate parsed by this process, by its DER bytes; each holds
// one reference. Never freed: an X509_free after OpenSSL's own atexit
// cleanup would be unsafe, and the process ends right after.
struct CertificateCache {
  std::mutex mutex;
  std::map<std::string, X509*, std::less<>> by_der;
};
CertificateCache& Certificates() {
  static CertificateCache* cache = new CertificateCache;
  return *cache;
}

X509Ptr UpRef(X509* cert) {
  X509_up_ref(cert);
  return X509Ptr(cert);
}

// d2i_X509 is mostly the public key's decoding through OpenSSL 3.0's
// decoder framework (a decoder chain built anew for each certificate), so
// the issuing CA and intermediates every secret carries are parsed once.
X509Ptr CertificateFromDer(const unsigned char* der, long size) {
  std::string bytes(reinterpret_cast<const char*>(der), size);
  CertificateCache& cache = Certificates();
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto it = cache.by_der.find(bytes);
    if (it != cache.by_der.end()) return UpRef(it->second);
  }
  const unsigned char* p = der;
  X509* cert = d2i_X509(nullptr, &p, size);  // outside the lock: threads parse distinct certificates at once
  if (!cert) return nullptr;
  ++certificate_parses;
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto [it, inserted] = cache.by_der.emplace(std::move(bytes), cert);
  if (!inserted) X509_free(cert);  // another thread parsed the same bytes meanwhile
  return UpRef(it->second);
}

// The key of one PEM block of the given label, as DER, decoded by the
// decoders its label and algorithm name and no others: PEM_read_bio_PrivateKey
// on OpenSSL 3.0 builds a chain of every decoder for every key type and
// structure, which costs several times the decoding. Null when the label
// is not one of the three unencrypted kinds or the DER does not decode.
EvpPkeyPtr KeyFromDer(std::string_view label, const unsigned char* der, long size) {
  const char* structure = "type-specific";  // PKCS#1 and SEC1
  const char* type = nullptr;
  char algorithm_name[128];
  if (label == "RSA PRIVATE KEY") {
    type = "RSA";
  } else if (label == "EC PRIVATE KEY") {
    type = "EC";
  } else if (label == "PRIVATE KEY") {  // PKCS#8: the algorithm names the key type
    structure = "PrivateKeyInfo";
    const unsigned char* p = der;
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> info(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, size), &PKCS8_PRIV_KEY_INFO_free);
    const ASN1_OBJECT* algorithm = nullptr;
    if (!info || !PKCS8_pkey_get0(&algorithm, nullptr, nullptr, nullptr, info.get()) ||
        OBJ_obj2txt(algorithm_name, sizeof algorithm_name, algorithm, 0) <= 0)
      return nullptr;
    type = algorithm_name;
  } else {
    return nullptr;
  }
  EVP_PKEY* key = nullptr;
  std::unique_ptr<OSSL_DECODER_CTX, decltype(&OSSL_DECODER_CTX_free)> decoder(
      OSSL_DECODER_CTX_new_for_pkey(&key, "DER", structure, type, EVP_PKEY_KEYPAIR, nullptr, nullptr),
      &OSSL_DECODER_CTX_free);
  if (!decoder || OSSL_DECODER_CTX_get_num_decoders(decoder.get()) == 0 ||
      !OSSL_DECODER_CTX_set_pem_password_cb(decoder.get(), NoPassphrase, nullptr))
    return nullptr;
  const unsigned char* p = der;
  size_t left = static_cast<size_t>(size);
  if (!OSSL_DECODER_from_data(decoder.get(), &p, &left)) {
    EVP_PKEY_free(key);
    return nullptr;
  }
  return EvpPkeyPtr(key);
}

std::vector<X509Ptr> SharedCopy(const std::vector<X509Ptr>& certs) {
  std::vector<X509Ptr> copy;
  copy.reserve(certs.size());
  for (const X509Ptr& cert : certs) copy.push_back(UpRef(cert.get()));
  return copy;
}

}  // namespace

void X509Free::operator()(X509* cert) const { X509_free(cert); }
void EvpPkeyFree::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

std::vector<std::string> PemCertificates(const std::string& pem) {
  std::vector<PemBlock> blocks;
  std::string problem;
  ScanPem(pem, &blocks, &problem);
  std::vector<std::string> certificates;
  for (PemBlock& block : blocks)
    if (block.label == kCertificateLabel) certificates.push_back(std::move(block.text));
  return certificates;
}

std::vector<X509Ptr> ParseCertificates(const std::string& pem) {
  std::vector<X509Ptr> certificates;
  for (const std::string& block : PemCertificates(pem)) {
    // What PEM_read_bio_X509 does, with the DER looked up before d2i_X509.
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())),
                                                   &BIO_free);
    unsigned char* der = nullptr;
    long size = 0;
    X509Ptr cert;
    if (PEM_bytes_read_bio(&der, &size, nullptr, PEM_STRING_X509, bio.get(), NoPassphrase, nullptr) == 1)
      cert = CertificateFromDer(der, size);
    OPENSSL_free(der);
    if (!cert) {
      ERR_clear_error();
      return {};
    }
    certificates.push_back(std::move(cert));
  }
  return certificates;
}

EvpPkeyPtr ParsePrivateKey(const std::string& pem) {
  ++key_parses;
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                 &BIO_free);
  // The first key block, by the exact decoder of its kind ...
  unsigned char* der = nullptr;
  long size = 0;
  char* label = nullptr;
  EvpPkeyPtr key;
  if (PEM_bytes_read_bio(&der, &size, &label, PEM_STRING_EVP_PKEY, bio.get(), NoPassphrase, nullptr) == 1)
    key = KeyFromDer(label, der, size);
  OPENSSL_free(der);
  OPENSSL_free(label);
  // ... or, when that fails, as OpenSSL reads any key: the same answer for
  // anything else, at the old cost (encrypted keys still fail unprompted).
  if (!key) {
    ++generic_key_parses;
    ERR_clear_error();
    bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  }
  if (!key) ERR_clear_error();
  return key;
}

TlsParseCounts TlsParses() { return {certificate_parses.load(), key_parses.load(), generic_key_parses.load()}; }

std::shared_ptr<const ParsedTls> ParsedFor(const TlsMaterial& material) {
  const ParsedTls* old = material.parsed.get();
  bool same_certificate = old && old->certificate == material.certificate;
  bool same_key = old && old->key == material.key;
  bool same_ca = old && old->ca_certificate == material.ca_certificate;
  if (same_certificate && same_key && same_ca) return material.parsed;
  auto parsed = std::make_shared<ParsedTls>();
  parsed->certificate = material.certificate;
  parsed->key = material.key;
  parsed->ca_certificate = material.ca_certificate;
  parsed->chain = same_certificate ? SharedCopy(old->chain) : ParseCertificates(material.certificate);
  if (same_key && old->private_key) {
    EVP_PKEY_up_ref(old->private_key.get());
    parsed->private_key.reset(old->private_key.get());
  } else if (!material.key.empty()) {
    parsed->private_key = ParsePrivateKey(material.key);
  }
  parsed->anchors = same_ca ? SharedCopy(old->anchors) : ParseCertificates(material.ca_certificate);
  return parsed;
}

bool DecodeTlsMaterial(const SecretFields& fields, const std::string& secret_path, bool need_key, bool need_ca,
                       TlsMaterial* out, Diagnostics* diags) {
  struct Field {
    const char* name;
    bool required;
    bool is_key;
    std::string* value;
    const char* missing_fix;
  };
  const Field kFields[] = {
      {"certificate", need_key, false, &out->certificate,
       "store the PEM certificate, leaf first, then its intermediates, under `certificate`"},
      {"key", need_key, true, &out->key, "store the certificate's PEM private key under `key`"},
      {"caCertificate", need_ca, false, &out->ca_certificate,
       "store the PEM certificate of the issuing CA under `caCertificate`"},
  };
  Location where;
  where.file = secret_path;
  bool ok = true;
  out->parsed.reset();
  auto parsed = std::make_shared<ParsedTls>();
  for (const Field& field : kFields) {
    field.value->clear();
    auto it = fields.find(field.name);
    if (it == fields.end() || Trim(it->second).empty()) {
      if (field.required) {
        diags->Error(kExitSecretStore, where,
                     std::string("the secret has no `") + field.name + (it == fields.end() ? "`" : "` (it is empty)"),
                     field.missing_fix);
        ok = false;
      }
      continue;
    }
    std::string pem;
    std::vector<PemBlock> blocks;
    FieldProblem problem;
    std::vector<X509Ptr>& certificates = field.value == &out->certificate ? parsed->chain : parsed->anchors;
    bool decoded = UnwrapPem(it->second, &pem, &problem) && ScanPem(pem, &blocks, &problem.what) &&
                   (field.is_key ? DecodeKey(blocks, field.value, &parsed->private_key, &problem)
                                 : DecodeCertificates(blocks, field.value, &certificates, &problem));
    if (!decoded) {
      if (problem.fix.empty()) problem.fix = "store the whole PEM text, BEGIN line through END line";
      diags->Error(kExitFindings, where, std::string("`") + field.name + "` " + problem.what, problem.fix);
      field.value->clear();
      if (field.is_key)
        parsed->private_key.reset();
      else
        certificates.clear();
      ok = false;
    }
  }
  parsed->certificate = out->certificate;
  parsed->key = out->key;
  parsed->ca_certificate = out->ca_certificate;
  out->parsed = std::move(parsed);
  return ok;
}

}  // namespace hostgraft
