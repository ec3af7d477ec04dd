// The certificate rules of DESIGN.md section 7, applied to the TLS material
// of one host before anything is written (render, lint, check-cert, vault put).
#pragma once

#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "config.h"
#include "diagnostics.h"
#include "tls_material.h"

namespace hostgraft {

struct CertCheckRequest {
  std::string host;          // host the leaf must match; empty: no host match
  bool client_auth = false;  // the leaf is a TLS client certificate (ICS Redis mTLS): no host match, needs clientAuth
  std::time_t at = 0;        // --at: the time validity is judged at
  int expiry_warning_days = 30;  // 0 or less: no warning
  Trust trust = Trust::kSystemAndBundle;  // kBundle: only ca_certificate is trusted
  Location where;            // where the material will be used; copied into every diagnostic
};

// What the leaf is, for check-cert reports and messages.
struct CertInfo {
  std::string subject, issuer;         // RFC 2253, e.g. "CN=keycloak.example.com,O=Example"
  std::string serial;                  // upper-case hex
  std::string not_before, not_after;   // RFC 3339
  std::vector<std::string> dns_names;  // subjectAltName DNS entries
  std::string key_type;                // "RSA", "EC P-256", "Ed25519", ...
  int key_bits = 0;
  std::vector<std::string> chain;      // subjects of the verified chain, leaf first
  bool self_signed = false;
};

// Applies every rule and reports every failure, each an error with exit code
// kExitFindings: the leaf matches request.host (subjectAltName DNS entries,
// one-label wildcards, never the subject CN); it is not self-signed; it is
// valid at request.at; material.key belongs to it (skipped when key is
// empty: check-cert without --key); for client_auth its extendedKeyUsage,
// when present, allows clientAuth; and the chain (intermediates carried in
// material.certificate after the leaf) verifies at request.at to a
// certificate of material.ca_certificate, or with kSystemAndBundle also to
// the system store. A leaf valid for less than expiry_warning_days more is a
// warning. Messages name the host and the leaf's subject, issuer, serial and
// dates, and never key bytes. Returns true when the material is accepted.
bool CheckTlsMaterial(const TlsMaterial& material, const CertCheckRequest& request, Diagnostics* diags,
                      CertInfo* info = nullptr);

// A request for `host` at `at` with the configuration's trust and expiry
// warning: what render, check-cert and vault put all judge by.
CertCheckRequest CertCheckRequestFor(const Config& config, std::string host, std::time_t at, Location where);

// Where the system trust store of `trust: system+bundle` is looked for:
// OpenSSL's compiled-in default first (the portable build carries Debian's),
// then the distributions' well-known places.
std::vector<std::string> SystemCaFileCandidates();  // PEM bundles
std::vector<std::string> SystemCaDirCandidates();   // hashed directories

// The variable's value when set (SSL_CERT_FILE, SSL_CERT_DIR: taken as they
// are, like OpenSSL does), else the first candidate that exists; empty when
// none does.
std::string SystemCaPath(const char* variable, const std::vector<std::string>& candidates,
                         const std::function<bool(const std::string&)>& exists);

}  // namespace hostgraft
