// Shell completion for bash, zsh and fish, made from the command table
// (command_table.h): the commands, each command's options, the values of
// options that take words from a list, files and directories.
#pragma once

#include <string>

namespace hostgraft {

// The completion script for `shell`, one of the completion command's
// argument choices (bash, zsh, fish); "" for any other.
std::string CompletionScript(const std::string& shell);

}  // namespace hostgraft
