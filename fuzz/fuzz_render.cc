// The whole render with the registry's values and its files: store
// (testdata/registry). Properties: an error leaves the output empty; the
// output re-parses; rendering the output again gives the same bytes; a
// stream nothing changes comes out byte for byte.
#include <cstdint>
#include <string>

#include "files_store.h"
#include "fuzz_check.h"
#include "render_command.h"
#include "values.h"

using namespace hostgraft;

namespace {

constexpr std::time_t kAt = 1780272000;  // 2026-06-01T00:00:00Z, the fixtures' --at

const YAML::Node& RegistryValues() {
  static const YAML::Node values = [] {
    std::string dir = std::string(HOSTGRAFT_SOURCE_DIR) + "/testdata/registry/";
    YAML::Node merged;
    Diagnostics diags;
    if (!LoadValues({dir + "values-platform.yaml", dir + "values-registry.yaml"}, {}, &merged, &diags)) std::abort();
    return merged;
  }();
  return values;
}

bool RenderOnce(const std::string& input, RenderRun* run, Diagnostics* diags) {
  static FilesStore store(std::string(HOSTGRAFT_SOURCE_DIR) + "/testdata/registry/secrets");
  Options options;
  options.at = kAt;
  return RenderWithValues(options, RegistryValues(), input, run, diags, &store);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  RenderRun run;
  Diagnostics diags;
  bool ok = RenderOnce(input, &run, &diags);
  FUZZ_CHECK(ok == !diags.has_errors(), "Render's result and its diagnostics disagree");
  if (!ok) {
    FUZZ_CHECK(run.result.output.empty(), "an error left output behind");
    return 0;
  }
  const std::string out = run.result.output.Text();
  if (run.result.changes.empty() && run.result.generated.empty() && input.find('\r') == std::string::npos)
    FUZZ_CHECK(out == input, "an untouched stream did not come out byte for byte");

  RenderRun again;
  Diagnostics again_diags;
  FUZZ_CHECK(RenderOnce(out, &again, &again_diags), "the output does not render again");
  FUZZ_CHECK(again.result.output.Text() == out, "render is not idempotent on its own output");
  return 0;
}
