// Command-line options shared by every command (DESIGN.md section 2), plus
// the flags a command declares for itself.
#pragma once

#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace hostgraft {

struct Options {
  std::string command = "render";
  std::vector<std::string> values_files;  // -f/--values
  std::vector<std::string> sets;          // --set
  std::string secrets;                    // --secrets; empty: vault when VAULT_ADDR is set, else not chosen
  std::time_t at = 0;                     // --at, default now
  bool verbose = false;
  std::string format = "text";
  std::map<std::string, std::vector<std::string>> flags;  // command flags, "--host" -> values

  std::string Flag(const std::string& name) const;  // last value, "" when absent
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

// Parses argv after the command word. `command_flags` are the flags this
// command takes with a value; `switches` the ones without. Anything else
// (an unknown option, a bare word such as a values file without -f, a bad
// --secrets, --at or --format) is an error, exit 2.
bool ParseOptions(const std::vector<std::string>& args, const std::set<std::string>& command_flags,
                  const std::set<std::string>& switches, Options* options, Diagnostics* diags);

}  // namespace hostgraft
