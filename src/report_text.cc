// --format text: findings grouped by resource, for people.
#include <map>

#include "report.h"

namespace hostgraft {
namespace {

struct Colours {
  bool on;
  std::string Paint(const std::string& text, const char* code) const {
    return on ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
  }
};

std::string Joined(const std::vector<std::string>& items, const std::string& separator, const std::string& none) {
  if (items.empty()) return none;
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string CertificateBlock(const CertificateSummary& c, const Colours& colours) {
  const CertInfo& i = c.info;
  std::string out;
  auto line = [&out](const char* label, const std::string& value) {
    out += std::string(label) + std::string(10 - std::string(label).size(), ' ') + value + "\n";
  };
  line("host", c.host);
  line("subject", i.subject);
  line("SANs", Joined(i.dns_names, ", ", "(none)"));
  line("issuer", i.issuer);
  line("serial", i.serial);
  line("valid", i.not_before + " to " + i.not_after);
  line("key", i.key_type + ", " + std::to_string(i.key_bits) + " bits");
  line("chain", Joined(i.chain, " <- ", "(not verified)"));
  line("verdict", c.accepted ? colours.Paint("accepted", "32") : colours.Paint("refused", "1;31"));
  return out;
}

}  // namespace

std::string WriteTextReport(const FindingsReport& report, bool colour) {
  Colours colours{colour};
  std::string out;
  if (report.certificate) out += CertificateBlock(*report.certificate, colours);
  // Groups in the order their first finding comes.
  std::vector<std::string> order;
  std::map<std::string, std::string> groups;
  for (const Finding& f : report.findings) {
    std::string header = (f.where.document > 0 ? "document " + std::to_string(f.where.document) + ": " : "") +
                         SubjectOf(f);
    if (!groups.count(header)) order.push_back(header);
    std::string where = f.where.path;
    if (f.where.line > 0) where += (where.empty() ? "" : ", ") + std::string("line ") + std::to_string(f.where.line);
    const char* paint = f.severity == Severity::kError ? "1;31" : "33";
    std::string& g = groups[header];
    g += "  " + colours.Paint(SeverityName(f.severity), paint) + " " + f.id + " " + f.check +
         (where.empty() ? "" : " (" + where + ")") + ": " + f.message + "\n";
    if (!f.fix.empty()) g += "    fix: " + f.fix + "\n";
  }
  for (const std::string& header : order) out += colours.Paint(header, "1") + "\n" + groups[header];
  out += "hostgraft " + report.command + ": " + Summary(report) + "\n";
  return out;
}

}  // namespace hostgraft
