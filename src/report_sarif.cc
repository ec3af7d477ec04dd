// --format sarif: SARIF 2.1.0 for code scanning. Every rule of the table
// with its help text; each result points at the file and line it is about
// (the --input file for findings in the stream), so annotations land there.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "percent_encode.h"
#include "report.h"

namespace hostgraft {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void String(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Text(Writer& w, const char* key, const std::string& text) {
  w.Key(key);
  w.StartObject();
  String(w, "text", text);
  w.EndObject();
}

const char* Level(Severity s) { return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note"; }

// "request-authentication" -> "RequestAuthentication": SARIF rule names are identifiers.
std::string RuleName(const std::string& check) {
  std::string out;
  bool upper = true;
  for (char c : check) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string Sentence(std::string text) {
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

// A file path as a URI reference: absolute paths get the file scheme,
// relative ones stay relative (code scanning resolves them from the checkout).
std::string FileUri(const std::string& path) {
  return (path.starts_with("/") ? "file://" : "") + PercentEncodePath(path);
}

void Rules(Writer& w) {
  w.Key("rules");
  w.StartArray();
  for (const LintRule& rule : LintRules()) {
    w.StartObject();
    String(w, "id", rule.id);
    String(w, "name", RuleName(rule.check));
    Text(w, "shortDescription", Sentence(rule.title));
    Text(w, "fullDescription", rule.help);
    Text(w, "help", rule.help);
    w.Key("defaultConfiguration");
    w.StartObject();
    String(w, "level", Level(rule.severity));
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

void Result(Writer& w, const Finding& f, const std::string& input_file) {
  w.StartObject();
  String(w, "ruleId", f.id);
  for (size_t i = 0; i < LintRules().size(); ++i)
    if (f.id == LintRules()[i].id) {
      w.Key("ruleIndex");
      w.Int(static_cast<int>(i));
    }
  String(w, "level", Level(f.severity));
  Text(w, "message", Sentence(f.message) + (f.fix.empty() ? "" : " Fix: " + Sentence(f.fix)));
  w.Key("locations");
  w.StartArray();
  w.StartObject();
  const std::string& file = f.where.file.empty() ? input_file : f.where.file;
  if (!file.empty()) {
    w.Key("physicalLocation");
    w.StartObject();
    w.Key("artifactLocation");
    w.StartObject();
    String(w, "uri", FileUri(file));
    w.EndObject();
    // Code scanning places a result by its region; one about no line
    // (a generated document, a host, a setting) is shown at the file's top.
    w.Key("region");
    w.StartObject();
    w.Key("startLine");
    w.Int(f.where.line > 0 ? f.where.line : 1);
    w.EndObject();
    w.EndObject();
  }
  w.Key("logicalLocations");
  w.StartArray();
  w.StartObject();
  std::string subject = SubjectOf(f);
  String(w, "name", subject);
  String(w, "fullyQualifiedName", f.where.path.empty() ? subject : subject + "/" + f.where.path);
  String(w, "kind", "resource");
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string WriteSarifReport(const FindingsReport& report, bool) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  String(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  String(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  String(w, "name", "hostgraft");
  String(w, "version", HOSTGRAFT_VERSION);
  String(w, "semanticVersion", HOSTGRAFT_VERSION);
  Rules(w);
  w.EndObject();
  w.EndObject();
  w.Key("results");
  w.StartArray();
  for (const Finding& f : report.findings) Result(w, f, report.input_file);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace hostgraft
