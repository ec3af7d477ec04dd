// The progress line of a slow Vault read (docs/vault.md), end to end: the
// registry render against the Vault test server with the citizen secret
// answered after 2.6 s, stderr a pipe (no line) or a pseudo-terminal made
// here with openpty (the line, then erased). Each case takes about 3 s.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>

#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft::test;

namespace {

const char kToken[] = "progress-token-5e27a9";
const char kCitizen[] = "registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com";
const char kLinePrefix[] = "\rhostgraft: reading secrets: ";
const char kErase[] = "\r\033[K";

// The registry's secrets; the citizen secret's GET is answered after 2.6 s.
std::string SlowVault() {
  return RegistryVaultConfig(R"("tokens": {")" + std::string(kToken) + R"(": {"policies": ["root"]}},
      "faults": [{"path": "/v1/registry-kv/data/registry/reg-a/domains/citizen-portal/*", "method": "GET",
                  "latency_ms": 2600}])");
}

std::map<std::string, std::string> VaultEnv(const VaultServer& server) {
  return {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kToken}, {"TERM", "xterm"}};
}

struct TerminalRun {
  int exit_code = -1;
  std::string out;  // stdout, a pipe
  std::string tty;  // stderr, the terminal's bytes as written (raw mode)
  double seconds = 0;
};

// Runs the binary with stdin from `input`, stdout into a pipe and stderr on
// a 200-column pseudo-terminal; the environment is this process's (ScopedEnv).
TerminalRun RunOnTerminal(const std::vector<std::string>& args, const std::string& input) {
  int master = -1, slave = -1, out[2];
  termios raw{};
  cfmakeraw(&raw);
  winsize size{24, 200, 0, 0};
  REQUIRE(openpty(&master, &slave, nullptr, &raw, &size) == 0);
  REQUIRE(pipe(out) == 0);
  int in = open(input.c_str(), O_RDONLY);
  REQUIRE(in >= 0);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in, 0);
    dup2(out[1], 1);
    dup2(slave, 2);
    for (int fd : {in, out[0], out[1], master, slave}) close(fd);
    std::vector<char*> argv{const_cast<char*>(HOSTGRAFT_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int fd : {in, out[1], slave}) close(fd);
  TerminalRun r;
  // Until stdout ends and the terminal's last writer is gone (EIO).
  std::vector<pollfd> fds{{out[0], POLLIN, 0}, {master, POLLIN, 0}};
  char buf[65536];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) {
      FAIL_CHECK("hostgraft did not finish within 20 s");
      kill(pid, SIGKILL);
      for (const pollfd& p : fds)
        if (p.fd >= 0) close(p.fd);
      break;
    }
    poll(fds.data(), fds.size(), 100);
    for (pollfd& p : fds) {
      if (p.fd < 0 || !p.revents) continue;
      ssize_t n = read(p.fd, buf, sizeof buf);
      if (n > 0) (p.fd == out[0] ? r.out : r.tty).append(buf, n);
      else {
        close(p.fd);
        p.fd = -1;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

// The progress lines drawn in `tty`, each checked to be followed by another
// line or the erase; `rest` gets the bytes outside them.
std::vector<std::string> Draws(const std::string& tty, std::string* rest) {
  std::vector<std::string> draws;
  size_t at = 0;
  for (size_t line; (line = tty.find(kLinePrefix, at)) != std::string::npos;) {
    size_t end = tty.find("\033[K", line);
    REQUIRE(end != std::string::npos);
    *rest += tty.substr(at, line - at);
    draws.push_back(tty.substr(line + 1, end - line - 1));
    at = end + 3;
    INFO(draws.back());
    // Nothing else is written over a shown line: the next draw or the erase.
    CHECK(tty.compare(at, 1, "\r") == 0);
    if (tty.compare(at, 4, kErase) == 0) at += 4;
  }
  *rest += tty.substr(at);
  return draws;
}

void CheckDraws(const std::vector<std::string>& draws, double seconds) {
  REQUIRE(!draws.empty());
  // From 2 s on, at most four a second.
  CHECK(draws.size() <= 2 + static_cast<size_t>((seconds - 2) * 4));
  for (const std::string& draw : draws) {
    INFO(draw);
    CHECK(draw.rfind("hostgraft: reading secrets: 1/2 done, waiting ", 0) == 0);
    CHECK(draw.size() > std::string(kCitizen).size());
    CHECK(draw.compare(draw.size() - std::string(kCitizen).size(), std::string::npos, kCitizen) == 0);
    CHECK(draw.find(kToken) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("vault progress: stderr not a terminal, no progress bytes, even when slow", "[vault][progress][slow]") {
  VaultServer server(SlowVault());
  RunResult r = Run(RegistryArgs("render", "vault"), ReadFile(Source("testdata/registry/helm3.yaml")),
                    VaultEnv(server));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.seconds > 2.6);
  CHECK(r.err.empty());
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
}

TEST_CASE("vault progress: on a terminal, the line after 2 s, erased at the end, stdout unchanged",
          "[vault][progress][slow]") {
  VaultServer server(SlowVault());
  ScopedEnv env(VaultEnv(server));
  TerminalRun r = RunOnTerminal(RegistryArgs("render", "vault"), Source("testdata/registry/helm3.yaml"));
  INFO(r.tty);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  std::string rest;
  CheckDraws(Draws(r.tty, &rest), r.seconds);
  // Only the line was written, and the terminal is left clean.
  CHECK(rest.empty());
  CHECK(r.tty.rfind(kLinePrefix, 0) == 0);
  CHECK(r.tty.size() > 4);
  CHECK(r.tty.compare(r.tty.size() - 4, 4, kErase) == 0);
}

TEST_CASE("vault progress: with -v each log line finds the progress line erased", "[vault][progress][slow]") {
  VaultServer server(SlowVault());
  ScopedEnv env(VaultEnv(server));
  std::vector<std::string> args = RegistryArgs("render", "vault");
  args.push_back("-v");
  TerminalRun r = RunOnTerminal(args, Source("testdata/registry/helm3.yaml"));
  INFO(r.tty);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  std::string rest;
  CheckDraws(Draws(r.tty, &rest), r.seconds);
  // What is left is the -v log as it would be on a pipe: whole lines.
  CHECK(rest.find('\r') == std::string::npos);
  CHECK(rest.find('\033') == std::string::npos);
  CHECK(rest.find("hostgraft: vault: GET /v1/registry-kv/data/registry/reg-a/domains/citizen-portal/") !=
        std::string::npos);
  CHECK(rest.find(kToken) == std::string::npos);
}
