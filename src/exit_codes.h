// Exit codes of DESIGN.md section 10, shared by the core and the Vault
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
};

}  // namespace hostgraft
