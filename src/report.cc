#include "report.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "checked_write.h"
#include "redact.h"

namespace hostgraft {

int FindingsReport::Count(Severity severity) const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == severity; }));
}

std::vector<Checked> FindingsReport::Testcases() const {
  std::vector<Checked> out;
  auto add = [&out](Checked c) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  };
  // Subjects are resource names from the input: escaped like every message.
  for (const Checked& c : checked) add({c.check, SafeText(c.subject)});
  for (const Finding& f : findings) add({f.check, SubjectOf(f)});
  return out;
}

std::string Summary(const FindingsReport& report) {
  int errors = report.Count(Severity::kError), warnings = report.Count(Severity::kWarning);
  if (errors + warnings == 0) return "no findings";
  auto count = [](int n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); };
  return count(errors, "error") + ", " + count(warnings, "warning");
}

ReportWriter ReportWriterFor(const std::string& format) {
  if (format == "text") return WriteTextReport;
  if (format == "json") return WriteJsonReport;
  if (format == "sarif") return WriteSarifReport;
  if (format == "junit") return WriteJunitReport;
  if (format == "github") return WriteGithubReport;
  return nullptr;
}

bool PrintReport(const FindingsReport& report, const std::string& format, Diagnostics* diags) {
  ReportWriter writer = ReportWriterFor(format);
  if (!writer) return true;  // ParseOptions refuses unknown formats
  return WriteStdout(writer(report, format == "text" && isatty(1)), "the " + format + " report", diags);
}

}  // namespace hostgraft
