// The one login of a run for the Kubernetes, AppRole and certificate auth
// methods. The token it yields lives only in memory.
#pragma once

#include <optional>
#include <string>

#include "secret_store.h"
#include "vault_env.h"
#include "vault_http.h"

namespace hostgraft {

struct VaultLogin {
  std::string description;  // e.g. "kubernetes login (role web, auth mount kubernetes)"
  std::string fix;          // what to check when Vault refuses it
  VaultRequest request;     // POST /v1/auth/<mount>/login, carrying the credential
  std::string credential;   // the JWT or secret_id, to keep it out of messages
  std::string role_id;      // AppRole's role_id, kept out of messages too
};

// Checks settings.auth_* (exit 2 when incomplete) and reads the JWT or
// secret_id file (exit 3 when unreadable). Returns the error, else fills
// *login; for the token method (no login) leaves login->request.path empty.
std::optional<SecretError> PrepareVaultLogin(const VaultSettings& settings, VaultLogin* login);

// The client token from a performed login, or why there is none.
std::optional<SecretError> VaultLoginToken(const VaultEnv& env, const VaultLogin& login, std::string* token);

}  // namespace hostgraft
