// Chooses the secret store named by --secrets (DESIGN.md section 6).
#pragma once

#include <memory>
#include <string>

#include "diagnostics.h"
#include "secret_store.h"

namespace hostgraft {

// spec is "vault", "files:DIR", "none" or empty (vault when VAULT_ADDR is
// set, else none). Returns null for none, and null with an error in diags
// for a bad spec (exit 2) or a Vault client that cannot be loaded or set up.
// The Vault client is loaded from hostgraft-vault.so only here, so runs
// without Vault never load libcurl. Warnings every run must show (such as
// VAULT_SKIP_VERIFY) go to diags; log receives -v lines.
// The hostgraft-vault.so a Vault run would load, "" when there is none
// (shown by `hostgraft version`).
std::string VaultModulePath();

std::unique_ptr<SecretStore> MakeSecretStore(const std::string& spec, const VaultSettings& settings, LogFn log,
                                             void* log_ctx, Diagnostics* diags);

}  // namespace hostgraft
