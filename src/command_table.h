// hostgraft's commands and their options, in one table. The option parser
// (options.cc), the help (help_text.cc) and the shell completions
// (completion.cc) all read it, so none of them knows an option or a value
// the others do not.
#pragma once

#include <string>
#include <vector>

namespace hostgraft {

// What an option's value (or a command's argument) is, for checking and
// for completion.
enum class ValueKind {
  kNone,       // a switch: no value
  kText,       // free text: a host, a Vault path, key=value, a time
  kFile,       // a file
  kDirectory,  // a directory
  kChoice,     // one of the words in `choices`
  kSecrets,    // vault, none or files:DIRECTORY
  kCommand,    // a command name (help's argument)
};

struct OptionSpec {
  std::string name;        // "--values"
  std::string short_name;  // "-f", or ""
  ValueKind kind = ValueKind::kNone;
  std::string value;                 // the value's placeholder in help ("FILE"); kChoice: "a|b|c"
  std::vector<std::string> choices;  // kChoice: the accepted words
  std::string summary;               // one line of help
  bool repeatable = false;           // each use adds a value (-f, --set); else the last one counts

  bool TakesValue() const { return kind != ValueKind::kNone; }
};

struct CommandSpec {
  std::string name;                 // "render", "vault put" (the words that run it)
  std::string summary;              // one line, for `hostgraft help`
  std::string usage;                // the synopsis after "hostgraft "
  std::vector<OptionSpec> options;  // its own, before the shared ones
  bool shared_options = true;       // also takes SharedOptions()
  // A positional argument: its placeholder in help ("SHELL"), "" for none.
  std::string argument;
  ValueKind argument_kind = ValueKind::kNone;  // kChoice or kCommand
  std::vector<std::string> argument_choices;   // kChoice
  bool argument_required = false;
  std::string example;  // one command line
  bool typed = true;    // false: not run by its name (the kustomize exec mode)
};

// The options every command that reads values takes (-f, --set, --secrets,
// --at, -v, --format), then -h/--help, which every command takes.
const std::vector<OptionSpec>& SharedOptions();
const OptionSpec& HelpOption();

// Every command, in the order help lists them.
const std::vector<CommandSpec>& Commands();

// The command named `name` ("vault put"), or nullptr.
const CommandSpec* FindCommand(const std::string& name);

// Every option `command` takes: its own, the shared ones when it takes
// them, and -h/--help.
std::vector<const OptionSpec*> OptionsOf(const CommandSpec& command);

// The option `command` takes under `name` (long or short form), or nullptr.
const OptionSpec* FindOption(const CommandSpec& command, const std::string& name);

// The words a user types for a command: "render", ..., "vault" (whose
// subcommand is "put"); the kustomize exec mode is none.
std::vector<std::string> CommandWords();

// "a, b or c" (conjunction "or")
std::string JoinWords(const std::vector<std::string>& words, const std::string& conjunction = "or");

}  // namespace hostgraft
