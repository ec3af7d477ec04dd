// The reports of lint and check-cert, and one writer per --format
// (text, json, sarif, junit, github), each in its own small file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cert_check.h"
#include "findings.h"

namespace hostgraft {

// check-cert: the certificate the findings are about.
struct CertificateSummary {
  std::string host;
  CertInfo info;
  bool accepted = false;
};

struct FindingsReport {
  std::string command;     // "lint" or "check-cert"
  std::string input_file;  // the file findings without a file of their own point at (--input); may be empty
  std::vector<Finding> findings;
  std::vector<Checked> checked;  // checks applied, with or without findings
  std::optional<CertificateSummary> certificate;

  int Count(Severity severity) const;
  // One entry per (check, subject) examined or found, in first-seen order.
  std::vector<Checked> Testcases() const;
};

// A report in one format; `colour` only matters to text.
using ReportWriter = std::string (*)(const FindingsReport& report, bool colour);

std::string WriteTextReport(const FindingsReport& report, bool colour);
std::string WriteJsonReport(const FindingsReport& report, bool colour);
std::string WriteSarifReport(const FindingsReport& report, bool colour);
std::string WriteJunitReport(const FindingsReport& report, bool colour);
std::string WriteGithubReport(const FindingsReport& report, bool colour);

// The writer of a --format name; null when there is none.
ReportWriter ReportWriterFor(const std::string& format);

// Writes the report on stdout; text is coloured only when stdout is a
// terminal. False, with an exit-5 error in *diags, when it cannot be written.
bool PrintReport(const FindingsReport& report, const std::string& format, Diagnostics* diags);

// "3 errors, 1 warning" / "no findings".
std::string Summary(const FindingsReport& report);

}  // namespace hostgraft
