// RFC 3339 timestamps, the form of --at and of the dates in certificate
// messages.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace hostgraft {

// Parses "2026-06-01T00:00:00Z", with optional fractional seconds (dropped)
// and a "Z" or "+hh:mm"/"-hh:mm" offset. "t", "z" and a space for "T" are
// accepted as RFC 3339 allows. False for anything else, including dates that
// do not exist (2026-02-30).
bool ParseRfc3339(std::string_view text, std::time_t* out);

// "2026-06-01T00:00:00Z" (UTC, whole seconds).
std::string FormatRfc3339(std::time_t t);

}  // namespace hostgraft
