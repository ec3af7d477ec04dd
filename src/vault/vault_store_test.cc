// The Vault store through the real module (dlopen via MakeSecretStore)
// against the Vault-API test server on 127.0.0.1, counting requests in the
// server's log.
#include <catch2/catch.hpp>
#include <dlfcn.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "secret_stores.h"
#include "test_support.h"
#include "vault_module.h"
#include "vault_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kRootToken[] = "root-token-7f3a0c";
const char kReaderToken[] = "reader-token-91c2e4";
const char kJwt[] = "eyJhbGciOiJSUzI1NiJ9.JWT-PAYLOAD-6d0e.signature-8c1f";
const char kSecretId[] = "SECRET-ID-4e1f9a";

const SecretFields kAppTls{{"certificate", "CERT-BYTES-app"}, {"key", "KEY-BYTES-app"}, {"caCertificate", "CA-BYTES-app"}, {"rotation", "30"}};

// Mounts secret (KV v2), kv1 (KV v1), pki (not KV); namespace team-a with
// its own secret mount; tokens, policies and the three login methods.
std::string Config(const std::string& faults = "[]", const std::string& more_secrets = "") {
  return R"({
    "namespaces": ["team-a"],
    "mounts": [{"path": "secret", "version": 2}, {"path": "kv1", "version": 1}, {"path": "pki", "type": "pki"},
               {"path": "secret", "version": 2, "namespace": "team-a"}],
    "secrets": [)" + more_secrets + R"(
      {"path": "secret/app/tls", "data": {"certificate": "CERT-BYTES-app", "key": "KEY-BYTES-app", "caCertificate": "CA-BYTES-app", "rotation": 30}},
      {"path": "secret/app/other", "data": {"certificate": "CERT-BYTES-other"}},
      {"path": "secret/app/old", "data": {"certificate": "CERT-BYTES-old"}},
      {"path": "secret/app/old", "data": {"certificate": "CERT-BYTES-old2"}, "deleted": true},
      {"path": "secret/app/gone", "data": {"certificate": "CERT-BYTES-gone"}, "destroyed": true},
      {"path": "secret/app/nested", "data": {"certificate": {"pem": "x"}}},
      {"path": "kv1/app/tls", "data": {"certificate": "CERT-BYTES-v1", "key": "KEY-BYTES-v1"}},
      {"path": "secret/app/tls", "namespace": "team-a", "data": {"certificate": "CERT-BYTES-team-a"}}
    ],
    "tokens": {")" + std::string(kRootToken) + R"(": {"policies": ["root"]},
               ")" + kReaderToken + R"(": {"policies": ["reader"]},
               "nolookup-token-2b8e": {"policies": ["nolookup"]},
               "team-token-55d1": {"policies": ["team"], "namespace": "team-a"}},
    "policies": {"reader": {"secret/data/app/tls": ["read"], "kv1/app/*": ["read"], "secret/data/from-node": ["create", "read"]},
                 "nolookup": {"secret/data/app/*": ["read"], "sys/internal/ui/mounts/*": ["deny"]},
                 "team": {"secret/data/*": ["read"]}},
    "auth": [{"type": "kubernetes", "roles": {"web": {"jwt": ")" + kJwt + R"(", "policies": ["reader"]}}},
             {"type": "approle", "roles": {"ci": {"role_id": "role-id-ci", "secret_id": ")" + kSecretId + R"(", "policies": ["reader"]}}},
             {"type": "cert", "roles": {"web": {"common_name": "hostgraft-client", "policies": ["reader"]}}}],
    "faults": )" + faults + "}";
}

// A store made the way the commands make it, with its -v lines and diagnostics.
struct Client {
  Diagnostics diags;
  LogLines log;
  std::unique_ptr<SecretStore> store;
  explicit Client(const VaultSettings& settings = {}) { store = MakeSecretStore("vault", settings, LogLines::Append, &log, &diags); }
  SecretResult Read(const std::string& path) {
    REQUIRE(store);
    return store->Read({path})[path];
  }
  SecretError ReadError(const std::string& path) {
    SecretResult r = Read(path);
    INFO(log.Joined());
    REQUIRE(r.error);
    CHECK_FALSE(r.fields);
    return *r.error;
  }
  SecretFields ReadFields(const std::string& path) {
    SecretResult r = Read(path);
    INFO(log.Joined() << (r.error ? r.error->message : ""));
    REQUIRE(r.fields);
    return *r.fields;
  }
  std::string Messages() const {
    std::string all;
    for (const Diagnostic& d : diags.all()) all += FormatDiagnostic(d) + "\n";
    return all;
  }
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Write(const std::string& text) {
  std::string path = TempDir() + "/file";
  WriteFile(path, text);
  return path;
}

// The module's entry point called directly, not through MakeSecretStore:
// the core passes every Diagnostic through SafeText, so only this shows
// what the module itself hands over (its errors, warnings and -v lines).
struct ModuleClient {
  SecretError error;
  std::vector<SecretError> warnings;
  LogLines log;
  std::unique_ptr<SecretStore> store;
  explicit ModuleClient(const VaultSettings& settings = {}) {
    void* handle = dlopen(VaultModulePath().c_str(), RTLD_NOW | RTLD_LOCAL);  // stays loaded, as in a run
    REQUIRE(handle);
    auto make = reinterpret_cast<HostgraftMakeVaultStoreFn>(dlsym(handle, HOSTGRAFT_VAULT_ENTRY));
    REQUIRE(make);
    store.reset(make(&settings, LogLines::Append, &log, &error, &warnings));
  }
};

}  // namespace

TEST_CASE("vault: VAULT_TOKEN reads KV v2 with and without data/, one lookup and one GET", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  std::map<std::string, SecretResult> r = c.store->Read({"secret/app/tls", "secret/data/app/tls"});
  REQUIRE(r["secret/app/tls"].fields);
  CHECK(*r["secret/app/tls"].fields == kAppTls);
  REQUIRE(r["secret/data/app/tls"].fields);
  CHECK(*r["secret/data/app/tls"].fields == kAppTls);
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 1);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 1);
  CHECK(server.Requests().size() == 2);
  CHECK(c.diags.all().empty());
}

TEST_CASE("vault: ~/.vault-token reads KV v1", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}});
  WriteFile(std::string(std::getenv("HOME")) + "/.vault-token", std::string(kReaderToken) + "\n");
  Client c;
  CHECK(c.ReadFields("kv1/app/tls") == SecretFields{{"certificate", "CERT-BYTES-v1"}, {"key", "KEY-BYTES-v1"}});
  CHECK(server.Count("GET", "/v1/kv1/app/tls") == 1);
}

TEST_CASE("vault: no token at all is a store error before any request", "[vault]") {
  ScopedEnv env(std::map<std::string, std::string>{{"VAULT_ADDR", "http://127.0.0.1:1"}});
  Client c;
  CHECK_FALSE(c.store);
  CHECK(c.diags.exit_code() == kExitSecretStore);
  CHECK(c.Messages() ==
        "error: no Vault token: VAULT_TOKEN is not set and ~/.vault-token does not exist\n"
        "  fix: run vault login, set VAULT_TOKEN, or set hostgraft.vault.auth (kubernetes, approle or cert)\n");
}

TEST_CASE("vault: kubernetes login happens once per run and its token is used", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", "ignored-token"}});
  VaultSettings s;
  s.auth_method = "kubernetes";
  s.auth_role = "web";
  s.jwt_file = Write(std::string(kJwt) + "\n");
  Client c(s);
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(c.ReadFields("kv1/app/tls").at("certificate") == "CERT-BYTES-v1");
  CHECK(server.Count("POST", "/v1/auth/kubernetes/login") == 1);
  CHECK(c.log.Joined().find("vault: POST /v1/auth/kubernetes/login 200 (") != std::string::npos);
}

TEST_CASE("vault: kubernetes login refused names role, mount and JWT file, never the JWT", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}});
  VaultSettings s;
  s.auth_method = "kubernetes";
  s.auth_role = "web";
  s.jwt_file = Write("eyJ.WRONG-JWT.sig");
  Client c(s);
  std::map<std::string, SecretResult> r = c.store->Read({"secret/app/tls", "kv1/app/tls"});
  for (auto& [path, result] : r) {
    REQUIRE(result.error);
    CHECK(result.error->exit_code == kExitSecretStore);
    CHECK(result.error->message == "Vault kubernetes login (role web, auth mount kubernetes) failed: Vault at " + server.addr() +
                                       " answered 403 to POST /v1/auth/kubernetes/login: permission denied");
    CHECK(result.error->fix == "check that Vault role web is bound to the service account whose token is in " + s.jwt_file);
  }
  CHECK(server.Count("POST", "/v1/auth/kubernetes/login") == 1);
  CHECK(server.Requests().size() == 1);
}

TEST_CASE("vault: a missing service account token file is a store error", "[vault]") {
  ScopedEnv env(std::map<std::string, std::string>{{"VAULT_ADDR", "http://127.0.0.1:1"}});
  VaultSettings s;
  s.auth_method = "kubernetes";
  s.auth_role = "web";
  s.jwt_file = TempDir() + "/no-token";
  Client c(s);
  CHECK_FALSE(c.store);
  CHECK(c.Messages() == "error: cannot read the Kubernetes service account token from " + s.jwt_file +
                            ": the file cannot be opened: No such file or directory\n  fix: check that the file exists and is readable by this process\n");
}

TEST_CASE("vault: approle login reads secret_id from its file", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}});
  VaultSettings s;
  s.auth_method = "approle";
  s.role_id = "role-id-ci";
  s.secret_id_file = Write(std::string(kSecretId) + "\n");
  Client c(s);
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(server.Count("POST", "/v1/auth/approle/login") == 1);

  s.secret_id_file = Write("SECRET-ID-wrong");
  Client wrong(s);
  SecretError e = wrong.ReadError("secret/app/tls");
  CHECK(e.message == "Vault AppRole login (auth mount approle, secret_id from " + s.secret_id_file + ") failed: Vault at " + server.addr() +
                         " answered 400 to POST /v1/auth/approle/login: invalid role or secret ID");
  CHECK(e.message.find("SECRET-ID") == std::string::npos);
}

TEST_CASE("vault: cert login over TLS with VAULT_CLIENT_CERT", "[vault]") {
  VaultServer server(Config(), {.tls = true, .verify_clients = true});
  const TestPki& pki = TestCertificates();
  ScopedEnv env({{"VAULT_ADDR", server.addr()},
                 {"VAULT_CACERT", pki.ca_cert},
                 {"VAULT_CLIENT_CERT", pki.client_cert},
                 {"VAULT_CLIENT_KEY", pki.client_key}});
  VaultSettings s;
  s.auth_method = "cert";
  Client c(s);
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(server.Count("POST", "/v1/auth/cert/login") == 1);
}

TEST_CASE("vault: cert login without a client certificate is refused with Vault's reason", "[vault]") {
  VaultServer server(Config(), {.tls = true, .verify_clients = true});
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_CACERT", TestCertificates().ca_cert}});
  VaultSettings s;
  s.auth_method = "cert";
  s.auth_role = "web";
  Client c(s);
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(e.message == "Vault certificate login (auth mount cert, role web) failed: Vault at " + server.addr() +
                         " answered 400 to POST /v1/auth/cert/login: client certificate must be supplied");
  CHECK(e.fix == "check that VAULT_CLIENT_CERT is trusted by a certificate role of auth mount cert");
}

TEST_CASE("vault: kvVersion skips the mounts lookup a token may not call", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", "nolookup-token-2b8e"}});
  Client denied;
  SecretError e = denied.ReadError("secret/app/tls");
  CHECK(e.message == "looking up the KV mount of secret secret/app/tls: Vault denied GET /v1/sys/internal/ui/mounts/secret/app/tls (403): "
                     "the token has no capability on secret/app/tls, or no mount exists there");
  CHECK(e.fix == "grant the token read on the secret, or set hostgraft.vault.kvVersion for its mount (e.g. secret: 2) so no lookup is needed");
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 0);

  VaultSettings s;
  s.kv_version["secret/"] = 2;
  Client c(s);
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(c.ReadFields("secret/data/app/other").at("certificate") == "CERT-BYTES-other");
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 1);  // the denied one only
}

TEST_CASE("vault: without the mounts lookup (404, old Vault) paths are read as KV v1, like the vault CLI", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/sys/internal/ui/mounts/*", "sequence": [{"status": 404}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  CHECK(c.ReadFields("kv1/app/tls").at("certificate") == "CERT-BYTES-v1");
  CHECK(c.ReadError("old/app/missing").message == "secret old/app/missing not found: no secret app/missing in KV v1 mount old of vault " + server.addr());
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 1);
  CHECK(server.Count("GET", "/v1/old/app/missing") == 1);
}

TEST_CASE("vault: kvVersion values other than 1 and 2 are configuration errors", "[vault]") {
  ScopedEnv env({{"VAULT_ADDR", "http://127.0.0.1:1"}, {"VAULT_TOKEN", "t"}});
  VaultSettings s;
  s.kv_version["secret"] = 3;
  Client c(s);
  CHECK_FALSE(c.store);
  CHECK(c.diags.exit_code() == kExitUsage);
  CHECK(c.Messages() == "error: hostgraft.vault.kvVersion: mount secret has version 3; KV versions are 1 and 2\n");
}

TEST_CASE("vault: VAULT_NAMESPACE is sent as X-Vault-Namespace", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", "team-token-55d1"}, {"VAULT_NAMESPACE", "team-a/"}});
  Client c;
  CHECK(c.store->Describe() == "vault " + server.addr() + " namespace team-a");
  CHECK(c.ReadFields("secret/app/tls") == SecretFields{{"certificate", "CERT-BYTES-team-a"}});
  std::vector<VaultServer::Request> requests = server.Requests();
  REQUIRE(requests.size() == 2);
  for (const VaultServer::Request& r : requests) CHECK(r.ns == "team-a");
}

TEST_CASE("vault: TLS with VAULT_CACERT and with VAULT_CAPATH", "[vault]") {
  VaultServer server(Config(), {.tls = true});
  std::string capath = TempDir();
  std::filesystem::copy_file(TestCertificates().ca_cert, capath + "/test-ca.pem");
  WriteFile(capath + "/README", "not a certificate\n");
  for (const auto& [name, value] : std::map<std::string, std::string>{{"VAULT_CACERT", TestCertificates().ca_cert}, {"VAULT_CAPATH", capath}}) {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {name, value}});
    Client c;
    INFO(name);
    CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  }
}

TEST_CASE("vault: a server certificate from an unknown CA is refused with OpenSSL's reason", "[vault]") {
  VaultServer server(Config(), {.tls = true});
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(e.message == "looking up the KV mount of secret secret/app/tls: TLS with Vault at " + server.addr() +
                         " failed: SSL certificate problem: unable to get local issuer certificate");
  CHECK(e.fix == "set VAULT_CACERT (or VAULT_CAPATH) to the CA that signed Vault's certificate");
  CHECK(server.Requests().empty());
}

TEST_CASE("vault: VAULT_TLS_SERVER_NAME is the name checked in the certificate", "[vault]") {
  VaultServer server(Config(), {.tls = true});
  {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CACERT", TestCertificates().ca_cert},
                   {"VAULT_TLS_SERVER_NAME", "vault.test"}});
    Client c;
    CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  }
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CACERT", TestCertificates().ca_cert},
                 {"VAULT_TLS_SERVER_NAME", "wrong.example"}});
  Client c;
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(e.message == "looking up the KV mount of secret secret/app/tls: TLS with Vault at " + server.addr() +
                         " failed: SSL: no alternative certificate subject name matches target host name 'wrong.example'");
  CHECK(e.fix == "use the host name in Vault's certificate in VAULT_ADDR, or set VAULT_TLS_SERVER_NAME to it");
}

TEST_CASE("vault: a server that requires a client certificate", "[vault]") {
  VaultServer server(Config(), {.tls = true, .require_client_cert = true});
  const TestPki& pki = TestCertificates();
  {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CACERT", pki.ca_cert}});
    Client c;
    SecretError e = c.ReadError("secret/app/tls");
    CHECK(e.message.rfind("looking up the KV mount of secret secret/app/tls: TLS with Vault at " + server.addr() + " failed: ", 0) == 0);
    CHECK(e.message.find("certificate required") != std::string::npos);
    CHECK(e.fix == "Vault asks for a client certificate: set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY");
  }
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CACERT", pki.ca_cert},
                 {"VAULT_CLIENT_CERT", pki.client_cert}, {"VAULT_CLIENT_KEY", pki.client_key}});
  Client c;
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
}

TEST_CASE("vault: VAULT_SKIP_VERIFY works and warns every time", "[vault]") {
  VaultServer server(Config(), {.tls = true});
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_SKIP_VERIFY", "true"}});
  for (int run = 0; run < 2; ++run) {
    Client c;
    CHECK(c.ReadFields("secret/app/tls") == kAppTls);
    CHECK(c.Messages() == "warning: VAULT_SKIP_VERIFY is set: the TLS certificate of Vault at " + server.addr() +
                              " is NOT verified, so anyone on the network path can read the token and the secrets\n"
                              "  fix: set VAULT_CACERT to the CA of Vault's certificate and unset VAULT_SKIP_VERIFY\n");
  }
}

TEST_CASE("vault: VAULT_* values the vault CLI refuses are configuration errors", "[vault]") {
  for (const auto& [name, value, message] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"VAULT_SKIP_VERIFY", "maybe", "error: VAULT_SKIP_VERIFY=maybe is not a boolean\n  fix: use true or false (or 1 / 0)\n"},
           {"VAULT_CLIENT_TIMEOUT", "soon", "error: VAULT_CLIENT_TIMEOUT=soon is not a duration\n  fix: use seconds (30) or a duration (30s, 2m); 0 means the default, 60s\n"},
           {"VAULT_MAX_RETRIES", "-1", "error: VAULT_MAX_RETRIES=-1 is not a count\n  fix: use a whole number such as 2 (0 turns retries off)\n"},
           {"VAULT_ADDR", "vault:8200", "error: VAULT_ADDR=vault:8200 is not an http:// or https:// address\n  fix: set VAULT_ADDR like https://vault.example.com:8200\n"},
           {"VAULT_CLIENT_CERT", "/etc/hostname", "error: VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together\n  fix: set both to PEM files, or neither\n"},
           {"VAULT_CACERT", "/nonexistent.pem", "error: VAULT_CACERT=/nonexistent.pem cannot be opened: No such file or directory\n  fix: point VAULT_CACERT at the PEM file of the CA that signed Vault's certificate\n"}}) {
    std::map<std::string, std::string> vars{{"VAULT_ADDR", "http://127.0.0.1:1"}, {"VAULT_TOKEN", "t"}};
    vars[name] = value;
    ScopedEnv env(vars);
    Client c;
    CHECK_FALSE(c.store);
    CHECK(c.diags.exit_code() == kExitUsage);
    CHECK(c.Messages() == message);
  }
  // Go durations and bare seconds are both accepted, as by the vault CLI.
  for (const char* timeout : {"30", "1m30s", "1.5s", "500ms"}) {
    ScopedEnv env({{"VAULT_ADDR", "http://127.0.0.1:1"}, {"VAULT_TOKEN", "t"}, {"VAULT_CLIENT_TIMEOUT", timeout}});
    Client c;
    CHECK(c.store);
  }
}

TEST_CASE("vault: a missing secret names mount, KV version and path", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  SecretError v2 = c.ReadError("secret/app/missing");
  CHECK(v2.exit_code == kExitSecretStore);
  CHECK(v2.message == "secret secret/app/missing not found: no secret app/missing in KV v2 mount secret of vault " + server.addr());
  CHECK(v2.fix == "check the path (hostgraft.vault path templates and host names), or store it with hostgraft vault put");
  CHECK(c.ReadError("kv1/app/missing").message == "secret kv1/app/missing not found: no secret app/missing in KV v1 mount kv1 of vault " + server.addr());
  CHECK(server.Count("GET", "/v1/secret/data/app/missing") == 1);  // 404 is not retried
}

TEST_CASE("vault: soft-deleted and destroyed KV v2 secrets say so", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  SecretError deleted = c.ReadError("secret/app/old");
  CHECK(deleted.message.rfind("secret secret/app/old is deleted: version 2 of app/old in KV v2 mount secret of vault " + server.addr() +
                                  " was soft-deleted at 20", 0) == 0);
  CHECK(deleted.fix == "restore it with vault kv undelete -mount=secret -versions=2 app/old, or store a new version with hostgraft vault put");
  SecretError destroyed = c.ReadError("secret/app/gone");
  CHECK(destroyed.message == "secret secret/app/gone is destroyed: version 1 of app/gone in KV v2 mount secret of vault " + server.addr() +
                                 " was destroyed");
  CHECK(destroyed.fix == "store a new version with hostgraft vault put");
}

TEST_CASE("vault: permission denied names the path and the capability", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  SecretError e = c.ReadError("secret/app/other");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "permission denied reading secret secret/app/other: the token's policies need capability \"read\" on \"secret/data/app/other\"");
  CHECK(e.fix == "add path \"secret/data/app/other\" { capabilities = [\"read\"] } to a policy of the token");
  CHECK(server.Count("GET", "/v1/secret/data/app/other") == 1);  // 403 is not retried
}

TEST_CASE("vault: secrets outside KV mounts and fields that are not strings are refused", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  SecretError pki = c.ReadError("pki/issue/web");
  CHECK(pki.message == "secret pki/issue/web is in mount pki of type pki, which holds no KV secrets");
  SecretError nested = c.ReadError("secret/app/nested");
  CHECK(nested.message == "secret secret/app/nested (KV v2 mount secret): field certificate is an object, not a string");
  SecretError mount = c.ReadError("secret");
  CHECK(mount.exit_code == kExitUsage);
  CHECK(mount.message == "secret path secret names the KV mount secret, not a secret in it");
  SecretError escape = c.ReadError("secret/../sys/seal");
  CHECK(escape.exit_code == kExitUsage);
  CHECK(escape.message == "secret path \"secret/../sys/seal\" has a '..' segment");
}

TEST_CASE("vault: 429 then 200 is retried once", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 429}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 2);
  CHECK(c.log.Joined().find("vault: GET /v1/secret/data/app/tls 429 (") != std::string::npos);
}

TEST_CASE("vault: 503 twice then 200 is retried twice", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 503}, {"status": 503}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 3);
}

TEST_CASE("vault: 412 and a reset connection are retried too", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 412}, {"reset": true}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 3);
}

TEST_CASE("vault: Retry-After is honoured", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 429, "retry_after": 1}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  auto start = std::chrono::steady_clock::now();
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(SecondsSince(start) >= 1.0);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 2);
  CHECK(c.log.Joined().find("retry 1 in 1000 ms (Retry-After)") != std::string::npos);
}

TEST_CASE("vault: retries stop at VAULT_MAX_RETRIES and 400 is not retried", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 503, "error": "Vault is sealed"},
                                   {"status": 503, "error": "Vault is sealed"}, {"status": 503}]},
                                {"path": "/v1/kv1/app/tls", "sequence": [{"status": 400, "error": "bad request"}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_MAX_RETRIES", "1"}});
  Client c;
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(e.message == "reading secret secret/app/tls: Vault at " + server.addr() + " answered 503 to GET /v1/secret/data/app/tls (2 tries): Vault is sealed");
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 2);
  CHECK(c.ReadError("kv1/app/tls").message == "reading secret kv1/app/tls: Vault at " + server.addr() + " answered 400 to GET /v1/kv1/app/tls: bad request");
  CHECK(server.Count("GET", "/v1/kv1/app/tls") == 1);
}

TEST_CASE("vault: the deadline VAULT_CLIENT_TIMEOUT bounds a hanging Vault", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"hang": 30}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CLIENT_TIMEOUT", "1"}});
  Client c;
  auto start = std::chrono::steady_clock::now();
  SecretError e = c.ReadError("secret/app/tls");
  double seconds = SecondsSince(start);
  CHECK(seconds >= 0.9);
  CHECK(seconds < 3);
  CHECK(e.message.rfind("reading secret secret/app/tls: Vault at " + server.addr() +
                            " did not answer GET /v1/secret/data/app/tls in time: no answer within VAULT_CLIENT_TIMEOUT=1 (Operation timed out after ", 0) == 0);
  CHECK(e.fix == "check Vault's health, or raise VAULT_CLIENT_TIMEOUT");
}

TEST_CASE("vault: a Retry-After beyond the deadline fails at once", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 429, "retry_after": 30}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CLIENT_TIMEOUT", "2s"}});
  Client c;
  auto start = std::chrono::steady_clock::now();
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(SecondsSince(start) < 1);
  CHECK(e.message == "reading secret secret/app/tls: Vault at " + server.addr() +
                         " did not answer GET /v1/secret/data/app/tls in time: Vault answered 429, and the next try, due in 30000 ms "
                         "(Retry-After), would pass VAULT_CLIENT_TIMEOUT=2s");
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 1);
}

TEST_CASE("vault: a dead server is named with curl's reason", "[vault]") {
  std::string addr;
  {
    VaultServer gone("{}");
    addr = gone.addr();
  }
  ScopedEnv env({{"VAULT_ADDR", addr}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  auto start = std::chrono::steady_clock::now();
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(SecondsSince(start) < 2);
  CHECK(e.message.rfind("looking up the KV mount of secret secret/app/tls: cannot reach Vault at " + addr + " (3 tries): Failed to connect to 127.0.0.1 port ", 0) == 0);
  CHECK(e.fix == "check VAULT_ADDR and that Vault is up and reachable from here");
  CHECK(c.log.lines.size() == 3);
}

TEST_CASE("vault: each distinct secret is read once per run", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  std::map<std::string, SecretResult> r = c.store->Read({"secret/app/tls", "kv1/app/tls", "secret/app/tls", "secret/data/app/tls"});
  CHECK(r.size() == 3);
  for (auto& [path, result] : r) CHECK(result.fields);
  c.store->Read({"secret/app/tls", "kv1/app/tls"});
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 1);
  CHECK(server.Count("GET", "/v1/kv1/app/tls") == 1);
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 2);  // one per mount
}

TEST_CASE("vault: reads run in parallel (50 secrets with 50 ms latency each)", "[vault]") {
  std::string secrets;
  std::vector<std::string> paths;
  for (int i = 0; i < 50; ++i) {
    paths.push_back("secret/bulk/host-" + std::to_string(i));
    secrets += R"({"path": ")" + paths.back() + R"(", "data": {"certificate": "CERT-)" + std::to_string(i) + R"("}},)";
  }
  VaultServer server(Config(R"([{"path": "/v1/secret/data/bulk/*", "latency_ms": 50}])", secrets), {.tls = true});
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}, {"VAULT_CACERT", TestCertificates().ca_cert}});
  Client c;
  auto start = std::chrono::steady_clock::now();
  std::map<std::string, SecretResult> r = c.store->Read(paths);
  double seconds = SecondsSince(start);
  for (int i = 0; i < 50; ++i) {
    REQUIRE(r[paths[i]].fields);
    CHECK(r[paths[i]].fields->at("certificate") == "CERT-" + std::to_string(i));
  }
  INFO(seconds);
  CHECK(seconds < 1.5);  // serial would be 2.5 s
  CHECK(server.CountPrefix("GET", "/v1/secret/data/bulk/") == 50);
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 1);
}

TEST_CASE("vault: -v shows requests but never tokens, credentials or secret data", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}});
  VaultSettings s;
  s.auth_method = "kubernetes";
  s.auth_role = "web";
  s.jwt_file = Write(kJwt);
  Client c(s);
  std::map<std::string, SecretResult> r = c.store->Read({"secret/app/tls", "kv1/app/tls", "secret/app/other", "secret/app/missing"});
  CHECK(r["secret/app/tls"].fields);
  std::string shown = c.log.Joined() + c.Messages();
  for (auto& [path, result] : r)
    if (result.error) shown += result.error->message + "\n" + result.error->fix + "\n";
  CHECK(shown.find("vault: POST /v1/auth/kubernetes/login 200 (") != std::string::npos);
  CHECK(shown.find("vault: GET /v1/secret/data/app/tls 200 (") != std::string::npos);
  CHECK(shown.find("vault: GET /v1/secret/data/app/other 403 (") != std::string::npos);
  for (const std::string& secret : {std::string(kJwt), std::string("JWT-PAYLOAD"), std::string("hvs."), std::string("BYTES")}) {
    INFO(secret);
    CHECK(shown.find(secret) == std::string::npos);
  }
}

TEST_CASE("vault: answers over 1 MiB are refused", "[vault]") {
  VaultServer server(Config("[]", R"({"path": "secret/app/huge", "data": {"certificate": ")" + std::string(1100000, 'A') + R"("}},)"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  CHECK(c.ReadError("secret/app/huge").message == "reading secret secret/app/huge: Vault at " + server.addr() +
                                                     " answered GET /v1/secret/data/app/huge with more than we accept: the answer is larger than 1048576 bytes");
}

TEST_CASE("vault: Write stores KV v2 and v1 secrets that read back", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  SecretFields fields{{"certificate", "NEW-CERT"}, {"key", "NEW-KEY\n\"quoted\""}};
  CHECK_FALSE(c.store->Write("secret/app/tls", fields));
  CHECK(c.ReadFields("secret/app/tls") == fields);  // read again after the write
  CHECK(server.Count("POST", "/v1/secret/data/app/tls") == 1);
  CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 1);
  CHECK_FALSE(c.store->Write("kv1/new/tls", fields));
  CHECK(c.ReadFields("kv1/new/tls") == fields);
  CHECK(server.Count("POST", "/v1/kv1/new/tls") == 1);
}

TEST_CASE("vault: Write without permission names the capabilities", "[vault]") {
  VaultServer server(Config());
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  Client c;
  std::optional<SecretError> e = c.store->Write("secret/app/tls", {{"certificate", "C"}});
  REQUIRE(e);
  CHECK(e->message == "permission denied writing secret secret/app/tls: the token's policies need capability \"create\" or \"update\" on \"secret/data/app/tls\"");
  CHECK(e->fix == "add path \"secret/data/app/tls\" { capabilities = [\"create\", \"update\"] } to a policy of the token");
}

TEST_CASE("vault: deeply nested JSON from Vault is refused, not a stack overflow", "[vault]") {
  // 200 KB of nesting, well under the 1 MiB answer cap: rapidjson's
  // recursive parser overflowed the stack on this (exit 139).
  const std::string arrays(200000, '[');
  std::string objects;
  while (objects.size() < 200000) objects += "{\"a\":";
  VaultServer server(Config("[{\"path\": \"/v1/secret/data/app/tls\", \"sequence\": [{\"status\": 200, \"body\": " + JsonQuoted(arrays) + "}]},"
                            " {\"path\": \"/v1/secret/data/app/other\", \"sequence\": [{\"status\": 200, \"body\": " + JsonQuoted(objects) + "}]},"
                            " {\"path\": \"/v1/sys/internal/ui/mounts/deep/*\", \"sequence\": [{\"status\": 200, \"body\": " + JsonQuoted(arrays) + "}]},"
                            " {\"path\": \"/v1/kv1/app/tls\", \"sequence\": [{\"status\": 400, \"body\": " + JsonQuoted(arrays) + "}]},"
                            " {\"path\": \"/v1/auth/approle/login\", \"sequence\": [{\"status\": 200, \"body\": " + JsonQuoted(arrays) + "}]}]"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRootToken}});
  Client c;
  // A KV read, of nested arrays and of nested objects.
  for (const char* path : {"secret/app/tls", "secret/app/other"}) {
    SecretError read = c.ReadError(path);
    CHECK(read.exit_code == kExitSecretStore);
    CHECK(read.message == "reading secret " + std::string(path) + ": Vault's answer to GET /v1/secret/data/" + std::string(path).substr(7) +
                              " is not a KV read answer (not valid JSON: it nests deeper than 64 levels)");
  }
  // The mounts lookup.
  SecretError lookup = c.ReadError("deep/app/tls");
  CHECK(lookup.exit_code == kExitSecretStore);
  CHECK(lookup.message == "looking up the KV mount of secret deep/app/tls: Vault's answer to GET /v1/sys/internal/ui/mounts/deep/app/tls "
                          "is not valid JSON: it nests deeper than 64 levels");
  // An error body.
  SecretError error = c.ReadError("kv1/app/tls");
  CHECK(error.exit_code == kExitSecretStore);
  CHECK(error.message == "reading secret kv1/app/tls: Vault at " + server.addr() + " answered 400 to GET /v1/kv1/app/tls");
  // A login answer.
  VaultSettings s;
  s.auth_method = "approle";
  s.role_id = "role-id-ci";
  s.secret_id_file = Write(kSecretId);
  Client login(s);
  SecretError e = login.ReadError("secret/app/other");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "Vault AppRole login (auth mount approle, secret_id from " + s.secret_id_file +
                         "): the answer is not valid JSON: it nests deeper than 64 levels");
  CHECK(server.Count("POST", "/v1/auth/approle/login") == 1);
  CHECK(server.Count("GET", "/v1/secret/data/app/other") == 1);  // the first client's read only
}

TEST_CASE("vault: a control character in VAULT_TOKEN, VAULT_NAMESPACE or ~/.vault-token is refused before any request", "[vault]") {
  VaultServer server(Config());
  const std::string injected = "\r\nX-Injected: yes";
  struct Case {
    std::map<std::string, std::string> vars;
    std::string token_file;  // ~/.vault-token, when not empty
    std::string message;
  };
  for (const Case& k : std::vector<Case>{
           {{{"VAULT_TOKEN", kReaderToken + injected}}, "",
            "error: VAULT_TOKEN holds a control character (such as a line break), which cannot be sent in a header\n"
            "  fix: set VAULT_TOKEN to the token alone\n"},
           {{{"VAULT_TOKEN", std::string(kReaderToken) + "\tX"}}, "",
            "error: VAULT_TOKEN holds a control character (such as a line break), which cannot be sent in a header\n"
            "  fix: set VAULT_TOKEN to the token alone\n"},
           {{{"VAULT_TOKEN", "team-token-55d1"}, {"VAULT_NAMESPACE", "team-a" + injected}}, "",
            "error: VAULT_NAMESPACE holds a control character (such as a line break), which cannot be sent in a header\n"
            "  fix: set VAULT_NAMESPACE to the namespace path alone, like team-a or team-a/child\n"},
           {{}, kReaderToken + injected + "\n",
            "error: the Vault token in ~/.vault-token holds a control character (such as a line break), which cannot be sent in a header\n"
            "  fix: run vault login again, or write the token alone into ~/.vault-token\n"}}) {
    std::map<std::string, std::string> vars{{"VAULT_ADDR", server.addr()}};
    vars.insert(k.vars.begin(), k.vars.end());
    ScopedEnv env(vars);
    if (!k.token_file.empty()) WriteFile(std::string(std::getenv("HOME")) + "/.vault-token", k.token_file);
    Client c;
    INFO(k.message);
    if (c.store) c.store->Read({"secret/app/tls"});
    CHECK_FALSE(c.store);
    CHECK(c.diags.exit_code() == kExitUsage);
    CHECK(c.Messages() == k.message);
    CHECK(c.Messages().find("Injected") == std::string::npos);
    CHECK(c.Messages().find(kReaderToken) == std::string::npos);
  }
  CHECK(server.Requests().empty());
  CHECK_FALSE(server.SawHeader("x-injected"));
}

TEST_CASE("vault: a login answer whose client_token holds a line break is refused", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/auth/approle/login", "sequence": [{"status": 200,
      "body": "{\"auth\": {\"client_token\": \"hvs.AAAAAAAAAAAAAAAAAAAAAAAA\\r\\nX-Injected: yes\"}}"}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}});
  VaultSettings s;
  s.auth_method = "approle";
  s.role_id = "role-id-ci";
  s.secret_id_file = Write(kSecretId);
  Client c(s);
  SecretError e = c.ReadError("secret/app/tls");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "Vault AppRole login (auth mount approle, secret_id from " + s.secret_id_file +
                         "): the answer's auth.client_token holds a control character (such as a line break), which cannot be sent in a header");
  CHECK(e.message.find("AAAA") == std::string::npos);
  CHECK(server.Requests().size() == 1);  // the login only
  CHECK_FALSE(server.SawHeader("x-injected"));
}

TEST_CASE("vault: VAULT_CLIENT_TIMEOUT=0 means the default (60s), as in the vault CLI", "[vault]") {
  // api/client.go ReadEnvironment: `if envClientTimeout != 0 { c.Timeout = envClientTimeout }`.
  for (const char* zero : {"0", "0s"}) {
    VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 429, "retry_after": 1}]}])"));
    ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CLIENT_TIMEOUT", zero}});
    Client c;
    INFO(zero << "\n" << c.Messages());
    REQUIRE(c.store);
    CHECK(c.ReadFields("secret/app/tls") == kAppTls);  // a deadline of 0 could not wait out Retry-After: 1
    CHECK(server.Count("GET", "/v1/secret/data/app/tls") == 2);
  }
  VaultServer server(Config(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 429, "retry_after": 61}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CLIENT_TIMEOUT", "0"}});
  Client c;
  REQUIRE(c.store);
  CHECK(c.ReadError("secret/app/tls").message ==
        "reading secret secret/app/tls: Vault at " + server.addr() +
            " did not answer GET /v1/secret/data/app/tls in time: Vault answered 429, and the next try, due in 61000 ms "
            "(Retry-After), would pass VAULT_CLIENT_TIMEOUT=60s (default)");
}

TEST_CASE("vault: VAULT_CACERT=/dev/zero fails at once, bounded", "[vault]") {
  ScopedEnv env({{"VAULT_ADDR", "https://127.0.0.1:1"}, {"VAULT_TOKEN", "t"}, {"VAULT_CACERT", "/dev/zero"}});
  auto start = std::chrono::steady_clock::now();
  Client c;
  CHECK(SecondsSince(start) < 5);
  CHECK_FALSE(c.store);
  CHECK(c.diags.exit_code() == kExitUsage);
  CHECK(c.Messages() == "error: VAULT_CACERT=/dev/zero is larger than 16 MiB\n"
                        "  fix: point VAULT_CACERT at the PEM file of the CA that signed Vault's certificate\n");
}

TEST_CASE("vault: credential files that are FIFOs or huge are refused without hanging or reading them", "[vault]") {
  VaultServer server(Config());
  std::string dir = TempDir();
  std::string fifo = dir + "/jwt-fifo", huge = dir + "/huge";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  WriteFile(huge, "");
  std::filesystem::resize_file(huge, 100u << 20);  // sparse: 100 MB of zero bytes
  auto start = std::chrono::steady_clock::now();
  {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}});
    VaultSettings s;
    s.auth_method = "kubernetes";
    s.auth_role = "web";
    s.jwt_file = fifo;
    Client c(s);
    CHECK_FALSE(c.store);
    CHECK(c.diags.exit_code() == kExitSecretStore);
    CHECK(c.Messages() == "error: cannot read the Kubernetes service account token from " + fifo +
                              ": the file is a FIFO, not a regular file\n  fix: check that the file exists and is readable by this process\n");
  }
  {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}});
    VaultSettings s;
    s.auth_method = "approle";
    s.role_id = "role-id-ci";
    s.secret_id_file = huge;
    Client c(s);
    CHECK_FALSE(c.store);
    CHECK(c.diags.exit_code() == kExitSecretStore);
    CHECK(c.Messages() == "error: cannot read the AppRole secret_id from " + huge +
                              ": the file is larger than 65536 bytes\n  fix: check that the file exists and is readable by this process\n");
  }
  {
    ScopedEnv env({{"VAULT_ADDR", server.addr()}});
    std::string token_file = std::string(std::getenv("HOME")) + "/.vault-token";
    WriteFile(token_file, "");
    std::filesystem::resize_file(token_file, 100u << 20);
    Client c;
    if (c.store) c.store->Read({"secret/app/tls"});
    CHECK_FALSE(c.store);
    CHECK(c.diags.exit_code() == kExitUsage);
    CHECK(c.Messages() == "error: cannot read the Vault token from ~/.vault-token (" + token_file +
                              "): the file is larger than 65536 bytes\n  fix: run vault login again, or set VAULT_TOKEN\n");
  }
  CHECK(SecondsSince(start) < 5);
  CHECK(server.Requests().empty());
}

TEST_CASE("vault: server bodies that echo credentials are redacted before they are quoted", "[vault]") {
  VaultServer server(Config(std::string(R"([{"path": "/v1/secret/data/app/tls", "sequence": [{"status": 400,
                                   "error": "proxy refused a request with X-Vault-Token: )") + kReaderToken + R"( in it"}]},
                                {"path": "/v1/secret/data/app/other", "sequence": [{"status": 400,
                                   "error": "upstream rejected the bearer )" + kJwt + R"("}]},
                                {"path": "/v1/auth/approle/login", "sequence": [{"status": 400,
                                   "error": "cannot decode {\"role_id\": \"role-id-ci\", \"secret_id\": \")" + kSecretId + R"(\"}"}]}])"));
  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}});
  std::string shown;
  {
    Client c;
    shown += c.ReadError("secret/app/tls").message + "\n";
    shown += c.ReadError("secret/app/other").message + "\n";
  }
  VaultSettings s;
  s.auth_method = "approle";
  s.role_id = "role-id-ci";
  s.secret_id_file = Write(kSecretId);
  Client login(s);
  SecretError e = login.ReadError("secret/app/tls");
  CHECK(e.message.rfind("Vault AppRole login (auth mount approle, secret_id from " + s.secret_id_file + ") failed: Vault at " + server.addr() +
                            " answered 400 to POST /v1/auth/approle/login: cannot decode {\"role_id\": \"[redacted]\"", 0) == 0);
  shown += e.message + "\n";
  INFO(shown);
  for (const std::string& secret : {std::string(kReaderToken), std::string(kJwt), std::string("JWT-PAYLOAD"), std::string("role-id-ci"),
                                    std::string(kSecretId)})
    CHECK(shown.find(secret) == std::string::npos);
  CHECK(shown.find("X-Vault-Token: [redacted] in it") != std::string::npos);
  CHECK(shown.find("the bearer [redacted]") != std::string::npos);
}

TEST_CASE("vault: VAULT_ADDR's userinfo is masked in messages, -v lines, the VAULT_SKIP_VERIFY warning and Describe()", "[vault]") {
  VaultServer server(Config(R"([{"path": "/v1/sys/internal/ui/mounts/*", "sequence": [{"status": 500, "error": "internal error"}]}])"));
  const std::string password = "hg-pass-5e2b";
  RegisterSecret(password);
  std::string addr = "http://hg-user:" + password + "@127.0.0.1:" + std::to_string(server.port());
  std::string masked = "http://***@127.0.0.1:" + std::to_string(server.port());
  ScopedEnv env({{"VAULT_ADDR", addr}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_SKIP_VERIFY", "true"}, {"VAULT_MAX_RETRIES", "0"}});
  ModuleClient m;
  REQUIRE(m.store);
  REQUIRE(m.warnings.size() == 1);
  CHECK(m.warnings[0].message == "VAULT_SKIP_VERIFY is set: the TLS certificate of Vault at " + masked +
                                     " is NOT verified, so anyone on the network path can read the token and the secrets");
  CHECK(m.store->Describe() == "vault " + masked);
  SecretResult r = m.store->Read({"secret/app/tls"})["secret/app/tls"];
  REQUIRE(r.error);
  CHECK(r.error->message == "looking up the KV mount of secret secret/app/tls: Vault at " + masked +
                                " answered 500 to GET /v1/sys/internal/ui/mounts/secret/app/tls: internal error");
  CHECK(server.CountPrefix("GET", "/v1/sys/internal/ui/mounts/") == 1);  // the address with its userinfo is still used
  std::string shown = m.log.Joined() + r.error->message + r.error->fix + m.warnings[0].message + m.store->Describe();
  CHECK(shown.find(password) == std::string::npos);
  CHECK(shown.find("hg-user") == std::string::npos);
  // A configuration error that quotes VAULT_ADDR masks it too.
  ScopedEnv bad({{"VAULT_ADDR", "ftp://hg-user:" + password + "@vault:8200"}, {"VAULT_TOKEN", kReaderToken}});
  ModuleClient config;
  CHECK_FALSE(config.store);
  CHECK(config.error.exit_code == kExitUsage);
  CHECK(config.error.message == "VAULT_ADDR=ftp://***@vault:8200 is not an http:// or https:// address");
}

// node-vault is a real third-party Vault client: it must log in, read and
// write against the test server the way it does against Vault, and the
// store must read what it wrote.
TEST_CASE("vault: the test server speaks the API node-vault expects", "[vault][node]") {
  if (RunProgram({"sh", "-c", "command -v npm && command -v node"}).exit_code != 0) {
    WARN("SKIPPED: npm or node is not installed, so the test server is not checked against node-vault");
    return;
  }
  std::string dir = TempDir();
  RunResult install = RunProgram({"npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", "node-vault"}, {}, {}, 180);
  REQUIRE(install.exit_code == 0);
  VaultServer server(Config(), {.tls = true});
  std::string script = dir + "/check.js";
  WriteFile(script, R"(
const fs = require('fs');
const [dir, addr, ca, secretIdFile] = process.argv.slice(2);
const vault = require(dir + '/node_modules/node-vault')({apiVersion: 'v1', endpoint: addr, requestOptions: {ca: fs.readFileSync(ca)}});
(async () => {
  await vault.approleLogin({role_id: 'role-id-ci', secret_id: fs.readFileSync(secretIdFile, 'utf8').trim()});
  const mounts = await vault.read('sys/internal/ui/mounts/secret/app/tls');
  const v2 = await vault.read('secret/data/app/tls');
  const v1 = await vault.read('kv1/app/tls');
  await vault.write('secret/data/from-node', {data: {certificate: 'CERT-node'}});
  let denied = '';
  try { await vault.read('secret/data/app/other'); } catch (e) { denied = e.response.statusCode + ' ' + e.message; }
  process.stdout.write(JSON.stringify({mount: mounts.data.path, version: mounts.data.options.version, v2: v2.data.data, v1: v1.data, denied}));
})().catch((e) => { console.error(e.message); process.exit(1); });
)");
  RunResult node = RunProgram({"node", script, dir, server.addr(), TestCertificates().ca_cert, Write(kSecretId)});
  INFO(node.err);
  REQUIRE(node.exit_code == 0);
  CHECK(node.out ==
        R"({"mount":"secret/","version":"2","v2":{"certificate":"CERT-BYTES-app","key":"KEY-BYTES-app","caCertificate":"CA-BYTES-app","rotation":30},)"
        R"("v1":{"certificate":"CERT-BYTES-v1","key":"KEY-BYTES-v1"},"denied":"403 permission denied"})");

  ScopedEnv env({{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReaderToken}, {"VAULT_CACERT", TestCertificates().ca_cert}});
  Client c;
  CHECK(c.ReadFields("secret/app/tls") == kAppTls);
  CHECK(c.ReadFields("secret/from-node") == SecretFields{{"certificate", "CERT-node"}});
}
