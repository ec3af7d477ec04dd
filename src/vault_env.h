// The VAULT_* environment, read the way the vault CLI reads it, so a shell
// set up for `vault kv get` works unchanged.
#pragma once

#include <optional>
#include <string>

#include "secret_store.h"

namespace hostgraft {

struct VaultEnv {
  std::string addr = "https://127.0.0.1:8200";  // VAULT_ADDR without trailing '/', for messages
  std::string base_url;         // what requests go to: addr, or addr with VAULT_TLS_SERVER_NAME as host
  std::string connect_to;       // curl CONNECT_TO entry for VAULT_TLS_SERVER_NAME, else empty
  std::string ns;               // VAULT_NAMESPACE
  std::string ca_pem;           // VAULT_CACERT, else every file in VAULT_CAPATH; empty: system store
  std::string ca_source;        // "VAULT_CACERT=...", for messages
  std::string client_cert;      // VAULT_CLIENT_CERT
  std::string client_key;       // VAULT_CLIENT_KEY
  std::string tls_server_name;  // VAULT_TLS_SERVER_NAME
  bool skip_verify = false;     // VAULT_SKIP_VERIFY
  long timeout_ms = 60000;      // VAULT_CLIENT_TIMEOUT: the deadline of one Read or Write
  std::string timeout_text = "60s (default)";
  int max_retries = 2;          // VAULT_MAX_RETRIES: retries after the first try
};

// Fills env from the environment; a value the vault CLI would refuse is a
// configuration error (exit 2).
std::optional<SecretError> ReadVaultEnv(VaultEnv* env);

// VAULT_TOKEN, else ~/.vault-token (what `vault login` writes); empty when
// neither exists.
std::string VaultTokenFromEnv();

}  // namespace hostgraft
