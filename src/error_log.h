// The error log: Helm 4 shows no stderr of a failing post-renderer, so every
// run that fails appends its errors to HOSTGRAFT_ERROR_LOG (default
// $XDG_STATE_HOME/hostgraft/last-error.log). Messages can name hosts and
// paths of a platform, so the log is private (0600 in a 0700 directory) and
// capped: past 1 MiB it moves to last-error.log.1 and starts again.
#pragma once

#include <string>

#include "diagnostics.h"

namespace hostgraft {

inline constexpr size_t kErrorLogCap = size_t{1} << 20;

// Appends the errors of diags under a header naming the command and the exit
// code. A log that cannot be written is said on stderr, never silently.
void AppendToErrorLog(const Diagnostics& diags, const std::string& command);

// Where the log goes; empty when neither HOSTGRAFT_ERROR_LOG, XDG_STATE_HOME
// nor HOME is set.
std::string ErrorLogPath();

}  // namespace hostgraft
