#include "render_support.h"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "render_command.h"
#include "test_support.h"

namespace hostgraft::test {

std::map<std::string, SecretResult> MemoryStore::Read(const std::vector<std::string>& paths) {
  std::map<std::string, SecretResult> out;
  for (const std::string& p : paths) {
    ++reads[p];
    auto it = secrets_.find(p);
    if (it == secrets_.end()) out[p].error = SecretError{3, "secret " + p + " not found in memory", {}};
    else out[p].fields = it->second;
  }
  return out;
}

std::string Rendered::Errors() const {
  std::string s;
  for (const Diagnostic& d : diags.all()) s += FormatDiagnostic(d) + "\n";
  return s;
}

std::string Rendered::Only(Severity severity, std::initializer_list<std::string_view> prefixes) const {
  std::string s;
  for (const Diagnostic& d : diags.all()) {
    bool wanted = prefixes.size() == 0;
    for (std::string_view prefix : prefixes) wanted = wanted || d.message.starts_with(prefix);
    if (d.severity == severity && wanted) s += FormatDiagnostic(d) + "\n";
  }
  return s;
}

Rendered RenderText(const std::string& values_yaml, const std::string& input, SecretStore* store, std::time_t at) {
  Rendered r;
  Options options;
  options.at = at;
  options.secrets = "none";
  RenderRun run;
  YAML::Node values = values_yaml.empty() ? YAML::Node(YAML::NodeType::Map) : YAML::Load(values_yaml);
  r.ok = RenderWithValues(options, values, input, &run, &r.diags, store);
  r.out = run.result.output.Text();
  r.result = run.result;
  return r;
}

std::string RenderExpectingDiff(const std::string& values_yaml, const std::string& input,
                                const std::vector<std::string>& diff, SecretStore* store) {
  Rendered r = RenderText(values_yaml, input, store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(LineDiff(input, r.out) == diff);
  CHECK(RenderText(values_yaml, r.out, store).out == r.out);
  return r.out;
}

}  // namespace hostgraft::test
