#include "cert_check.h"

#include <cstdlib>
#include <map>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>

#include "rfc3339.h"

namespace hostgraft {
namespace {

constexpr std::time_t kDay = 24 * 60 * 60;

std::string NameText(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  // RFC 2253 order and escaping, but UTF-8 kept readable.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, size);
}

std::string SerialHex(const X509* cert) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr), &BN_free);
  if (!bn) return "?";
  char* hex = BN_bn2hex(bn.get());
  std::string text = hex ? hex : "?";
  OPENSSL_free(hex);
  return text;
}

std::time_t TimeOf(const ASN1_TIME* time) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return timegm(&tm);
}

std::vector<std::string> DnsNames(X509* cert) {
  std::vector<std::string> names;
  auto* general_names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; i < sk_GENERAL_NAME_num(general_names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(general_names, i);
    if (name->type != GEN_DNS) continue;
    names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.dNSName)),
                       ASN1_STRING_length(name->d.dNSName));
  }
  sk_GENERAL_NAME_pop_free(general_names, GENERAL_NAME_free);
  return names;
}

std::string KeyType(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_EC: {
      char group[80];
      if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr)) return "EC";
      const char* nist = EC_curve_nid2nist(OBJ_txt2nid(group));
      return std::string("EC ") + (nist ? nist : group);
    }
    default: {
      const char* name = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
      return name ? name : "unknown";
    }
  }
}

// "EC P-256", "RSA 2048": what a key is, for messages (never its bytes).
std::string KeySummary(EVP_PKEY* key) {
  if (!key) return "unreadable";
  std::string type = KeyType(key);
  return type.rfind("RSA", 0) == 0 ? type + " " + std::to_string(EVP_PKEY_get_bits(key)) : type;
}

// A verification failure at one certificate of the chain.
struct ChainError {
  int code;
  int depth;
  std::string subject, issuer;
};

int CollectChainError(int ok, X509_STORE_CTX* ctx) {
  if (ok) return 1;
  int code = X509_STORE_CTX_get_error(ctx);
  int depth = X509_STORE_CTX_get_error_depth(ctx);
  // The leaf's own dates and self-signature have rules and messages of their own.
  bool own_rule = depth == 0 && (code == X509_V_ERR_CERT_NOT_YET_VALID || code == X509_V_ERR_CERT_HAS_EXPIRED ||
                                 code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
  auto* errors = static_cast<std::vector<ChainError>*>(X509_STORE_CTX_get_app_data(ctx));
  bool seen = std::any_of(errors->begin(), errors->end(),
                          [&](const ChainError& e) { return e.code == code && e.depth == depth; });
  if (!own_rule && !seen) {
    X509* cert = X509_STORE_CTX_get_current_cert(ctx);
    errors->push_back({code, depth, cert ? NameText(X509_get_subject_name(cert)) : "?",
                       cert ? NameText(X509_get_issuer_name(cert)) : "?"});
  }
  return 1;  // go on, so every failure of the chain is found in one run
}

std::string ChainFix(const ChainError& e) {
  switch (e.code) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "store the certificate of the CA that issued " + e.issuer +
             " in `caCertificate`, and any intermediates after the leaf in `certificate`";
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "renew the CA certificate " + e.subject + " or use a chain that is valid at that time";
    default:
      return "store in `certificate` and `caCertificate` the chain that issued the certificate";
  }
}

// The system trust store, parsed once per process and only when a chain
// does not verify against the stored caCertificate alone: the CA bundle
// costs ~18 ms to parse, most renders never need it. Thread-safe, like
// ParseCertificates, so secrets may be checked on several threads.
bool IsFile(const std::string& path) { return std::filesystem::is_regular_file(path); }
bool IsDir(const std::string& path) { return std::filesystem::is_directory(path); }

std::string SystemCaFile() { return SystemCaPath(std::getenv(X509_get_default_cert_file_env()), SystemCaFileCandidates(), IsFile); }
std::string SystemCaDir() { return SystemCaPath(std::getenv(X509_get_default_cert_dir_env()), SystemCaDirCandidates(), IsDir); }

// Empty when the system store is there; else what was looked for, for the
// message of a chain that could not verify without it.
std::string MissingSystemStore() {
  if (IsFile(SystemCaFile()) || IsDir(SystemCaDir())) return "";
  std::string looked;
  for (const char* variable : {X509_get_default_cert_file_env(), X509_get_default_cert_dir_env()})
    if (const char* value = std::getenv(variable); value && *value) looked += std::string(looked.empty() ? "" : ", ") + variable + "=" + value;
  if (!looked.empty()) return looked;
  for (const auto& candidates : {SystemCaFileCandidates(), SystemCaDirCandidates()})
    for (const std::string& path : candidates) looked += (looked.empty() ? "" : ", ") + path;
  return looked;
}

const std::vector<X509Ptr>& SystemCertificates() {
  std::string path = SystemCaFile();
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  static std::map<std::string, std::vector<X509Ptr>> by_path;
  auto it = by_path.find(path);
  if (it != by_path.end()) return it->second;
  std::string pem;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) pem.append(buf, n);
    std::fclose(f);
  }
  return by_path[path] = ParseCertificates(pem);
}

// Verifies leaf's chain at request.at; returns the failures and fills
// chain_subjects with the chain OpenSSL built.
std::vector<ChainError> VerifyChainWith(X509* leaf, const std::vector<X509Ptr>& carried,
                                        const std::vector<X509Ptr>& anchors, bool system,
                                        const CertCheckRequest& request, std::vector<std::string>* chain_subjects) {
  std::vector<ChainError> errors;
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
  for (const X509Ptr& anchor : anchors) X509_STORE_add_cert(store.get(), anchor.get());
  if (system) {
    for (const X509Ptr& cert : SystemCertificates()) X509_STORE_add_cert(store.get(), cert.get());
    // Hashed directories (SSL_CERT_DIR) are read lazily, per issuer.
    std::string dir_path = SystemCaDir();
    if (X509_LOOKUP* dir = X509_STORE_add_lookup(store.get(), X509_LOOKUP_hash_dir()); dir && !dir_path.empty())
      X509_LOOKUP_add_dir(dir, dir_path.c_str(), X509_FILETYPE_PEM);
  }
  // Holds pointers only: the certificates stay owned by carried.
  auto free_stack = [](STACK_OF(X509)* stack) { sk_X509_free(stack); };
  std::unique_ptr<STACK_OF(X509), decltype(free_stack)> untrusted(sk_X509_new_null(), free_stack);
  for (size_t i = 1; i < carried.size(); ++i) sk_X509_push(untrusted.get(), carried[i].get());

  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
  if (!X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted.get())) {
    errors.push_back({X509_V_ERR_UNSPECIFIED, 0, "?", "?"});
    return errors;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, request.at);
  // The stored caCertificate is trusted as it is, even when it is an intermediate CA.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  X509_STORE_CTX_set_app_data(ctx.get(), &errors);
  X509_STORE_CTX_set_verify_cb(ctx.get(), CollectChainError);
  if (X509_verify_cert(ctx.get()) <= 0 && errors.empty()) {
    errors.push_back({X509_STORE_CTX_get_error(ctx.get()), 0, "?", "?"});
  }
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  chain_subjects->clear();
  for (int i = 0; i < sk_X509_num(chain); ++i)
    chain_subjects->push_back(NameText(X509_get_subject_name(sk_X509_value(chain, i))));
  return errors;
}

// The stored bundle first; the system store only when that is not enough
// and trust allows it.
std::vector<ChainError> VerifyChain(X509* leaf, const std::vector<X509Ptr>& carried,
                                    const std::vector<X509Ptr>& anchors, const CertCheckRequest& request,
                                    std::vector<std::string>* chain_subjects) {
  std::vector<ChainError> errors = VerifyChainWith(leaf, carried, anchors, false, request, chain_subjects);
  if (errors.empty() || request.trust != Trust::kSystemAndBundle) return errors;
  return VerifyChainWith(leaf, carried, anchors, true, request, chain_subjects);
}

}  // namespace

bool CheckTlsMaterial(const TlsMaterial& material, const CertCheckRequest& request, Diagnostics* diags,
                      CertInfo* info) {
  CertInfo local;
  CertInfo& out = info ? *info : local;
  out = {};
  bool accepted = true;
  auto refuse = [&](const std::string& message, const std::string& fix) {
    diags->Error(kExitFindings, request.where, message, fix);
    accepted = false;
  };
  const std::string what = request.client_auth   ? "the client certificate"
                           : request.host.empty() ? "the certificate"
                                                  : "the certificate for " + request.host;

  // Parsed once: what DecodeTlsMaterial parsed, unless the material was built another way.
  const std::shared_ptr<const ParsedTls> parsed = ParsedFor(material);
  const std::vector<X509Ptr>& carried = parsed->chain;
  if (carried.empty()) {
    refuse(what + " is missing or does not parse", "store the PEM certificate, leaf first, in `certificate`");
    return false;
  }
  X509* leaf = carried[0].get();
  std::time_t not_before = TimeOf(X509_get0_notBefore(leaf));
  std::time_t not_after = TimeOf(X509_get0_notAfter(leaf));
  out.subject = NameText(X509_get_subject_name(leaf));
  out.issuer = NameText(X509_get_issuer_name(leaf));
  out.serial = SerialHex(leaf);
  out.not_before = FormatRfc3339(not_before);
  out.not_after = FormatRfc3339(not_after);
  out.dns_names = DnsNames(leaf);
  EVP_PKEY* leaf_key = X509_get0_pubkey(leaf);
  out.key_type = leaf_key ? KeyType(leaf_key) : "unreadable";
  out.key_bits = leaf_key ? EVP_PKEY_get_bits(leaf_key) : 0;
  out.self_signed = X509_self_signed(leaf, 1) == 1;
  const std::string described = " (subject " + out.subject + "; issuer " + out.issuer + "; serial " + out.serial +
                                "; valid " + out.not_before + " to " + out.not_after + ")";
  const std::string at = FormatRfc3339(request.at);

  if (!request.client_auth && !request.host.empty()) {
    const unsigned flags = X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS;
    if (X509_check_host(leaf, request.host.data(), request.host.size(), flags, nullptr) != 1) {
      std::string listed;
      for (const std::string& name : out.dns_names) listed += (listed.empty() ? "" : ", ") + name;
      refuse(what + " does not match " + request.host + ": its subjectAltName lists " +
                 (listed.empty() ? "no DNS names" : listed) + described,
             "issue a certificate whose subjectAltName lists " + request.host);
    }
  }

  if (out.self_signed)
    refuse(what + " is self-signed" + described,
           "issue the certificate from a CA and store the CA's certificate in `caCertificate`");

  if (request.at < not_before) {
    refuse(what + " is not valid before " + out.not_before + " (judged at " + at + ")" + described,
           "use a certificate whose validity has begun, or judge it at a later time with --at");
  } else if (request.at > not_after) {
    refuse(what + " expired at " + out.not_after + " (judged at " + at + ")" + described,
           "renew the certificate and store the new one with its key");
  } else if (request.expiry_warning_days > 0 && not_after - request.at < request.expiry_warning_days * kDay) {
    std::time_t days = (not_after - request.at) / kDay;
    std::string left = days == 0   ? "in less than a day"
                       : days == 1 ? "in 1 day"
                                   : "in " + std::to_string(days) + " days";
    diags->Warning(request.where, what + " expires " + left + ", at " + out.not_after + described,
                   "renew the certificate before " + out.not_after);
  }

  if (!material.key.empty()) {
    EVP_PKEY* key = parsed->private_key.get();
    if (!key || !leaf_key || EVP_PKEY_eq(leaf_key, key) != 1)
      refuse("the private key does not belong to " + what + " (key: " + KeySummary(key) +
                 "; certificate: " + KeySummary(leaf_key) + ")" + described,
             "store the private key the certificate was issued for");
  }

  if (request.client_auth && !(X509_get_extended_key_usage(leaf) & (XKU_SSL_CLIENT | XKU_ANYEKU)))
    refuse(what + " does not allow TLS client authentication: its extendedKeyUsage lacks clientAuth" + described,
           "issue a client certificate with extendedKeyUsage clientAuth");

  const std::vector<X509Ptr>& anchors = parsed->anchors;
  if (request.trust == Trust::kBundle && anchors.empty()) {
    refuse(what + " cannot be verified: trust: bundle trusts only `caCertificate`, and there is none" + described,
           "store the issuing CA's certificate in `caCertificate`, or set trust: system+bundle for a publicly "
           "trusted certificate");
  } else {
    const std::string trusted = request.trust == Trust::kBundle ? "`caCertificate`"
                                : anchors.empty()               ? "the system store"
                                                                : "`caCertificate` or the system store";
    std::vector<ChainError> errors = VerifyChain(leaf, carried, anchors, request, &out.chain);
    // Still refused without a system store, but saying why.
    std::string missing = errors.empty() || request.trust == Trust::kBundle ? "" : MissingSystemStore();
    for (const ChainError& e : errors)
      refuse(what + " does not chain to " + trusted + (missing.empty() ? "" : " (no system store found at " + missing + ")") +
                 ": " + X509_verify_cert_error_string(e.code) + " at " + e.subject + ", issued by " + e.issuer + described,
             missing.empty() ? ChainFix(e)
                             : "set SSL_CERT_FILE to this system's CA bundle, or store the issuing CA's certificate in `caCertificate`");
  }
  ERR_clear_error();
  return accepted;
}

std::vector<std::string> SystemCaFileCandidates() {
  return {X509_get_default_cert_file(), "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
          "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem"};
}

std::vector<std::string> SystemCaDirCandidates() { return {X509_get_default_cert_dir(), "/etc/ssl/certs"}; }

std::string SystemCaPath(const char* variable, const std::vector<std::string>& candidates,
                         const std::function<bool(const std::string&)>& exists) {
  if (variable && *variable) return variable;
  for (const std::string& path : candidates)
    if (exists(path)) return path;
  return "";
}

CertCheckRequest CertCheckRequestFor(const Config& config, std::string host, std::time_t at, Location where) {
  CertCheckRequest request;
  request.host = std::move(host);
  request.at = at;
  request.expiry_warning_days = config.expiry_warning_days;
  request.trust = config.trust;
  request.where = std::move(where);
  return request;
}

}  // namespace hostgraft
