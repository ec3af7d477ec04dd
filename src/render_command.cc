#include "render_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config_reader.h"
#include "config_rules.h"
#include "config_summary.h"
#include "discovery.h"
#include "log.h"
#include "rfc3339.h"
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

namespace {

std::string ErrorLogPath() {
  if (const char* p = std::getenv("HOSTGRAFT_ERROR_LOG"); p && *p) return p;
  std::string state;
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) state = x;
  else if (const char* h = std::getenv("HOME"); h && *h) state = std::string(h) + "/.local/state";
  else return {};
  return state + "/hostgraft/last-error.log";
}

}  // namespace

void Report(const Diagnostics& diags, const std::string& command, bool show_info) {
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == Severity::kInfo && !show_info && !Verbose()) continue;
    std::fputs(("hostgraft: " + FormatDiagnostic(d) + "\n").c_str(), stderr);
  }
  AppendToErrorLog(diags, command);
}

void AppendToErrorLog(const Diagnostics& diags, const std::string& command) {
  std::string errors;
  for (const Diagnostic& d : diags.all())
    if (d.severity == Severity::kError) errors += "hostgraft: " + FormatDiagnostic(d) + "\n";
  if (errors.empty()) return;
  std::string path = ErrorLogPath();
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream log(path, std::ios::app);
  log << "=== " << FormatRfc3339(std::time(nullptr)) << " hostgraft " << command << " (exit " << diags.exit_code()
      << ")\n"
      << errors;
}

std::string ReadAllStdin(size_t max_bytes) {
  std::string data;
  // A file on stdin is read into one allocation of its size: growing by
  // doubling would briefly hold the input three times over.
  struct stat st;
  if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size) + 1);
  char buf[1 << 16];
  while (data.size() <= max_bytes) {
    ssize_t n = read(0, buf, sizeof buf);
    if (n > 0) data.append(buf, n);
    else if (n == 0 || errno != EINTR) break;
  }
  return data;
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
  ReadLimits limits;
  // Stdin is read one byte past the limit, so endless input ends in an error, not out of memory.
  bool ok = ReadLimitsFromEnv(&limits, diags) &&
            RenderWithValues(options, values, ReadAllStdin(limits.max_input_bytes + 1), &run, diags);
  Report(*diags, options.command);
  if (!ok || diags->has_errors()) return diags->exit_code() ? diags->exit_code() : kExitUsage;
  // Written only now that the whole run succeeded.
  return WriteStdout(run.result.output) ? kExitOk : kExitUsage;
}

bool WriteStdout(const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(1, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::fputs("hostgraft: error: cannot write the output stream\n", stderr);
      return false;
    }
    done += n;
  }
  return true;
}

}  // namespace hostgraft
