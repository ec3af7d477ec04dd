// Command-line options shared by every command (DESIGN.md section 2), plus
// the flags a command declares for itself, as command_table.h lists them.
#pragma once

#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace hostgraft {

struct Options {
  std::string command = "render";         // a command of the table, e.g. "vault put"
  std::vector<std::string> values_files;  // -f/--values
  std::vector<std::string> sets;          // --set
  std::string secrets;                    // --secrets; empty: vault when VAULT_ADDR is set, else not chosen
  std::time_t at = 0;                     // --at, default now
  bool verbose = false;
  bool help = false;  // -h/--help: print the command's help, run nothing
  std::string format = "text";
  std::map<std::string, std::vector<std::string>> flags;  // command flags, "--host" -> values
  std::vector<std::string> arguments;  // the command's positional words (help COMMAND, completion SHELL)

  std::string Flag(const std::string& name) const;  // last value, "" when absent
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

// Parses argv after the command word(s) by the table's entry for
// options->command: its options, the shared ones and -h/--help. Anything
// else (an unknown option, a bare word such as a values file without -f, a
// value not among an option's choices, a bad --secrets or --at) is an
// error, exit 2, with the closest option or value as the fix. -h/--help
// wins over every error: options->help is set and the result is true.
bool ParseOptions(const std::vector<std::string>& args, Options* options, Diagnostics* diags);

}  // namespace hostgraft
