// --format junit: one testcase per check per resource, failed when that
// check found something there (GitLab and Jenkins test reports).
#include "report.h"

namespace hostgraft {
namespace {

std::string Xml(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no other control characters.
        if (c < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out += static_cast<char>(c);
    }
  }
  return out;
}

std::string FindingLine(const Finding& f) {
  std::string where = f.where.path;
  if (f.where.line > 0) where += (where.empty() ? "" : ", ") + std::string("line ") + std::to_string(f.where.line);
  return std::string(SeverityName(f.severity)) + " " + f.id + (where.empty() ? "" : " (" + where + ")") + ": " +
         f.message + (f.fix.empty() ? "" : "\nfix: " + f.fix);
}

std::string CertificateText(const CertificateSummary& c) {
  std::string names, chain;
  for (const std::string& n : c.info.dns_names) names += (names.empty() ? "" : ", ") + n;
  for (const std::string& s : c.info.chain) chain += (chain.empty() ? "" : " <- ") + s;
  return "host " + c.host + "\nsubject " + c.info.subject + "\nSANs " + names + "\nissuer " + c.info.issuer +
         "\nserial " + c.info.serial + "\nvalid " + c.info.not_before + " to " + c.info.not_after + "\nkey " +
         c.info.key_type + ", " + std::to_string(c.info.key_bits) + " bits\nchain " + chain + "\nverdict " +
         (c.accepted ? "accepted" : "refused") + "\n";
}

}  // namespace

std::string WriteJunitReport(const FindingsReport& report, bool) {
  std::vector<Checked> cases = report.Testcases();
  std::string body;
  int failures = 0;
  for (const Checked& c : cases) {
    std::vector<const Finding*> found;
    for (const Finding& f : report.findings)
      if (f.check == c.check && SubjectOf(f) == c.subject) found.push_back(&f);
    body += "    <testcase classname=\"hostgraft." + Xml(report.command + "." + c.check) + "\" name=\"" +
            Xml(c.subject) + "\"";
    if (found.empty()) {
      body += "/>\n";
      continue;
    }
    ++failures;
    std::string text;
    for (const Finding* f : found) text += FindingLine(*f) + "\n";
    body += ">\n      <failure type=\"" + Xml(found[0]->id) + "\" message=\"" + Xml(found[0]->message) + "\">" +
            Xml(text) + "</failure>\n    </testcase>\n";
  }
  std::string name = "hostgraft " + report.command;
  std::string counts = " tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) +
                       "\" errors=\"0\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + Xml(name) + "\"" + counts +
                    ">\n  <testsuite name=\"" + Xml(name) + "\"" + counts + " skipped=\"0\">\n" + body;
  if (report.certificate) out += "    <system-out>" + Xml(CertificateText(*report.certificate)) + "</system-out>\n";
  return out + "  </testsuite>\n</testsuites>\n";
}

}  // namespace hostgraft
