// The values loader: a values file and --set arguments, then the config
// reader on what they merge to. Input: the file, then "\n--set\n" and one
// --set argument per line. Properties: success and diagnostics agree, every
// error is exit 2, and a merged result is a mapping.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "config.h"
#include "config_reader.h"
#include "fuzz_check.h"
#include "values.h"

using namespace hostgraft;

namespace {

const std::string& ValuesFile() {
  static const std::string path = [] {
    char tmpl[] = "/tmp/hostgraft-fuzz-values-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd >= 0) close(fd);
    return std::string(tmpl);
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> parts =
      fuzz::SplitInput(std::string(reinterpret_cast<const char*>(data), size), "\n--set\n", 2);
  FILE* f = std::fopen(ValuesFile().c_str(), "wb");
  if (!f) return 0;
  std::fwrite(parts[0].data(), 1, parts[0].size(), f);
  std::fclose(f);
  std::vector<std::string> sets;
  if (parts.size() == 2)
    for (const std::string& line : fuzz::SplitInput(parts[1], "\n", 16)) sets.push_back(line);

  YAML::Node merged;
  Diagnostics diags;
  bool ok = LoadValues({ValuesFile()}, sets, &merged, &diags);
  FUZZ_CHECK(ok != diags.has_errors(), "LoadValues' result and its diagnostics disagree");
  if (!ok) {
    FUZZ_CHECK(diags.exit_code() == kExitUsage, "a values error is not exit 2");
    return 0;
  }
  FUZZ_CHECK(merged.IsMap(), "merged values are not a mapping");
  Config config;
  Diagnostics config_diags;
  bool read = ReadConfig(merged, &config, &config_diags);
  FUZZ_CHECK(read != config_diags.has_errors(), "ReadConfig's result and its diagnostics disagree");
  if (!read) FUZZ_CHECK(config_diags.exit_code() == kExitUsage, "a config error is not exit 2");
  return 0;
}
