// -v output: decisions and timings on stderr. Callers never pass secret
// values; the leak tests hold them to it.
#pragma once

#include <string>

namespace hostgraft {

void SetVerbose(bool on);
bool Verbose();
void Log(const std::string& line);

// Milliseconds since the first call, for phase timings.
double ElapsedMs();

}  // namespace hostgraft
