// What the fuzz targets share: a check that fails loudly (libFuzzer and the
// replay main both report an abort with the input that caused it).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#define FUZZ_CHECK(cond, what)                                                        \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, what); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace hostgraft::fuzz {

// Splits a fuzz input at `marker` into at most n parts (the rest stays in the last).
inline std::vector<std::string> SplitInput(const std::string& data, const std::string& marker, size_t n) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() + 1 < n) {
    size_t at = data.find(marker, start);
    if (at == std::string::npos) break;
    parts.push_back(data.substr(start, at - start));
    start = at + marker.size();
  }
  parts.push_back(data.substr(start));
  return parts;
}

}  // namespace hostgraft::fuzz
