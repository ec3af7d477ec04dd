#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <mutex>
#include <set>
#include <stdexcept>

#include "files_store.h"
#include "tls_material.h"

extern char** environ;

namespace hostgraft::test {
namespace {

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) {
    if (v.empty()) merged.erase(k);
    else merged[k] = v;
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

struct TempDirs {
  std::vector<std::string> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) std::filesystem::remove_all(d, ec);
  }
};
TempDirs& temp_dirs() {
  static TempDirs t;
  return t;
}

struct SecretRegistry {
  std::mutex mutex;
  std::set<std::string> pieces;
};
SecretRegistry& secrets() {
  static SecretRegistry r;
  return r;
}

void AddPieces(const std::string& secret, std::set<std::string>* pieces) {
  constexpr size_t kMin = 8, kWhole = 64, kPiece = 32;
  size_t start = 0;
  while (start < secret.size()) {
    size_t end = secret.find('\n', start);
    if (end == std::string::npos) end = secret.size();
    std::string line = secret.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    start = end + 1;
    if (line.rfind("-----", 0) == 0 || line.size() < kMin) continue;
    if (line.size() <= kWhole) pieces->insert(line);
    else
      for (size_t i = 0; i + kPiece <= line.size(); i += kPiece) pieces->insert(line.substr(i, kPiece));
  }
}

// The keys of the files: store fixtures (registry and ICS), raw (maybe base64-wrapped) and as PEM.
void RegisterTestdataSecrets() {
  for (const char* store : {"testdata/registry/secrets", "testdata/ics/secrets"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(Source(store))) {
      if (!entry.is_regular_file()) continue;
      std::string file = entry.path().string();
      SecretResult secret = ParseSecretFile(file, ReadFile(file));
      if (!secret.fields || !secret.fields->count("key")) continue;
      RegisterSecret(secret.fields->at("key"));
      TlsMaterial material;
      Diagnostics ignored;
      DecodeTlsMaterial(*secret.fields, file, true, false, &material, &ignored);
      RegisterSecret(material.key);
    }
  }
}

// Fails the running test when text carries a registered secret; what names
// the stream, and the message never quotes the secret.
void CheckNoSecret(const std::string& text, const std::string& what, const std::string& extra_secret) {
  std::set<std::string> extra;
  AddPieces(extra_secret, &extra);
  bool leaked = ContainsRegisteredSecret(text);
  for (const std::string& piece : extra) leaked = leaked || text.find(piece) != std::string::npos;
  if (leaked) FAIL_CHECK(what << " carries secret bytes (a private key, token, secret_id or JWT of this test)");
}

}  // namespace

void RegisterSecret(const std::string& secret) {
  std::lock_guard<std::mutex> lock(secrets().mutex);
  AddPieces(secret, &secrets().pieces);
}

bool ContainsRegisteredSecret(const std::string& text) {
  std::lock_guard<std::mutex> lock(secrets().mutex);
  for (const std::string& piece : secrets().pieces)
    if (text.find(piece) != std::string::npos) return true;
  return false;
}

RunResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_data,
                     const std::map<std::string, std::string>& env, double timeout_seconds) {
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe failed");
  std::vector<std::string> envs = MergedEnvironment(env);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    setpgid(0, 0);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  signal(SIGPIPE, SIG_IGN);
  RunResult r;
  size_t written = 0;
  bool in_open = true;
  if (stdin_data.empty()) {
    close(in[1]);
    in_open = false;
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_seconds) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      break;
    }
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out[0], POLLIN, 0});
    if (err_open) fds.push_back({err[0], POLLIN, 0});
    if (in_open) fds.push_back({in[1], POLLOUT, 0});
    poll(fds.data(), fds.size(), 50);
    for (const pollfd& p : fds) {
      if (!p.revents) continue;
      if (p.fd == in[1]) {
        ssize_t n = write(in[1], stdin_data.data() + written, stdin_data.size() - written);
        if (n > 0) written += n;
        if (n < 0 && errno != EAGAIN) written = stdin_data.size();
        if (written == stdin_data.size()) {
          close(in[1]);
          in_open = false;
        }
        continue;
      }
      ssize_t n = read(p.fd, buf, sizeof buf);
      if (n <= 0) {
        close(p.fd);
        (p.fd == out[0] ? out_open : err_open) = false;
      } else {
        (p.fd == out[0] ? r.out : r.err).append(buf, n);
      }
    }
  }
  if (in_open) close(in[1]);
  if (out_open) close(out[0]);
  if (err_open) close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

namespace {

// Runs argv with Run's environment, then checks stderr and the error log.
RunResult RunGuarded(const std::vector<std::string>& argv, const std::string& stdin_data,
                     const std::map<std::string, std::string>& env, double timeout_seconds) {
  std::map<std::string, std::string> e = env;
  if (!e.count("HOSTGRAFT_ERROR_LOG")) e["HOSTGRAFT_ERROR_LOG"] = TempDir() + "/error.log";
  if (!e.count("VAULT_ADDR")) e["VAULT_ADDR"] = "";
  static std::once_flag testdata_secrets;
  std::call_once(testdata_secrets, RegisterTestdataSecrets);
  RunResult r = RunProgram(argv, stdin_data, e, timeout_seconds);
  // The run's own credentials: its token and the password of VAULT_ADDR.
  std::string secrets = e.count("VAULT_TOKEN") ? e["VAULT_TOKEN"] : "";
  const std::string& addr = e["VAULT_ADDR"];
  if (size_t scheme = addr.find("://"), at = addr.find('@'); scheme != std::string::npos && at != std::string::npos)
    secrets += "\n" + addr.substr(scheme + 3, at - scheme - 3);
  CheckNoSecret(r.err, "stderr", secrets);
  std::error_code ec;
  if (std::filesystem::is_regular_file(e["HOSTGRAFT_ERROR_LOG"], ec))
    CheckNoSecret(ReadFile(e["HOSTGRAFT_ERROR_LOG"]), "the error log", secrets);
  // A report on stdout is shown in CI logs and code scanning: no secrets either.
  const std::string command = argv.size() > 1 ? argv[argv.size() > 4 && argv[0] == "sh" ? 4 : 1] : "";
  if (command == "lint" || command == "check-cert" || command == "diff") CheckNoSecret(r.out, "the report on stdout", secrets);
  return r;
}

}  // namespace

RunResult Run(const std::vector<std::string>& args, const std::string& stdin_data,
              const std::map<std::string, std::string>& env, double timeout_seconds) {
  std::vector<std::string> argv{HOSTGRAFT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunGuarded(argv, stdin_data, env, timeout_seconds);
}

RunResult RunRedirected(const std::string& redirections, const std::vector<std::string>& args,
                        const std::string& stdin_data, const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{"sh", "-c", "exec \"$0\" \"$@\" " + redirections, HOSTGRAFT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunGuarded(argv, stdin_data, env, 20);
}

std::vector<std::string> RegistryArgs(const std::string& command, const std::string& secrets) {
  return {command, "-f", Source("testdata/registry/values-platform.yaml"), "-f",
          Source("testdata/registry/values-registry.yaml"), "--secrets",
          secrets.empty() ? "files:" + Source("testdata/registry/secrets") : secrets, "--at", "2026-06-01T00:00:00Z"};
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream f(path, std::ios::binary);
  f << data;
  if (!f) throw std::runtime_error("cannot write " + path);
}

std::string Source(const std::string& relative) { return std::string(HOSTGRAFT_SOURCE_DIR) + "/" + relative; }

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "hostgraft-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  temp_dirs().dirs.push_back(tmpl);
  return tmpl;
}

std::vector<std::string> LineDiff(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
  };
  std::vector<std::string> x = split(a), y = split(b);
  size_t n = x.size(), m = y.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::string> diff;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] == y[j]) {
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      diff.push_back("-" + x[i++]);
    } else {
      diff.push_back("+" + y[j++]);
    }
  }
  return diff;
}

}  // namespace hostgraft::test
