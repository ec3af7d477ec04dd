// One message per way a Vault request can fail without a specific meaning
// for the caller: no connection, TLS, deadline, oversized or unexpected
// answer. Callers handle the answers that mean something to them (404, 403)
// before falling back to this.
#pragma once

#include <string>

#include "secret_store.h"
#include "vault_env.h"
#include "vault_http.h"

namespace hostgraft {

// context says what was being done, e.g. "reading secret a/b".
SecretError VaultRequestError(const VaultEnv& env, const VaultRequest& request, const std::string& context);

}  // namespace hostgraft
