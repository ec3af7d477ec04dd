#include "diagnostics.h"

namespace hostgraft {

void Diagnostics::Error(int exit_code, Location where, std::string message, std::string fix) {
  items_.push_back({Severity::kError, exit_code, std::move(where), std::move(message), std::move(fix)});
}

void Diagnostics::Warning(Location where, std::string message, std::string fix) {
  items_.push_back({Severity::kWarning, kExitOk, std::move(where), std::move(message), std::move(fix)});
}

void Diagnostics::Info(Location where, std::string message) {
  items_.push_back({Severity::kInfo, kExitOk, std::move(where), std::move(message), {}});
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
