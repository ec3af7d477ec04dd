// Errors and warnings are values: each carries where it happened (document,
// resource, YAML path, line) so a phase can collect all of them and stop at
// its end, the way mold does.
#pragma once

#include <string>
#include <vector>

#include "exit_codes.h"

namespace hostgraft {

enum class Severity { kInfo, kWarning, kError };

struct Location {
  int document = -1;      // 1-based index in the input stream; -1: none
  std::string resource;   // "Kind namespace/name" or "Kind name"
  std::string path;       // YAML path, e.g. spec.jwtRules[0].issuer
  int line = 0;           // 1-based line in the input stream; 0: unknown
  std::string file;       // values file, secret path or input file
};

struct Diagnostic {
  Severity severity = Severity::kError;
  int exit_code = kExitUsage;  // meaningful for errors
  Location where;
  std::string message;
  std::string fix;  // how to resolve it; may be empty
};

// Every message, fix and location passes through SafeText (redact.h) on its
// way in, so no output format can carry a credential or a control character.
class Diagnostics {
 public:
  void Error(int exit_code, Location where, std::string message, std::string fix = {});
  void Warning(Location where, std::string message, std::string fix = {});
  void Info(Location where, std::string message);

  bool has_errors() const;
  // Exit code of the run: the first error's code, kExitOk without errors.
  int exit_code() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  void Append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

// The location with its names passed through SafeText, for findings made
// without a Diagnostics.
Location SafeLocation(Location where);

// "document 3 (Gateway reg-a/main), spec.servers[0].hosts, line 42: msg"
std::string FormatDiagnostic(const Diagnostic& d);

}  // namespace hostgraft
