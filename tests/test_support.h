// Helpers for tests that run the hostgraft binary the way a host tool does.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace hostgraft::test {

struct RunResult {
  int exit_code = -1;     // -1: killed by a signal or the time limit
  bool timed_out = false;
  std::string out;
  std::string err;
  double seconds = 0;
};

// Runs the built binary with args, feeding stdin; env entries are added to
// (or, with an empty value, removed from) the environment. A fresh
// HOSTGRAFT_ERROR_LOG under a temp dir is set unless env names one. Fails
// the running test when stderr or the error log carries a registered
// secret (RegisterSecret) or the VAULT_TOKEN of env.
RunResult Run(const std::vector<std::string>& args, const std::string& stdin_data = {},
              const std::map<std::string, std::string>& env = {}, double timeout_seconds = 20);

// Run with stdin/stdout redirected by the shell before the binary starts:
// ">/dev/full" (a full disk), "<&-" (a closed stdin), "</" (a directory on
// stdin). The same environment and leak checks as Run.
RunResult RunRedirected(const std::string& redirections, const std::vector<std::string>& args,
                        const std::string& stdin_data = {}, const std::map<std::string, std::string>& env = {});

// Registers secret bytes of this process (a private key PEM, a token, a
// secret_id, a JWT) that the binary must never print but to stdout. Each
// line outside PEM BEGIN/END lines counts on its own; a line longer than 64
// bytes counts in 32-byte pieces, so a leaked part of it is found too.
// Secrets shorter than 8 bytes are too likely to occur by chance and are
// ignored. The keys of testdata/registry/secrets are registered on the
// first Run.
void RegisterSecret(const std::string& secret);
// True when text contains a piece of a registered secret.
bool ContainsRegisteredSecret(const std::string& text);

// Runs any program (argv[0] looked up in PATH).
RunResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_data = {},
                     const std::map<std::string, std::string>& env = {}, double timeout_seconds = 60);

// The registry example's command line: `command` with its two values files,
// `secrets` (default: its files: store) and --at 2026-06-01T00:00:00Z.
std::vector<std::string> RegistryArgs(const std::string& command = "render", const std::string& secrets = "");

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);
// Path under the source tree, e.g. Source("testdata/registry/helm3.yaml").
std::string Source(const std::string& relative);
// A new empty directory, removed at exit.
std::string TempDir();

// The lines that differ between a and b, as "-old" / "+new" lines in order
// (a plain LCS line diff), for asserting that an edit touched only its lines.
std::vector<std::string> LineDiff(const std::string& a, const std::string& b);

}  // namespace hostgraft::test
