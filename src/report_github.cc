// --format github: workflow commands, so GitHub Actions annotates the
// files and lines findings point at.
#include "report.h"

namespace hostgraft {
namespace {

// Workflow command escaping: data escapes %, CR and LF; properties also , and :.
std::string Escape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string WriteGithubReport(const FindingsReport& report, bool) {
  std::string out;
  for (const Finding& f : report.findings) {
    out += f.severity == Severity::kError ? "::error " : "::warning ";
    const std::string& file = f.where.file.empty() ? report.input_file : f.where.file;
    if (!file.empty()) out += "file=" + Escape(file, true) + ",";
    if (!file.empty() && f.where.line > 0) out += "line=" + std::to_string(f.where.line) + ",";
    out += "title=" + Escape(f.id + " " + f.check, true) + "::";
    std::string where = SubjectOf(f) + (f.where.path.empty() ? "" : " " + f.where.path);
    out += Escape(where + ": " + f.message + (f.fix.empty() ? "" : "\nfix: " + f.fix), false) + "\n";
  }
  if (report.certificate)
    out += "::notice title=" + Escape("certificate for " + report.certificate->host, true) + "::" +
           Escape(report.certificate->info.subject + ", serial " + report.certificate->info.serial + ", valid " +
                      report.certificate->info.not_before + " to " + report.certificate->info.not_after + ": " +
                      (report.certificate->accepted ? "accepted" : "refused"),
                  false) +
           "\n";
  return out + "hostgraft " + report.command + ": " + Summary(report) + "\n";
}

}  // namespace hostgraft
