#include "log.h"

#include <chrono>
#include <cstdio>

#include "redact.h"

namespace hostgraft {
namespace {
bool verbose = false;
const auto start = std::chrono::steady_clock::now();
}  // namespace

void SetVerbose(bool on) { verbose = on; }
bool Verbose() { return verbose; }

void Log(const std::string& line) {
  // Lines can quote server answers and names from the input.
  if (verbose) std::fprintf(stderr, "hostgraft: %s\n", SafeText(line).c_str());
}

double ElapsedMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace hostgraft
