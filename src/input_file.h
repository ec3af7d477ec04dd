// Reading a file a command names on its command line (--cert, --from-route,
// -f for migrate), with an error that names the option and the file.
#pragma once

#include <string>

#include "diagnostics.h"

namespace hostgraft {

// Reads the whole file into *text. False with an error (exit 2) naming
// `what` (e.g. "--cert") when it cannot be read, is not a regular file, or is
// larger than max_bytes.
bool ReadInputFile(const std::string& path, const std::string& what, std::string* text, Diagnostics* diags,
                   size_t max_bytes = 16u << 20);

}  // namespace hostgraft
