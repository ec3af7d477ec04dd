// Helpers for tests of the Vault store: the Vault-API test server
// (tests/vault_server/vault_server.py) on 127.0.0.1, its TLS material, and
// a clean VAULT_* environment per test.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hostgraft::test {

// Made once per process with the openssl CLI: a CA, a server certificate
// for localhost, 127.0.0.1 and vault.test, and a client certificate with
// CN hostgraft-client; all EC P-256 keys, so it takes milliseconds.
struct TestPki {
  std::string dir, ca_cert, server_cert, server_key, client_cert, client_key;
};
const TestPki& TestCertificates();

struct VaultServerOptions {
  bool tls = false;                  // HTTPS with TestCertificates()
  bool verify_clients = false;       // ask for a client certificate signed by the test CA
  bool require_client_cert = false;  // and refuse the handshake without one
};

class VaultServer {
 public:
  // Starts the server with config (JSON, see vault_server.py); throws when
  // it does not come up.
  explicit VaultServer(const std::string& config_json, VaultServerOptions options = {});
  ~VaultServer();
  VaultServer(const VaultServer&) = delete;
  VaultServer& operator=(const VaultServer&) = delete;

  const std::string& addr() const { return addr_; }  // http(s)://127.0.0.1:PORT
  int port() const { return port_; }

  struct Request {
    std::string method, path, ns, status;  // status: a number, "reset" or "hang"
    std::vector<std::string> headers;      // header names, lower case
  };
  std::vector<Request> Requests() const;
  // Whether any request carried a header of this name (lower case).
  bool SawHeader(const std::string& name) const;
  // Requests with this method and path (exact, e.g. "/v1/secret/data/a").
  int Count(const std::string& method, const std::string& path) const;
  // Requests whose path starts with prefix.
  int CountPrefix(const std::string& method, const std::string& prefix) const;

 private:
  pid_t pid_ = -1;
  std::string log_;
  std::string addr_;
  int port_ = 0;
};

// A test server config that serves the registry example: the KV v2 mount
// registry-kv holding every secret of testdata/registry/secrets at its path
// relative to that directory, plus `members` (JSON object members such as
// "tokens": {...}, "faults": [...]).
std::string RegistryVaultConfig(const std::string& members);
// s as a JSON string, quotes included.
std::string JsonQuoted(const std::string& s);

// For the life of the object: every VAULT_* variable and
// HOSTGRAFT_VAULT_MODULE unset, HOME set to an empty directory, then vars
// set. Restores the previous environment at the end.
class ScopedEnv {
 public:
  explicit ScopedEnv(const std::map<std::string, std::string>& vars);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

// A LogFn target that keeps every -v line.
struct LogLines {
  std::vector<std::string> lines;
  static void Append(void* ctx, const std::string& line) { static_cast<LogLines*>(ctx)->lines.push_back(line); }
  std::string Joined() const;
};

}  // namespace hostgraft::test
