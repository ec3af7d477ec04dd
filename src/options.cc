#include "options.h"

#include <cctype>
#include <filesystem>

#include "command_table.h"
#include "edit_distance.h"
#include "rfc3339.h"
#include "secret_stores.h"

namespace hostgraft {
namespace {

// Where a command's own help is.
std::string HelpFor(const CommandSpec& command) {
  return command.typed ? "see hostgraft help " + command.name : "see hostgraft help";
}

// "did you mean X? " when a word is close to `typed`.
std::string Suggestion(const std::string& typed, const std::vector<std::string>& known) {
  std::string closest = Closest(typed, known);
  return closest.empty() ? "" : "did you mean " + closest + "? ";
}

// Reports an option `command` does not take; true when the option is one
// that takes a value (the one it is likely meant as, or the same name in
// another command), so the next word is its value and no stray argument.
bool UnknownOption(const CommandSpec& command, const std::string& arg, Diagnostics* diags) {
  std::vector<std::string> names;
  for (const OptionSpec* o : OptionsOf(command)) {
    names.push_back(o->name);
    if (!o->short_name.empty()) names.push_back(o->short_name);
  }
  const std::string closest = Closest(arg, names);
  std::string fix;
  bool takes_value = !closest.empty() && FindOption(command, closest)->TakesValue();
  if (closest.empty()) {
    // An option of another command, given to this one.
    std::vector<std::string> owners;
    for (const CommandSpec& other : Commands()) {
      const OptionSpec* theirs = other.typed && &other != &command ? FindOption(other, arg) : nullptr;
      if (!theirs) continue;
      owners.push_back(other.name);
      takes_value = theirs->TakesValue();
    }
    // Named when it is one or two commands' own (a shared option, most of them).
    if (!owners.empty() && owners.size() <= 2) fix = arg + " is an option of " + JoinWords(owners) + "; ";
    fix += HelpFor(command);
  } else {
    fix = "did you mean " + closest + "?";
  }
  diags->Error(kExitUsage, {}, "unknown option " + arg + " for " + command.name, fix);
  return takes_value;
}

// A bare word where the command takes none.
void UnexpectedArgument(const CommandSpec& command, const std::string& arg, Diagnostics* diags) {
  // `hostgraft render values.yaml`: a forgotten -f would otherwise pass the
  // stream through unchanged (DESIGN.md 2.1).
  std::error_code ec;
  bool looks_like_values = command.shared_options && (std::filesystem::is_regular_file(arg, ec) ||
                                                      arg.ends_with(".yaml") || arg.ends_with(".yml"));
  diags->Error(kExitUsage, {}, "unexpected argument \"" + arg + "\" for " + command.name,
               looks_like_values ? "values files are given with -f: hostgraft " + command.name + " -f " + arg
                                 : HelpFor(command));
}

// A word that must be one of `choices`; `what` names it ("--format", "shell").
bool CheckChoice(const std::string& what, const std::string& value, const std::vector<std::string>& choices,
                 Diagnostics* diags) {
  for (const std::string& c : choices)
    if (value == c) return true;
  diags->Error(kExitUsage, {}, "unknown " + what + " " + value,
               Suggestion(value, choices) + "use " + JoinWords(choices));
  return false;
}

// Stores the value of a value-taking option; false (with the error) when it is bad.
bool Store(const OptionSpec& option, const std::string& value, Options* o, Diagnostics* diags) {
  if (option.kind == ValueKind::kChoice && !CheckChoice(option.name, value, option.choices, diags)) return false;
  if (option.name == "--values") {
    o->values_files.push_back(value);
  } else if (option.name == "--set") {
    o->sets.push_back(value);
  } else if (option.name == "--secrets") {
    // Checked now, not when a store is first needed: a typo must fail
    // even a run that happens to need no secret (DESIGN.md section 2).
    o->secrets = value;
    return CheckSecretsSpec(value, diags);
  } else if (option.name == "--at") {
    if (!ParseRfc3339(value, &o->at)) {
      diags->Error(kExitUsage, {}, "--at " + value + " is not an RFC 3339 time", "write it like 2026-06-01T00:00:00Z");
      return false;
    }
  } else if (option.name == "--format") {
    o->format = value;
  } else {
    o->flags[option.name].push_back(value);
  }
  return true;
}

}  // namespace

std::string Options::Flag(const std::string& name) const {
  auto it = flags.find(name);
  return it == flags.end() || it->second.empty() ? std::string() : it->second.back();
}

bool ParseOptions(const std::vector<std::string>& args, Options* o, Diagnostics* diags) {
  const CommandSpec& command = *FindCommand(o->command);
  o->at = std::time(nullptr);
  Diagnostics found;  // reported only when no -h/--help asks for the help instead
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_inline = false;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline = true;
    }
    const bool dashed = arg.size() > 1 && arg[0] == '-';
    const OptionSpec* option = dashed ? FindOption(command, arg) : nullptr;
    if (dashed && !option) {
      bool valued = UnknownOption(command, arg, &found);
      if (valued && !has_inline && i + 1 < args.size() && !args[i + 1].starts_with("-")) ++i;  // its value
    } else if (!option && !command.argument.empty()) {
      o->arguments.push_back(arg);
    } else if (!option) {
      UnexpectedArgument(command, arg, &found);
    } else if (!option->TakesValue()) {
      if (has_inline) found.Error(kExitUsage, {}, arg + " takes no value", "write " + arg);
      else if (option == &HelpOption()) o->help = true;
      else if (option->name == "--verbose") o->verbose = true;
      else o->flags[option->name].push_back("true");
    } else if (has_inline || i + 1 < args.size()) {
      Store(*option, has_inline ? value : args[++i], o, &found);
    } else {
      found.Error(kExitUsage, {}, arg + " needs a value",
                  "write " + arg + " VALUE" + (arg.starts_with("--") ? " (or " + arg + "=VALUE)" : ""));
    }
  }
  if (o->help) return true;
  if (command.argument_kind == ValueKind::kChoice) {
    std::string what = command.argument;
    for (char& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (o->arguments.empty() && command.argument_required)
      found.Error(kExitUsage, {}, command.name + " needs a " + what + ": " + JoinWords(command.argument_choices),
                  "hostgraft " + command.usage);
    if (!o->arguments.empty()) CheckChoice(what, o->arguments[0], command.argument_choices, &found);
    for (size_t i = 1; i < o->arguments.size(); ++i) UnexpectedArgument(command, o->arguments[i], &found);
  }
  diags->Append(found);
  return !found.has_errors();
}

}  // namespace hostgraft
