// Chooses the secret store named by --secrets (DESIGN.md section 6).
#pragma once

#include <memory>
#include <string>

#include "diagnostics.h"
#include "secret_store.h"

namespace hostgraft {

// spec is "vault", "files:DIR", "none" or empty (vault when VAULT_ADDR is
// set, else no store is chosen, an error: a run that needs secrets must not
// quietly go without them). Returns null for none, and null with an error in
// diags for a bad or missing spec (exit 2) or a Vault client that cannot be
// loaded or set up.
// The Vault client is loaded from hostgraft-vault.so only here, so runs
// without Vault never load libcurl. Warnings every run must show (such as
// VAULT_SKIP_VERIFY) go to diags; log receives -v lines.
// The hostgraft-vault.so a Vault run would load, "" when there is none
// (shown by `hostgraft version`).
std::string VaultModulePath();

// A --secrets spec as the options are parsed: vault, none, or files:DIR
// with DIR an existing directory; else an error (exit 2) with the fix.
bool CheckSecretsSpec(const std::string& spec, Diagnostics* diags);

// The store a run uses: spec itself, or vault when spec is empty and
// VAULT_ADDR is set; empty when no store is chosen.
std::string ChosenSecrets(const std::string& spec);

std::unique_ptr<SecretStore> MakeSecretStore(const std::string& spec, const VaultSettings& settings, LogFn log,
                                             void* log_ctx, Diagnostics* diags);

}  // namespace hostgraft
