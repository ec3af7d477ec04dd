#include "vault_errors.h"

#include "redact.h"
#include "vault_json.h"

namespace hostgraft {
namespace {

std::string Tries(const VaultRequest& r) { return r.attempts > 1 ? " (" + std::to_string(r.attempts) + " tries)" : ""; }

std::string TlsFix(const VaultEnv& env, const std::string& reason) {
  if (reason.find("certificate required") != std::string::npos || reason.find("handshake failure") != std::string::npos)
    return "Vault asks for a client certificate: set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY";
  if (reason.find("subject name") != std::string::npos || reason.find("host name") != std::string::npos)
    return "use the host name in Vault's certificate in VAULT_ADDR, or set VAULT_TLS_SERVER_NAME to it";
  if (env.ca_source.empty()) return "set VAULT_CACERT (or VAULT_CAPATH) to the CA that signed Vault's certificate";
  return "check that " + env.ca_source + " holds the CA that signed Vault's certificate";
}

}  // namespace

SecretError VaultRequestError(const VaultEnv& env, const VaultRequest& r, const std::string& context) {
  std::string at = "Vault at " + env.Shown() + (env.ns.empty() ? "" : " (namespace " + env.ns + ")");
  std::string request = r.method + " " + r.path;
  // curl's and OpenSSL's reasons may quote a URL or a proxy's words.
  std::string reason = RedactCredentials(r.reason);
  switch (r.failure) {
    case VaultFailure::kConnection:
      return {kExitSecretStore, context + ": cannot reach " + at + Tries(r) + ": " + reason, "check VAULT_ADDR and that Vault is up and reachable from here"};
    case VaultFailure::kTls:
      return {kExitSecretStore, context + ": TLS with " + at + " failed: " + reason, TlsFix(env, r.reason)};
    case VaultFailure::kDeadline:
      return {kExitSecretStore, context + ": " + at + " did not answer " + request + " in time" + Tries(r) + ": " + reason,
              "check Vault's health, or raise VAULT_CLIENT_TIMEOUT"};
    case VaultFailure::kTooLarge:
      return {kExitSecretStore, context + ": " + at + " answered " + request + " with more than we accept: " + reason, ""};
    case VaultFailure::kRefused:
      return {kExitSecretStore, context + ": " + request + " was not sent to " + at + ": " + reason, ""};
    case VaultFailure::kNone:
      break;
  }
  // VaultErrorsText redacts what the server quoted.
  std::string errors = VaultErrorsText(r.response);
  return {kExitSecretStore, context + ": " + at + " answered " + std::to_string(r.status) + " to " + request + Tries(r) + (errors.empty() ? "" : ": " + errors),
          ""};
}

}  // namespace hostgraft
