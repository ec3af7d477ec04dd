// Reading a file a command names on its command line (--cert, --from-route,
// -f for migrate), with an error that names the option and the file.
#pragma once

#include <string>

#include "diagnostics.h"

namespace hostgraft {

// Reads the whole file into *text, bounded by max_bytes (0: by
// HOSTGRAFT_MAX_INPUT_MB). False with an error (exit 2) naming `what` (e.g.
// "--cert") when it cannot be read, is a directory, or is larger than the
// limit. A pipe (--cert <(...)) is read like a file.
bool ReadInputFile(const std::string& path, const std::string& what, std::string* text, Diagnostics* diags,
                   size_t max_bytes = 0);

}  // namespace hostgraft
