// hostgraft diff: what render would change, as a unified diff per resource.
#pragma once

#include "options.h"

namespace hostgraft {

// Reads stdin like render and prints input -> output as a unified diff, one
// hunk group per resource; exit 0 when nothing changes, 1 when something does.
int DiffCommand(const Options& options);

}  // namespace hostgraft
