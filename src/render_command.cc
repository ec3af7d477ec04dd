#include "render_command.h"

#include <cstdio>

#include "checked_write.h"
#include "config_reader.h"
#include "config_rules.h"
#include "config_summary.h"
#include "discovery.h"
#include "log.h"
#include "values.h"

namespace hostgraft {

bool ConfigFromValues(const YAML::Node& values, Config* config, Diagnostics* diags) {
  return ReadConfig(values, config, diags);
}

bool PrepareRender(const YAML::Node& values, std::string input, RenderRun* run, Diagnostics* diags) {
  if (!ConfigFromValues(values, &run->config, diags)) return false;
  double t0 = ElapsedMs();
  ReadLimits limits = ManifestReadLimits();
  if (!ReadLimitsFromEnv(&limits, diags) || !ReadStream(std::move(input), limits, &run->stream, diags)) return false;
  Log("read: " + std::to_string(run->stream.documents.size()) + " document(s) in " +
      std::to_string(ElapsedMs() - t0) + " ms");
  if (!Discover(run->stream, &run->config, diags) || !CheckConfigRules(run->config, diags) ||
      !CheckConfigAgainstStream(run->stream, run->config, diags))
    return false;
  DescribeConfig(run->config, diags);
  return true;
}

RenderOptions RenderOptionsOf(const Options& options, SecretStore* store) {
  RenderOptions ro;
  ro.at = options.at;
  ro.secrets = options.secrets;
  ro.store = store;
  return ro;
}

bool RenderWithValues(const Options& options, const YAML::Node& values, std::string input, RenderRun* run,
                      Diagnostics* diags, SecretStore* store) {
  if (!PrepareRender(values, std::move(input), run, diags)) return false;
  double t0 = ElapsedMs();
  bool ok = Render(run->config, run->stream, RenderOptionsOf(options, store), &run->result, diags);
  Log("render: " + std::to_string(ElapsedMs() - t0) + " ms");
  return ok;
}

void Report(const Diagnostics& diags, const std::string& command, bool show_info) {
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == Severity::kInfo && !show_info && !Verbose()) continue;
    std::fputs(("hostgraft: " + FormatDiagnostic(d) + "\n").c_str(), stderr);
  }
  AppendToErrorLog(diags, command);
}

bool ReadInputStream(const std::string& file, std::string* text, Diagnostics* diags) {
  ReadLimits limits;
  if (!ReadLimitsFromEnv(&limits, diags)) return false;
  std::optional<std::string> problem =
      file.empty() ? ReadFdBounded(0, limits.max_input_bytes, text) : ReadFileBounded(file, limits.max_input_bytes, text);
  if (!problem) return true;
  bool too_large = problem->rfind("is larger", 0) == 0;
  Location where;
  where.file = file;
  diags->Error(too_large ? kExitBadInput : kExitUsage, where,
               (file.empty() ? "the input stream on stdin " : "--input ") + *problem,
               too_large ? "set HOSTGRAFT_MAX_INPUT_MB to a larger number of MiB if the input is what you meant"
               : file.empty() ? "pipe the rendered manifests in: helm template ... | hostgraft render -f values.yaml"
                              : "name a readable file");
  return false;
}

bool LoadCommandValues(const Options& options, YAML::Node* values, Diagnostics* diags) {
  const std::string fix = "pass the values files Helm gets with -f: hostgraft " + options.command +
                          " -f values.yaml (as a Helm post-renderer: --post-renderer-args=-f "
                          "--post-renderer-args=values.yaml), or list them in HOSTGRAFT_VALUES=values.yaml[:more.yaml]";
  return RequireValues(options.values_files, !options.sets.empty(), fix, diags) &&
         LoadValues(options.values_files, options.sets, values, diags);
}

int RenderCommand(const Options& options) {
  Diagnostics diags;
  YAML::Node values;
  if (!LoadCommandValues(options, &values, &diags)) {
    Report(diags, options.command);
    return diags.exit_code() ? diags.exit_code() : kExitUsage;
  }
  return RenderToStdout(options, values, &diags);
}

int RenderToStdout(const Options& options, const YAML::Node& values, Diagnostics* diags) {
  RenderRun run;
  std::string input;
  bool ok = ReadInputStream("", &input, diags) && RenderWithValues(options, values, std::move(input), &run, diags);
  // Written only now that the whole run succeeded.
  ok = ok && !diags->has_errors() && WriteStdout(run.result.output.pieces(), "the output stream", diags);
  Report(*diags, options.command);
  return ok ? kExitOk : diags->exit_code() ? diags->exit_code() : kExitUsage;
}

}  // namespace hostgraft
