// hostgraft diff: what render would change, as a unified diff per resource.
#pragma once

#include "options.h"

namespace hostgraft {

// diff's exit codes beside render's: 1 when something changes, as diff(1)
// says its inputs differ, so a certificate render refuses (render's 1) is 6.
constexpr int kExitDiffChanged = 1;
constexpr int kExitDiffCertificate = 6;

// Reads stdin like render and prints input -> output as a unified diff, one
// hunk group per resource, secret values masked (secret_mask.h), in colour
// only on a terminal; writes nothing unless the whole run succeeded. Exit
// 0 when nothing changes, 1 when something does, render's exit code on an
// error (6 for its 1).
int DiffCommand(const Options& options);

}  // namespace hostgraft
