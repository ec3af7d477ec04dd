#include "vault_support.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "files_store.h"
#include "test_support.h"

extern char** environ;

namespace hostgraft::test {
namespace {

void Openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = RunProgram(argv);
  if (r.exit_code != 0) throw std::runtime_error("openssl " + args[0] + " failed: " + r.err);
}

// A key and certificate for cn signed by the test CA, with extensions.
void IssueCertificate(const TestPki& pki, const std::string& name, const std::string& cn, const std::string& extensions) {
  std::string base = pki.dir + "/" + name;
  WriteFile(base + ".ext", extensions);
  Openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", base + ".key", "-out",
           base + ".csr", "-subj", "/CN=" + cn});
  Openssl({"x509", "-req", "-in", base + ".csr", "-CA", pki.ca_cert, "-CAkey", pki.dir + "/ca.key", "-CAcreateserial", "-days", "3650",
           "-extfile", base + ".ext", "-out", base + ".pem"});
}

TestPki MakePki() {
  TestPki pki;
  pki.dir = TempDir();
  pki.ca_cert = pki.dir + "/ca.pem";
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", pki.dir + "/ca.key",
           "-out", pki.ca_cert, "-days", "3650", "-subj", "/CN=hostgraft test CA", "-addext", "basicConstraints=critical,CA:TRUE",
           "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
  IssueCertificate(pki, "server", "localhost",
                   "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:vault.test\nextendedKeyUsage=serverAuth\n");
  IssueCertificate(pki, "client", "hostgraft-client", "extendedKeyUsage=clientAuth\n");
  pki.server_cert = pki.dir + "/server.pem";
  pki.server_key = pki.dir + "/server.key";
  pki.client_cert = pki.dir + "/client.pem";
  pki.client_key = pki.dir + "/client.key";
  for (const std::string& key : {pki.dir + "/ca.key", pki.server_key, pki.client_key}) RegisterSecret(ReadFile(key));
  return pki;
}

// The tokens, JWTs and secret_ids a server config accepts.
void RegisterConfigSecrets(const std::string& config_json) {
  rapidjson::Document config;
  config.Parse(config_json.c_str());
  if (!config.IsObject()) return;
  if (config.HasMember("tokens") && config["tokens"].IsObject())
    for (const auto& token : config["tokens"].GetObject()) RegisterSecret(token.name.GetString());
  if (!config.HasMember("auth") || !config["auth"].IsArray()) return;
  for (const auto& auth : config["auth"].GetArray()) {
    if (!auth.IsObject() || !auth.HasMember("roles") || !auth["roles"].IsObject()) continue;
    for (const auto& role : auth["roles"].GetObject())
      for (const char* field : {"jwt", "secret_id"})
        if (role.value.IsObject() && role.value.HasMember(field) && role.value[field].IsString())
          RegisterSecret(role.value[field].GetString());
  }
}

// The pyenv shim in PATH costs 0.6 s per start; Debian's python3 does not.
std::string Python() { return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"; }

}  // namespace

const TestPki& TestCertificates() {
  static const TestPki pki = MakePki();
  return pki;
}

VaultServer::VaultServer(const std::string& config_json, VaultServerOptions options) {
  std::string dir = TempDir();
  std::string config = dir + "/config.json";
  log_ = dir + "/requests.log";
  WriteFile(config, config_json);
  WriteFile(log_, "");
  RegisterConfigSecrets(config_json);
  std::vector<std::string> args{Python(), Source("tests/vault_server/vault_server.py"), config, "--log", log_};
  if (options.tls) {
    const TestPki& pki = TestCertificates();
    args.insert(args.end(), {"--cert", pki.server_cert, "--key", pki.server_key});
    if (options.verify_clients || options.require_client_cert) args.insert(args.end(), {"--client-ca", pki.ca_cert});
    if (options.require_client_cert) args.push_back("--require-client-cert");
  }
  int out[2];
  if (pipe(out)) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // The first line on stdout is the port; anything else means it failed.
  std::string line;
  auto start = std::chrono::steady_clock::now();
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[64];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, n);
  }
  close(out[0]);
  port_ = std::atoi(line.c_str());
  if (port_ <= 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("the Vault test server did not start (config " + config + ")");
  }
  addr_ = std::string(options.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

VaultServer::~VaultServer() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::vector<VaultServer::Request> VaultServer::Requests() const {
  std::vector<Request> requests;
  std::istringstream in(ReadFile(log_));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Request r;
    std::getline(fields, r.method, '\t');
    std::getline(fields, r.path, '\t');
    std::getline(fields, r.ns, '\t');
    std::getline(fields, r.status, '\t');
    for (std::string name; std::getline(fields, name, ',');)
      if (!name.empty()) r.headers.push_back(name);
    requests.push_back(r);
  }
  return requests;
}

int VaultServer::Count(const std::string& method, const std::string& path) const {
  int n = 0;
  for (const Request& r : Requests()) n += r.method == method && r.path == path;
  return n;
}

bool VaultServer::SawHeader(const std::string& name) const {
  for (const Request& r : Requests())
    for (const std::string& h : r.headers)
      if (h == name) return true;
  return false;
}

int VaultServer::CountPrefix(const std::string& method, const std::string& prefix) const {
  int n = 0;
  for (const Request& r : Requests()) n += r.method == method && r.path.rfind(prefix, 0) == 0;
  return n;
}

ScopedEnv::ScopedEnv(const std::map<std::string, std::string>& vars) {
  auto save_and_set = [this](const std::string& name, const char* value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value) setenv(name.c_str(), value, 1);
    else unsetenv(name.c_str());
  };
  std::vector<std::string> vault_vars{"HOSTGRAFT_VAULT_MODULE"};
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("VAULT_", 0) == 0) vault_vars.push_back(kv.substr(0, kv.find('=')));
  }
  for (const std::string& name : vault_vars) save_and_set(name, nullptr);
  save_and_set("HOME", TempDir().c_str());
  for (const auto& [name, value] : vars) save_and_set(name, value.c_str());
}

ScopedEnv::~ScopedEnv() {
  for (const auto& [name, value] : saved_) {
    if (value) setenv(name.c_str(), value->c_str(), 1);
    else unsetenv(name.c_str());
  }
}

std::string LogLines::Joined() const {
  std::string all;
  for (const std::string& l : lines) all += l + "\n";
  return all;
}

std::string JsonQuoted(const std::string& s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buffer.GetString();
}

std::string RegistryVaultConfig(const std::string& members) {
  std::string secrets;
  const std::filesystem::path root = Source("testdata/registry/secrets");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    SecretResult secret = ParseSecretFile(entry.path().string(), ReadFile(entry.path().string()));
    if (!secret.fields) throw std::runtime_error("cannot read " + entry.path().string());
    std::string data;
    for (const auto& [k, v] : *secret.fields) data += (data.empty() ? "" : ", ") + JsonQuoted(k) + ": " + JsonQuoted(v);
    std::string path = std::filesystem::relative(entry.path(), root).replace_extension().string();
    secrets += std::string(secrets.empty() ? "" : ",\n") + R"({"path": )" + JsonQuoted(path) + R"(, "data": {)" + data + "}}";
  }
  return R"({"mounts": [{"path": "registry-kv", "version": 2}], "secrets": [)" + secrets + "]" +
         (members.empty() ? "" : ", " + members) + "}";
}

}  // namespace hostgraft::test
