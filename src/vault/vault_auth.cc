#include "vault_auth.h"

#include "bounded_read.h"
#include "vault_errors.h"
#include "vault_json.h"

namespace hostgraft {
namespace {

// Reads a credential file, without the trailing newline editors add: a
// regular file of at most kMaxCredentialFileBytes (a FIFO would block, a
// device or a huge file would never end). Messages never quote it.
std::optional<SecretError> ReadCredential(const std::string& what, const std::string& path, std::string* out) {
  std::optional<std::string> problem = ReadFileBounded(path, kMaxCredentialFileBytes, out, FileKinds::kRegularOnly);
  while (!out->empty() && (out->back() == '\n' || out->back() == '\r' || out->back() == ' ')) out->pop_back();
  if (!problem && out->empty()) problem = "is empty";
  if (problem)
    return SecretError{kExitSecretStore, "cannot read the " + what + " from " + path + ": the file " + *problem,
                       "check that the file exists and is readable by this process"};
  return std::nullopt;
}

std::string AuthMount(const VaultSettings& s, const std::string& default_mount) {
  std::string m = s.auth_mount.empty() ? default_mount : s.auth_mount;
  if (m.rfind("auth/", 0) == 0) m = m.substr(5);
  while (!m.empty() && m.back() == '/') m.pop_back();
  return m;
}

}  // namespace

std::optional<SecretError> PrepareVaultLogin(const VaultSettings& s, VaultLogin* login) {
  const std::string& method = s.auth_method;
  if (method.empty() || method == "token") return std::nullopt;
  VaultRequest& r = login->request;
  r.method = "POST";
  r.send_token = false;
  if (method == "kubernetes") {
    if (s.auth_role.empty())
      return SecretError{kExitUsage, "hostgraft.vault.auth: method kubernetes needs a role", "set hostgraft.vault.auth.role to the Vault role"};
    std::string mount = AuthMount(s, "kubernetes");
    if (auto e = ReadCredential("Kubernetes service account token", s.jwt_file, &login->credential)) return e;
    login->description = "kubernetes login (role " + s.auth_role + ", auth mount " + mount + ")";
    login->fix = "check that Vault role " + s.auth_role + " is bound to the service account whose token is in " + s.jwt_file;
    r.path = "/v1/auth/" + mount + "/login";
    r.body = JsonObject({{"role", s.auth_role}, {"jwt", login->credential}});
  } else if (method == "approle") {
    if (s.role_id.empty() || s.secret_id_file.empty())
      return SecretError{kExitUsage, "hostgraft.vault.auth: method approle needs a role_id and a file holding the secret_id",
                         "set both in hostgraft.vault.auth"};
    std::string mount = AuthMount(s, "approle");
    if (auto e = ReadCredential("AppRole secret_id", s.secret_id_file, &login->credential)) return e;
    login->description = "AppRole login (auth mount " + mount + ", secret_id from " + s.secret_id_file + ")";
    login->fix = "check the role_id, and that the secret_id in " + s.secret_id_file + " is current";
    r.path = "/v1/auth/" + mount + "/login";
    r.body = JsonObject({{"role_id", s.role_id}, {"secret_id", login->credential}});
    login->role_id = s.role_id;
  } else if (method == "cert") {
    std::string mount = AuthMount(s, "cert");
    login->description = "certificate login (auth mount " + mount + (s.auth_role.empty() ? "" : ", role " + s.auth_role) + ")";
    login->fix = "check that VAULT_CLIENT_CERT is trusted by a certificate role of auth mount " + mount;
    r.path = "/v1/auth/" + mount + "/login";
    r.body = s.auth_role.empty() ? "{}" : JsonObject({{"name", s.auth_role}});
  } else {
    return SecretError{kExitUsage, "hostgraft.vault.auth.method " + method + " is not known",
                       "use token, kubernetes, approle or cert"};
  }
  return std::nullopt;
}

std::optional<SecretError> VaultLoginToken(const VaultEnv& env, const VaultLogin& login, std::string* token) {
  const VaultRequest& r = login.request;
  std::string context = "Vault " + login.description;
  if (r.failure == VaultFailure::kNone && r.status == 200) {
    rapidjson::Document doc;
    std::string why;
    if (!ParseVaultJson(r.response, &doc, &why)) return SecretError{kExitSecretStore, context + ": the answer is not valid JSON: " + why, ""};
    if (doc.IsObject() && doc.HasMember("auth")) *token = JsonString(doc["auth"], "client_token");
    if (token->empty()) return SecretError{kExitSecretStore, context + ": the answer carries no auth.client_token", ""};
    // It goes into X-Vault-Token: a line break would add headers.
    if (HasControlChar(*token)) {
      token->clear();
      return SecretError{kExitSecretStore, context + ": the answer's auth.client_token holds a control character (such as a line break), "
                                      "which cannot be sent in a header", ""};
    }
    return std::nullopt;
  }
  // VaultRequestError redacts credentials in what the server quoted
  // (RedactCredentials: tokens, role_id, secret_id, JWTs, PEM).
  SecretError e = VaultRequestError(env, r, context + " failed");
  if (r.failure == VaultFailure::kNone && (r.status == 400 || r.status == 403)) e.fix = login.fix;
  // And the credential sent, whatever its shape: Vault does not echo it,
  // but a proxy in front of it might.
  for (const std::string* secret : {&login.credential, &login.role_id})
    for (size_t at; secret->size() >= 8 && (at = e.message.find(*secret)) != std::string::npos;)
      e.message.replace(at, secret->size(), "[redacted]");
  return e;
}

}  // namespace hostgraft
