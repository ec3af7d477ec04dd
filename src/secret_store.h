// Where TLS material comes from (DESIGN.md section 6). A store reads every
// requested path once and answers per path; the pipeline plans all paths
// first, so a store can fetch them together.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exit_codes.h"

namespace hostgraft {

// The fields of one stored secret as the store holds them (certificate, key,
// caCertificate, ...); decoding base64-wrapped PEM is the caller's job.
using SecretFields = std::map<std::string, std::string>;

struct SecretError {
  int exit_code = kExitSecretStore;  // kExitUsage when the request itself was wrong
  std::string message;   // names store, path and cause; never secret bytes
  std::string fix;
};

struct SecretResult {
  std::optional<SecretFields> fields;  // set on success
  std::optional<SecretError> error;    // set on failure
};

// Settings of the Vault store that come from the values (hostgraft.vault);
// everything else comes from the VAULT_* environment like the vault CLI.
struct VaultSettings {
  std::map<std::string, int> kv_version;  // mount -> 1 or 2, skips the mounts preflight
  std::string auth_method;                // "", token, kubernetes, approle, cert
  std::string auth_role;                  // kubernetes role
  std::string auth_mount;                 // auth mount path, default per method
  std::string jwt_file = "/var/run/secrets/kubernetes.io/serviceaccount/token";
  std::string role_id;                    // approle
  std::string secret_id_file;             // approle
};

// Why a secret path is refused, or empty when it is fine: stores map paths
// to files and URLs, so an absolute path, an empty segment or a `.`/`..`
// segment could escape the store. Inline so the core and the Vault module
// share it across the dlopen boundary.
inline std::string SecretPathProblem(const std::string& path) {
  if (path.empty()) return "is empty";
  if (path.front() == '/') return "is absolute";
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment.empty()) return "has an empty segment";
    if (segment == "." || segment == "..") return "has a '" + segment + "' segment";
    if (slash == std::string::npos) return {};
    start = slash + 1;
  }
}

// Log sink for -v: requests and timings only, never secret values.
using LogFn = void (*)(void* ctx, const std::string& line);

class SecretStore {
 public:
  virtual ~SecretStore() = default;
  virtual std::string Describe() const = 0;  // e.g. "files:testdata/registry/secrets"
  virtual std::map<std::string, SecretResult> Read(const std::vector<std::string>& paths) = 0;
  // Stores fields at path (hostgraft vault put). Stores that cannot write say so.
  virtual std::optional<SecretError> Write(const std::string& path, const SecretFields& fields) {
    return SecretError{2, Describe() + " cannot be written to", "use --secrets vault"};
  }
};

}  // namespace hostgraft
