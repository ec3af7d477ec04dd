// --format json: every field of every finding, for scripts.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report.h"

namespace hostgraft {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void String(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  if (value.empty()) w.Null();
  else w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Number(Writer& w, const char* key, int value) {
  w.Key(key);
  if (value > 0) w.Int(value);
  else w.Null();
}

void Certificate(Writer& w, const CertificateSummary& c) {
  const CertInfo& i = c.info;
  w.Key("certificate");
  w.StartObject();
  String(w, "host", c.host);
  String(w, "subject", i.subject);
  w.Key("dnsNames");
  w.StartArray();
  for (const std::string& name : i.dns_names) w.String(name.c_str());
  w.EndArray();
  String(w, "issuer", i.issuer);
  String(w, "serial", i.serial);
  String(w, "notBefore", i.not_before);
  String(w, "notAfter", i.not_after);
  String(w, "keyType", i.key_type);
  Number(w, "keyBits", i.key_bits);
  w.Key("chain");
  w.StartArray();
  for (const std::string& subject : i.chain) w.String(subject.c_str());
  w.EndArray();
  w.Key("selfSigned");
  w.Bool(i.self_signed);
  String(w, "verdict", c.accepted ? "accepted" : "refused");
  w.EndObject();
}

}  // namespace

std::string WriteJsonReport(const FindingsReport& report, bool) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  String(w, "tool", "hostgraft");
  String(w, "version", HOSTGRAFT_VERSION);
  String(w, "command", report.command);
  if (report.certificate) Certificate(w, *report.certificate);
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : report.findings) {
    w.StartObject();
    String(w, "id", f.id);
    String(w, "severity", SeverityName(f.severity));
    String(w, "check", f.check);
    Number(w, "document", f.where.document);
    String(w, "resource", f.where.resource);
    String(w, "path", f.where.path);
    Number(w, "line", f.where.line);
    String(w, "file", f.where.file.empty() ? report.input_file : f.where.file);
    String(w, "message", f.message);
    String(w, "fix", f.fix);
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary");
  w.StartObject();
  w.Key("errors");
  w.Int(report.Count(Severity::kError));
  w.Key("warnings");
  w.Int(report.Count(Severity::kWarning));
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace hostgraft
