// The help hostgraft prints, made from the command table: the usage that
// lists every command, and each command's own help.
#pragma once

#include <string>

#include "command_table.h"

namespace hostgraft {

// `hostgraft help`: every command with its one-line summary, then the
// shared options.
std::string GlobalUsage();

// `hostgraft COMMAND --help`: its synopsis, summary, every option it takes
// with its value and one line, and an example.
std::string CommandHelp(const CommandSpec& command);

}  // namespace hostgraft
