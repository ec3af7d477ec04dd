// The VAULT_* environment, read the way the vault CLI reads it, so a shell
// set up for `vault kv get` works unchanged.
#pragma once

#include <optional>
#include <string>

#include "secret_store.h"

namespace hostgraft {

struct VaultEnv {
  std::string addr = "https://127.0.0.1:8200";  // VAULT_ADDR without trailing '/'; in text only as Shown()
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

  // addr for messages, -v lines and Describe(): user:password@ masked.
  std::string Shown() const;
};

// What credential files may hold: a token, a JWT or a secret_id is a few
// KiB at most.
constexpr size_t kMaxCredentialFileBytes = 64 << 10;
// What a CA file (VAULT_CACERT, or all of VAULT_CAPATH) may hold:
// HOSTGRAFT_MAX_INPUT_MB when smaller.
constexpr size_t kMaxCaFileBytes = 16 << 20;

// Whether a header value would carry a control character (CR or LF could
// add headers of the caller's choosing).
bool HasControlChar(const std::string& value);

// Fills env from the environment; a value the vault CLI would refuse is a
// configuration error (exit 2).
std::optional<SecretError> ReadVaultEnv(VaultEnv* env);

// VAULT_TOKEN, else ~/.vault-token (what `vault login` writes), into *token;
// empty when neither exists. A token file that cannot be read within
// kMaxCredentialFileBytes, or a token holding a control character, is a
// configuration error (exit 2) naming the variable or file, never the value.
std::optional<SecretError> VaultTokenFromEnv(std::string* token);

}  // namespace hostgraft
