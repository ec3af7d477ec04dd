#include "vault_env.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "bounded_read.h"
#include "redact.h"

namespace hostgraft {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

SecretError ConfigError(std::string message, std::string fix) { return {kExitUsage, std::move(message), std::move(fix)}; }

// Go's strconv.ParseBool, which the vault CLI uses for VAULT_SKIP_VERIFY.
std::optional<bool> ParseGoBool(const std::string& s) {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"})
    if (s == t) return true;
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"})
    if (s == f) return false;
  return std::nullopt;
}

// The vault CLI's ParseDurationSecond: a bare number is seconds, else a Go
// duration such as "1m30s", "1.5s" or "500ms".
std::optional<double> ParseDurationSeconds(const std::string& s) {
  if (s.empty()) return std::nullopt;
  // strtod, not stod: a huge number is inf (refused by the caller), not an exception.
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::strtod(s.c_str(), nullptr);
  static const std::pair<const char*, double> kUnits[] = {{"ns", 1e-9}, {"us", 1e-6}, {"µs", 1e-6}, {"ms", 1e-3},
                                                          {"s", 1},     {"m", 60},    {"h", 3600}};
  double total = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
    if (i == start) return std::nullopt;
    double number = std::strtod(s.substr(start, i - start).c_str(), nullptr);
    // First match wins: the two-letter units come before "m" and "s".
    const std::pair<const char*, double>* unit = nullptr;
    for (const auto& u : kUnits)
      if (!unit && s.compare(i, std::char_traits<char>::length(u.first), u.first) == 0) unit = &u;
    if (!unit) return std::nullopt;
    i += std::char_traits<char>::length(unit->first);
    total += number * unit->second;
  }
  return total;
}

size_t CaLimit() { return std::min(kMaxCaFileBytes, InputLimitBytes()); }

// VAULT_CACERT wins over VAULT_CAPATH, as in the vault CLI; a CA directory is
// read file by file (no c_rehash links needed, unlike OpenSSL's CApath).
// Reads are bounded: VAULT_CACERT=/dev/zero is refused, not read for ever.
std::optional<SecretError> ReadCa(VaultEnv* env) {
  std::string cacert = Env("VAULT_CACERT"), capath = Env("VAULT_CAPATH");
  if (!cacert.empty()) {
    // A pipe is fine (VAULT_CACERT=<(...)); it is read up to the limit.
    std::string pem;
    std::optional<std::string> problem = ReadFileBounded(cacert, CaLimit(), &pem, FileKinds::kRegularOrStream);
    if (!problem && pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) problem = "holds no PEM certificate";
    if (problem)
      return ConfigError("VAULT_CACERT=" + cacert + " " + *problem,
                         "point VAULT_CACERT at the PEM file of the CA that signed Vault's certificate");
    env->ca_pem = std::move(pem);
    env->ca_source = "VAULT_CACERT=" + cacert;
    return std::nullopt;
  }
  if (capath.empty()) return std::nullopt;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(capath, ec))
    if (entry.is_regular_file(ec)) files.push_back(entry.path());
  if (ec) return ConfigError("VAULT_CAPATH=" + capath + ": " + ec.message(), "point VAULT_CAPATH at a directory of PEM CA certificates");
  std::sort(files.begin(), files.end());
  // Files that cannot be opened or hold no certificate are skipped, as
  // before; the directory as a whole stays within the CA limit.
  for (const auto& f : files) {
    std::string pem;
    std::optional<std::string> problem = ReadFileBounded(f.string(), CaLimit(), &pem, FileKinds::kRegularOnly);
    if (problem && problem->rfind("cannot be opened", 0) == 0) continue;
    if (!problem && env->ca_pem.size() + pem.size() + 1 > CaLimit()) problem = "takes the directory past " + SizeText(CaLimit());
    if (problem) {
      env->ca_pem.clear();
      return ConfigError("VAULT_CAPATH=" + capath + ": " + f.filename().string() + " " + *problem,
                         "point VAULT_CAPATH at a directory of PEM CA certificates");
    }
    if (pem.find("-----BEGIN CERTIFICATE-----") != std::string::npos) env->ca_pem += pem + "\n";
  }
  if (env->ca_pem.empty())
    return ConfigError("VAULT_CAPATH=" + capath + " holds no PEM certificate", "point VAULT_CAPATH at a directory of PEM CA certificates");
  env->ca_source = "VAULT_CAPATH=" + capath;
  return std::nullopt;
}

// With VAULT_TLS_SERVER_NAME, requests name that host (SNI and certificate
// check) but connect to VAULT_ADDR's host, like Go's tls.Config.ServerName.
std::optional<SecretError> ApplyServerName(VaultEnv* env) {
  env->base_url = env->addr;
  if (env->tls_server_name.empty()) return std::nullopt;
  CURLU* url = curl_url();
  char *scheme = nullptr, *host = nullptr, *port = nullptr;
  bool ok = curl_url_set(url, CURLUPART_URL, env->addr.c_str(), 0) == CURLUE_OK &&
            curl_url_get(url, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(url, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
            curl_url_get(url, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
            curl_url_set(url, CURLUPART_HOST, env->tls_server_name.c_str(), 0) == CURLUE_OK;
  if (ok) {
    char* rewritten = nullptr;
    ok = curl_url_get(url, CURLUPART_URL, &rewritten, 0) == CURLUE_OK;
    if (ok) env->base_url = rewritten;
    curl_free(rewritten);
    while (!env->base_url.empty() && env->base_url.back() == '/') env->base_url.pop_back();
    env->connect_to = env->tls_server_name + ":" + port + ":" + host + ":" + port;
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(url);
  if (!ok) return ConfigError("VAULT_TLS_SERVER_NAME=" + env->tls_server_name + " cannot be used with VAULT_ADDR=" + env->Shown(),
                              "set VAULT_TLS_SERVER_NAME to the host name in Vault's certificate");
  return std::nullopt;
}

SecretError ControlCharError(const std::string& what, std::string fix) {
  return ConfigError(what + " holds a control character (such as a line break), which cannot be sent in a header", std::move(fix));
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string VaultEnv::Shown() const { return MaskUrlUserinfo(addr); }

bool HasControlChar(const std::string& value) {
  return std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::optional<SecretError> ReadVaultEnv(VaultEnv* env) {
  if (std::string addr = Env("VAULT_ADDR"); !addr.empty()) env->addr = addr;
  while (!env->addr.empty() && env->addr.back() == '/') env->addr.pop_back();
  if (env->addr.rfind("https://", 0) != 0 && env->addr.rfind("http://", 0) != 0)
    return ConfigError("VAULT_ADDR=" + env->Shown() + " is not an http:// or https:// address", "set VAULT_ADDR like https://vault.example.com:8200");
  env->ns = Env("VAULT_NAMESPACE");
  while (!env->ns.empty() && env->ns.back() == '/') env->ns.pop_back();
  // X-Vault-Namespace carries it: a line break would add headers.
  if (HasControlChar(env->ns))
    return ControlCharError("VAULT_NAMESPACE", "set VAULT_NAMESPACE to the namespace path alone, like team-a or team-a/child");
  if (std::optional<SecretError> e = ReadCa(env)) return e;
  env->client_cert = Env("VAULT_CLIENT_CERT");
  env->client_key = Env("VAULT_CLIENT_KEY");
  if (env->client_cert.empty() != env->client_key.empty())
    return ConfigError("VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together", "set both to PEM files, or neither");
  for (const std::string& f : {env->client_cert, env->client_key}) {
    std::error_code ec;
    if (!f.empty() && !std::filesystem::is_regular_file(f, ec))
      return ConfigError((f == env->client_cert ? "VAULT_CLIENT_CERT=" : "VAULT_CLIENT_KEY=") + f + " is not a readable file",
                         "point it at a PEM file");
  }
  env->tls_server_name = Env("VAULT_TLS_SERVER_NAME");
  if (std::optional<SecretError> e = ApplyServerName(env)) return e;
  if (std::string v = Env("VAULT_SKIP_VERIFY"); !v.empty()) {
    std::optional<bool> b = ParseGoBool(v);
    if (!b) return ConfigError("VAULT_SKIP_VERIFY=" + v + " is not a boolean", "use true or false (or 1 / 0)");
    env->skip_verify = *b;
  }
  if (std::string v = Env("VAULT_CLIENT_TIMEOUT"); !v.empty()) {
    std::optional<double> seconds = ParseDurationSeconds(v);
    if (!seconds || !std::isfinite(*seconds))
      return ConfigError("VAULT_CLIENT_TIMEOUT=" + v + " is not a duration", "use seconds (30) or a duration (30s, 2m); 0 means the default, 60s");
    // 0 keeps the default, as in the vault CLI (api/client.go ReadEnvironment:
    // `if envClientTimeout != 0 { c.Timeout = envClientTimeout }`).
    if (*seconds > 0) {
      env->timeout_ms = std::max(1L, std::lround(std::min(*seconds, 1e9) * 1000));
      env->timeout_text = v;
    }
  }
  if (std::string v = Env("VAULT_MAX_RETRIES"); !v.empty()) {
    bool digits = v.size() <= 6 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return ConfigError("VAULT_MAX_RETRIES=" + v + " is not a count", "use a whole number such as 2 (0 turns retries off)");
    env->max_retries = std::stoi(v);
  }
  return std::nullopt;
}

std::optional<SecretError> VaultTokenFromEnv(std::string* token) {
  token->clear();
  if (std::string t = Trim(Env("VAULT_TOKEN")); !t.empty()) {
    if (HasControlChar(t)) return ControlCharError("VAULT_TOKEN", "set VAULT_TOKEN to the token alone");
    *token = std::move(t);
    return std::nullopt;
  }
  std::string home = Env("HOME");
  if (home.empty()) return std::nullopt;
  std::string path = home + "/.vault-token", text;
  std::optional<std::string> problem = ReadFileBounded(path, kMaxCredentialFileBytes, &text, FileKinds::kRegularOnly);
  if (problem && problem->rfind("cannot be opened: No such file", 0) == 0) return std::nullopt;  // no token: the caller says so
  if (problem)
    return ConfigError("cannot read the Vault token from ~/.vault-token (" + path + "): the file " + *problem,
                       "run vault login again, or set VAULT_TOKEN");
  std::string t = Trim(text);
  if (HasControlChar(t))
    return ControlCharError("the Vault token in ~/.vault-token", "run vault login again, or write the token alone into ~/.vault-token");
  *token = std::move(t);
  return std::nullopt;
}

}  // namespace hostgraft
