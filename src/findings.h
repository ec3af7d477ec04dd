// Findings of lint and check-cert, and the table of their rules (the ids of
// docs/lint.md). Report writers read both.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"

namespace hostgraft {

struct Finding {
  std::string id;  // "HG001"
  Severity severity = Severity::kError;
  // document, resource, YAML path, line; `file` names a file the finding is
  // in when that is not the linted stream (a values or certificate file).
  Location where;
  std::string message, fix;
  std::string check;  // the rule's short name, e.g. "request-authentication"
};

// A check applied to one subject (a resource, a host): JUnit reports list
// those without findings as passed testcases.
struct Checked {
  std::string check, subject;
  bool operator==(const Checked&) const = default;
};

// One row of the table in docs/lint.md. Ids are stable: a rule that goes
// away leaves its id unused.
struct LintRule {
  const char* id;
  const char* check;  // the step id for the rules of section 5, else the check's name
  Severity severity;
  const char* title;  // what is wrong, one line
  const char* help;   // why it matters and how to fix it
};

// Every rule, in id order.
const std::vector<LintRule>& LintRules();
// The rule with this check name; null when there is none.
const LintRule* FindRule(const std::string& check);

// A finding of the rule named `check`, with the rule's id and severity; the
// fix defaults to the rule's help. An unknown check is a bug: it gets id
// HG000 so that it shows, never silence.
Finding MakeFinding(const std::string& check, Location where, std::string message, std::string fix = {});

// A diagnostic as a finding. Errors by exit code: 4 input, 3 secret-store,
// 1 certificate, others configuration; warnings of a certificate check are
// certificate-expiry, other warnings configuration-warning.
Finding FindingOf(const Diagnostic& d, bool certificate_check);

// "error", "warning", "note".
const char* SeverityName(Severity severity);
// What a finding is about, for grouping: the resource, else the file, else "(general)".
std::string SubjectOf(const Finding& finding);

}  // namespace hostgraft
