// The exit codes (README, "Exit codes"), shared by the core and the Vault
// module (whose errors carry them across the module boundary).
#pragma once

namespace hostgraft {

enum ExitCode {
  kExitOk = 0,
  kExitFindings = 1,     // certificate or lint findings
  kExitUsage = 2,        // usage or configuration error
  kExitSecretStore = 3,  // unreachable, auth, missing secret
  kExitBadInput = 4,     // input that is not valid YAML
  kExitWriteFailed = 5,  // the output or a report could not be written
  // diff: 1 says something changes, as diff(1) says its inputs differ, so a
  // certificate render refuses (render's 1) is 6 there.
  kExitDiffChanged = 1,
  kExitDiffCertificate = 6,
};

}  // namespace hostgraft
