#include "log.h"

#include <chrono>
#include <cstdio>

namespace hostgraft {
namespace {
bool verbose = false;
const auto start = std::chrono::steady_clock::now();
}  // namespace

void SetVerbose(bool on) { verbose = on; }
bool Verbose() { return verbose; }

void Log(const std::string& line) {
  if (verbose) std::fprintf(stderr, "hostgraft: %s\n", line.c_str());
}

double ElapsedMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace hostgraft
