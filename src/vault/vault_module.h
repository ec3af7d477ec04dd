// The boundary between the core and the Vault client, which lives in the
// shared object hostgraft-vault.so so that runs without Vault never load
// libcurl. Only types from secret_store.h cross it.
#pragma once

#include "secret_store.h"

extern "C" {
// Creates the Vault store from VAULT_* environment variables and settings.
// On a configuration error returns null and sets *error. Warnings that every
// run must show (VAULT_SKIP_VERIFY) are appended to *warnings, not logged,
// because the log is only shown with -v.
typedef hostgraft::SecretStore* (*HostgraftMakeVaultStoreFn)(const hostgraft::VaultSettings* settings,
                                                             hostgraft::LogFn log, void* log_ctx,
                                                             hostgraft::SecretError* error,
                                                             std::vector<hostgraft::SecretError>* warnings);
}

#define HOSTGRAFT_VAULT_ENTRY "hostgraft_make_vault_store"
