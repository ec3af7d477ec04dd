// Renders text in-process for step tests: values YAML and a stream in, the
// output and every diagnostic out.
#pragma once

#include <ctime>
#include <map>
#include <initializer_list>
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "pipeline.h"
#include "secret_store.h"

namespace hostgraft::test {

// 2026-06-01T00:00:00Z: the --at of every fixture.
constexpr std::time_t kAt = 1780272000;

// A store holding secrets in memory, counting reads per path.
class MemoryStore : public SecretStore {
 public:
  std::string Describe() const override { return "memory"; }
  std::map<std::string, SecretResult> Read(const std::vector<std::string>& paths) override;
  void Put(const std::string& path, SecretFields fields) { secrets_[path] = std::move(fields); }
  std::map<std::string, int> reads;

 private:
  std::map<std::string, SecretFields> secrets_;
};

struct Rendered {
  bool ok = false;
  std::string out;
  Diagnostics diags;
  RenderResult result;
  std::string Errors() const;      // every diagnostic, one per line
  // The diagnostics of one severity whose message starts with one of
  // `prefixes` (all of them when none is given), one per line.
  std::string Only(Severity severity, std::initializer_list<std::string_view> prefixes = {}) const;
};

Rendered RenderText(const std::string& values_yaml, const std::string& input, SecretStore* store = nullptr,
                    std::time_t at = kAt);

// Renders (which must succeed), checks that the output differs from the
// input by exactly `diff` (test::LineDiff lines) and that rendering the
// output again changes nothing. Returns the output.
std::string RenderExpectingDiff(const std::string& values_yaml, const std::string& input,
                                const std::vector<std::string>& diff, SecretStore* store = nullptr);

}  // namespace hostgraft::test
