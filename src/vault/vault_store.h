// The vault secret store (docs/vault.md): KV v1 and v2 read through
// the HTTP API with the vault CLI's conventions. Built into
// hostgraft-vault.so and reached through hostgraft_make_vault_store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "secret_store.h"
#include "vault_auth.h"
#include "vault_env.h"
#include "vault_http.h"

namespace hostgraft {

struct VaultMount {
  std::string path;  // "registry-kv", no slashes at either end
  std::string type;  // "kv" (or "generic"); anything else holds no KV secrets
  int version = 1;
};

// Where one asked-for path lives.
struct VaultKvPath {
  std::string path;      // as asked
  std::string mount;
  std::string relative;  // inside the mount, without KV v2's data/
  int version = 1;
  std::string ApiPath() const;      // "/v1/<mount>/data/<relative>" or "/v1/<path>", escaped
  std::string PolicyPath() const;   // the same, as a policy names it
};

class VaultStore : public SecretStore {
 public:
  VaultStore(VaultEnv env, const VaultSettings& settings, VaultLogin login, std::string token, LogFn log, void* log_ctx);
  std::string Describe() const override;
  std::map<std::string, SecretResult> Read(const std::vector<std::string>& paths) override;
  std::optional<SecretError> Write(const std::string& path, const SecretFields& fields) override;

 private:
  std::optional<SecretError> EnsureLogin(VaultClock::time_point deadline);
  // Finds mount and KV version of each path: settings first, then one
  // sys/internal/ui/mounts lookup per unknown mount.
  void Locate(const std::vector<std::string>& paths, VaultClock::time_point deadline,
              std::map<std::string, VaultKvPath>* located, std::map<std::string, SecretError>* failed);
  std::optional<VaultKvPath> KnownLocation(const std::string& path, std::optional<SecretError>* error) const;
  SecretResult ReadResult(const VaultKvPath& where, const VaultRequest& request) const;

  VaultEnv env_;  // VaultHttp keeps a reference: declared first
  VaultHttp http_;
  VaultLogin login_;
  bool logged_in_;
  std::optional<SecretError> login_error_;  // one login per run, failed or not
  std::vector<VaultMount> mounts_;          // from settings and lookups
  bool mounts_lookup_missing_ = false;      // an old Vault without the lookup: all KV v1
  std::map<std::string, SecretResult> read_;  // each path read once per run
};

}  // namespace hostgraft
