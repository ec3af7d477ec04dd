// hostgraft diff: what render would change, as a unified diff per resource.
#pragma once

#include "options.h"

namespace hostgraft {

// Reads stdin like render and prints input -> output as a unified diff, one
// hunk group per resource, secret values masked (secret_mask.h), in colour
// only on a terminal; writes nothing unless the whole run succeeded. Exit
// 0 when nothing changes, 1 when something does, render's exit code on an
// error (6 for its 1).
int DiffCommand(const Options& options);

}  // namespace hostgraft
