#include "diagnostics.h"

#include "redact.h"

namespace hostgraft {
namespace {

Diagnostic Safe(Severity severity, int exit_code, Location where, const std::string& message, const std::string& fix) {
  return {severity, exit_code, SafeLocation(std::move(where)), SafeText(message), SafeText(fix)};
}

}  // namespace

Location SafeLocation(Location where) {
  where.resource = SafeText(where.resource);
  where.path = SafeText(where.path);
  where.file = SafeText(where.file);
  return where;
}

void Diagnostics::Error(int exit_code, Location where, std::string message, std::string fix) {
  items_.push_back(Safe(Severity::kError, exit_code, std::move(where), message, fix));
}

void Diagnostics::Warning(Location where, std::string message, std::string fix) {
  items_.push_back(Safe(Severity::kWarning, kExitOk, std::move(where), message, fix));
}

void Diagnostics::Info(Location where, std::string message) {
  items_.push_back(Safe(Severity::kInfo, kExitOk, std::move(where), message, {}));
}

bool Diagnostics::has_errors() const {
  for (const Diagnostic& d : items_)
    if (d.severity == Severity::kError) return true;
  return false;
}

int Diagnostics::exit_code() const {
  for (const Diagnostic& d : items_)
    if (d.severity == Severity::kError) return d.exit_code;
  return kExitOk;
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  switch (d.severity) {
    case Severity::kError: out = "error: "; break;
    case Severity::kWarning: out = "warning: "; break;
    case Severity::kInfo: out = "info: "; break;
  }
  std::string where;
  auto add = [&where](const std::string& part) {
    if (part.empty()) return;
    if (!where.empty()) where += ", ";
    where += part;
  };
  if (!d.where.file.empty()) add(d.where.file);
  if (d.where.document > 0) {
    std::string doc = "document " + std::to_string(d.where.document);
    if (!d.where.resource.empty()) doc += " (" + d.where.resource + ")";
    add(doc);
  } else {
    add(d.where.resource);
  }
  add(d.where.path);
  if (d.where.line > 0) add("line " + std::to_string(d.where.line));
  if (!where.empty()) out += where + ": ";
  out += d.message;
  if (!d.fix.empty()) out += "\n  fix: " + d.fix;
  return out;
}

}  // namespace hostgraft
