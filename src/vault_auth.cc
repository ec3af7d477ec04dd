#include "vault_auth.h"

#include <fstream>
#include <sstream>

#include "vault_errors.h"
#include "vault_json.h"

namespace hostgraft {
namespace {

// Reads a credential file, without the trailing newline editors add.
std::optional<SecretError> ReadCredential(const std::string& what, const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  while (!out->empty() && (out->back() == '\n' || out->back() == '\r' || out->back() == ' ')) out->pop_back();
  if (!in || out->empty())
    return SecretError{3, "cannot read the " + what + " from " + path + (in ? ": the file is empty" : ""),
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
      return SecretError{2, "hostgraft.vault.auth: method kubernetes needs a role", "set hostgraft.vault.auth.role to the Vault role"};
    std::string mount = AuthMount(s, "kubernetes");
    if (auto e = ReadCredential("Kubernetes service account token", s.jwt_file, &login->credential)) return e;
    login->description = "kubernetes login (role " + s.auth_role + ", auth mount " + mount + ")";
    login->fix = "check that Vault role " + s.auth_role + " is bound to the service account whose token is in " + s.jwt_file;
    r.path = "/v1/auth/" + mount + "/login";
    r.body = JsonObject({{"role", s.auth_role}, {"jwt", login->credential}});
  } else if (method == "approle") {
    if (s.role_id.empty() || s.secret_id_file.empty())
      return SecretError{2, "hostgraft.vault.auth: method approle needs a role_id and a file holding the secret_id",
                         "set both in hostgraft.vault.auth"};
    std::string mount = AuthMount(s, "approle");
    if (auto e = ReadCredential("AppRole secret_id", s.secret_id_file, &login->credential)) return e;
    login->description = "AppRole login (auth mount " + mount + ", secret_id from " + s.secret_id_file + ")";
    login->fix = "check the role_id, and that the secret_id in " + s.secret_id_file + " is current";
    r.path = "/v1/auth/" + mount + "/login";
    r.body = JsonObject({{"role_id", s.role_id}, {"secret_id", login->credential}});
  } else if (method == "cert") {
    std::string mount = AuthMount(s, "cert");
    login->description = "certificate login (auth mount " + mount + (s.auth_role.empty() ? "" : ", role " + s.auth_role) + ")";
    login->fix = "check that VAULT_CLIENT_CERT is trusted by a certificate role of auth mount " + mount;
    r.path = "/v1/auth/" + mount + "/login";
    r.body = s.auth_role.empty() ? "{}" : JsonObject({{"name", s.auth_role}});
  } else {
    return SecretError{2, "hostgraft.vault.auth.method " + method + " is not known",
                       "use token, kubernetes, approle or cert"};
  }
  return std::nullopt;
}

std::optional<SecretError> VaultLoginToken(const VaultEnv& env, const VaultLogin& login, std::string* token) {
  const VaultRequest& r = login.request;
  std::string context = "Vault " + login.description;
  if (r.failure == VaultFailure::kNone && r.status == 200) {
    rapidjson::Document doc;
    if (ParseVaultJson(r.response, &doc) && doc.IsObject() && doc.HasMember("auth"))
      *token = JsonString(doc["auth"], "client_token");
    if (!token->empty()) return std::nullopt;
    return SecretError{3, context + ": the answer carries no auth.client_token", ""};
  }
  SecretError e = VaultRequestError(env, r, context + " failed");
  if (r.failure == VaultFailure::kNone && (r.status == 400 || r.status == 403)) e.fix = login.fix;
  // Vault does not echo credentials, but a proxy in front of it might.
  for (size_t at; !login.credential.empty() && (at = e.message.find(login.credential)) != std::string::npos;)
    e.message.replace(at, login.credential.size(), "[redacted]");
  return e;
}

}  // namespace hostgraft
