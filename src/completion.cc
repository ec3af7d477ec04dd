#include "completion.h"

#include <algorithm>
#include <vector>

#include "command_table.h"

namespace hostgraft {
namespace {

// A word typed after "hostgraft": a command, or the first word of
// two-word commands ("vault", whose subcommand is "put").
struct CommandWord {
  std::string word;
  std::string summary;
  std::vector<std::string> subcommands;  // "put"; empty for a one-word command
};

std::vector<CommandWord> CommandWordList() {
  std::vector<CommandWord> out;
  for (const std::string& word : CommandWords()) {
    CommandWord w{word, "", {}};
    for (const CommandSpec& c : Commands()) {
      if (!c.typed || !(c.name == word || c.name.starts_with(word + " "))) continue;
      if (w.summary.empty()) w.summary = c.summary;
      if (c.name != word) w.subcommands.push_back(c.name.substr(word.size() + 1));
    }
    out.push_back(w);
  }
  return out;
}

std::vector<const CommandSpec*> TypedCommands() {
  std::vector<const CommandSpec*> out;
  for (const CommandSpec& c : Commands())
    if (c.typed) out.push_back(&c);
  return out;
}

std::string Join(const std::vector<std::string>& words, const std::string& separator = " ") {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// Every name (short and long) of every option `command` takes.
std::vector<std::string> OptionNames(const CommandSpec& command) {
  std::vector<std::string> out;
  for (const OptionSpec* o : OptionsOf(command)) {
    if (!o->short_name.empty()) out.push_back(o->short_name);
    out.push_back(o->name);
  }
  return out;
}

// Text inside '...' for bash, zsh and fish: fish escapes a quote with a
// backslash, the others close, escape and reopen.
std::string Quoted(const std::string& text, bool fish = false) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += fish ? "\\'" : "'\\''";
    else if (c == '\\' && fish)
      out += "\\\\";
    else
      out += c;
  }
  return out + "'";
}

// Each value-taking option's name (long and short), once, with its kind
// and choices: an option means the same in every command that takes it.
std::vector<const OptionSpec*> ValueOptions() {
  std::vector<const OptionSpec*> out;
  for (const CommandSpec* c : TypedCommands())
    for (const OptionSpec* o : OptionsOf(*c)) {
      if (!o->TakesValue()) continue;
      bool seen = false;
      for (const OptionSpec* known : out) seen = seen || known->name == o->name;
      if (!seen) out.push_back(o);
    }
  return out;
}

std::string BashPattern(const OptionSpec& o) { return o.short_name.empty() ? o.name : o.short_name + "|" + o.name; }

std::string BashScript() {
  const std::vector<CommandWord> words = CommandWordList();
  std::string groups, commands, values, positional;
  for (const CommandWord& w : words)
    if (!w.subcommands.empty())
      groups += "      " + w.word + ")\n        if (( n == 3 )); then _hostgraft_words " + Quoted(Join(w.subcommands)) +
                " \"$cur\"; _hostgraft_finish \"$word\" \"\"; return; fi\n        command=\"" + w.word +
                " ${words[2]}\" at=3 ;;\n";
  for (const CommandSpec* c : TypedCommands()) {
    commands += "    " + (c->name.find(' ') == std::string::npos ? c->name : Quoted(c->name)) +
                ") options=" + Quoted(Join(OptionNames(*c))) + " ;;\n";
    if (c->argument_kind == ValueKind::kChoice)
      positional += "      " + c->name + ") (( n - 1 == at )) && _hostgraft_words " +
                    Quoted(Join(c->argument_choices)) + " \"$cur\" ;;\n";
    if (c->argument_kind == ValueKind::kCommand) {
      positional += "      " + c->name + ")\n        if (( n - 1 == at )); then _hostgraft_words " +
                    Quoted(Join(CommandWords())) + " \"$cur\"\n";
      for (const CommandWord& w : words)
        if (!w.subcommands.empty())
          positional += "        elif (( n - 2 == at )) && [[ $prev == " + w.word + " ]]; then _hostgraft_words " +
                        Quoted(Join(w.subcommands)) + " \"$cur\"\n";
      positional += "        fi ;;\n";
    }
  }
  std::vector<std::string> files, directories, text;
  for (const OptionSpec* o : ValueOptions()) {
    switch (o->kind) {
      case ValueKind::kFile:
        files.push_back(BashPattern(*o));
        break;
      case ValueKind::kDirectory:
        directories.push_back(BashPattern(*o));
        break;
      case ValueKind::kChoice:
        values += "      " + BashPattern(*o) + ") _hostgraft_words " + Quoted(Join(o->choices)) + " \"$cur\" ;;\n";
        break;
      case ValueKind::kSecrets:
        values += "      " + BashPattern(*o) + ") _hostgraft_secrets \"$cur\" ;;\n";
        break;
      default:
        text.push_back(BashPattern(*o));
    }
  }
  if (!files.empty()) values += "      " + Join(files, "|") + ") _hostgraft_paths -f \"$cur\" ;;\n";
  if (!directories.empty()) values += "      " + Join(directories, "|") + ") _hostgraft_paths -d \"$cur\" ;;\n";
  if (!text.empty()) values += "      " + Join(text, "|") + ") ;;  # free text\n";

  return R"(# bash completion for hostgraft; made by `hostgraft completion bash`.

# COMPREPLY: the words of $1 that start with $2.
_hostgraft_words() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# COMPREPLY: files (-f) or directories (-d) that start with $2.
_hostgraft_paths() {
  mapfile -t COMPREPLY < <(compgen "$1" -- "$2")
  compopt -o filenames 2>/dev/null
}

# --secrets: vault, none, or files: and a directory.
_hostgraft_secrets() {
  if [[ $1 == files:* ]]; then
    _hostgraft_paths -d "${1#files:}"
    COMPREPLY=("${COMPREPLY[@]/#/files:}")
  else
    _hostgraft_words 'vault none files:' "$1"
    [[ ${COMPREPLY[*]} == files: ]] && compopt -o nospace 2>/dev/null
  fi
}

# Puts back the --option= the value was typed after ($2), then drops what
# bash does not replace: the word up to its last COMP_WORDBREAKS character
# (files: of files:DIR, as ':' is one).
_hostgraft_finish() {
  local word=$1 i
  [[ -n $2 ]] && COMPREPLY=("${COMPREPLY[@]/#/"$2"}")
  for (( i = ${#word} - 1; i >= 0; i-- )); do
    if [[ $COMP_WORDBREAKS == *"${word:i:1}"* ]]; then
      COMPREPLY=("${COMPREPLY[@]#"${word:0:i+1}"}")
      return
    fi
  done
}

_hostgraft() {
  # The words up to the cursor, split at blanks only: bash's COMP_WORDS
  # would also split files:DIR and --option=value.
  local IFS=$' \t\n' line=${COMP_LINE:0:COMP_POINT}
  local -a words
  read -ra words <<< "$line"
  [[ ${#words[@]} -eq 0 || $line == *[[:space:]] ]] && words+=("")
  local n=${#words[@]}
  local word=${words[n-1]} cur=${words[n-1]} prev= head=
  (( n > 1 )) && prev=${words[n-2]}
  if [[ $word == --*=* ]]; then
    prev=${word%%=*} cur=${word#*=} head=${word%%=*}=
  fi
  COMPREPLY=()
  # The command, render when the first word is an option; `at`: the index
  # of the first word after it.
  local command=render at=1 options
  if (( n == 2 )) && [[ $cur != -* ]]; then
    _hostgraft_words )" +
         Quoted(Join(CommandWords())) + R"( "$cur"
    _hostgraft_finish "$word" ""
    return
  elif (( n > 2 )) && [[ ${words[1]} != -* ]]; then
    command=${words[1]} at=2
    case $command in
)" + groups +
         R"(    esac
  fi
  case $command in
)" + commands +
         R"(    *) return ;;
  esac
  local valued=
  if { [[ -n $head ]] || (( n - 2 >= at )); } && [[ " $options " == *" $prev "* ]]; then
    # The value of the option before the cursor.
    valued=1
    case $prev in
)" + values +
         R"(        *) valued= ;;  # a switch: no value follows it
    esac
  fi
  if [[ -z $valued && $cur == -* ]]; then
    _hostgraft_words "$options" "$cur"
  elif [[ -z $valued ]]; then
    case $command in
)" + positional +
         R"(    esac
  fi
  _hostgraft_finish "$word" "$head"
}

complete -F _hostgraft hostgraft
)";
}

// zsh: the text of an _arguments description in [...].
std::string ZshDescription(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string ZshAction(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::kFile:
      return "_files";
    case ValueKind::kDirectory:
      return "_files -/";
    case ValueKind::kChoice:
      return "(" + Join(choices) + ")";
    case ValueKind::kSecrets:
      return "_hostgraft_secrets";
    case ValueKind::kCommand:
      return "_hostgraft_commands";
    default:
      return " ";  // free text: the message only
  }
}

// One _arguments spec: '(-v --verbose)'{-v,--verbose}'[...]', '*'... for
// repeatable options, '(- *)' for help, which goes alone.
std::string ZshOptionSpec(const OptionSpec& o) {
  std::string names = o.short_name.empty() ? o.name : "{" + o.short_name + "," + o.name + "}";
  std::string exclusion = &o == &HelpOption()    ? "(- *)"
                          : o.repeatable         ? "*"
                          : o.short_name.empty() ? ""
                                                 : "(" + o.short_name + " " + o.name + ")";
  std::string spec = "[" + ZshDescription(o.summary) + "]";
  if (o.TakesValue()) spec += ":" + o.name.substr(2) + ":" + ZshAction(o.kind, o.choices);
  return (exclusion.empty() ? "" : Quoted(exclusion)) + names + Quoted(spec);
}

std::string ZshScript() {
  const std::vector<CommandWord> words = CommandWordList();
  std::string described, groups, subcommands, arguments;
  for (const CommandWord& w : words) {
    described += "    " + Quoted(w.word + ":" + w.summary) + "\n";
    if (w.subcommands.empty()) continue;
    std::string items;
    for (const std::string& sub : w.subcommands)
      items += " " + Quoted(sub + ":" + FindCommand(w.word + " " + sub)->summary);
    subcommands += "    " + w.word + ") local -a subcommands=(" + items.substr(1) + ")\n      _describe -t commands " +
                   Quoted(w.word + " command") + " subcommands ;;\n";
    groups += "    " + w.word +
              ")\n      if (( CURRENT == 2 )); then _hostgraft_subcommands; return; fi\n      command=\"" + w.word +
              " $words[2]\"\n      shift words; (( CURRENT-- )) ;;\n";
  }
  for (const CommandSpec* c : TypedCommands()) {
    arguments += "    " + (c->name.find(' ') == std::string::npos ? c->name : Quoted(c->name)) + ")\n      _arguments";
    for (const OptionSpec* o : OptionsOf(*c)) arguments += " \\\n        " + ZshOptionSpec(*o);
    if (c->argument_kind != ValueKind::kNone)
      arguments +=
          " \\\n        " + Quoted("1:" + c->argument + ":" + ZshAction(c->argument_kind, c->argument_choices));
    if (c->argument_kind == ValueKind::kCommand)  // help vault put
      arguments += " \\\n        " + Quoted("2:SUBCOMMAND:_hostgraft_subcommands");
    arguments += " ;;\n";
  }
  return R"(#compdef hostgraft
# zsh completion for hostgraft; made by `hostgraft completion zsh`.

_hostgraft_commands() {
  local -a commands=(
)" + described +
         R"(  )
  _describe -t commands 'hostgraft command' commands
}

# The subcommands of the word before the cursor, such as put of vault.
_hostgraft_subcommands() {
  case $words[CURRENT-1] in
)" + subcommands +
         R"(  esac
}

# --secrets: vault, none, or files: and a directory.
_hostgraft_secrets() {
  if compset -P 'files:'; then
    _files -/
  else
    compadd -- vault none
    compadd -S '' -- files:
  fi
}

_hostgraft() {
  local command=render
  # The command (render when the first word is an option), then the words
  # from its options on, for _arguments.
  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
    _hostgraft_commands
    return
  fi
  if [[ $words[2] != -* ]]; then
    command=$words[2]
    shift words; (( CURRENT-- ))
  fi
  case $command in
)" + groups +
         R"(  esac
  case $command in
)" + arguments +
         R"(  esac
}

if [[ $funcstack[1] == _hostgraft ]]; then
  _hostgraft "$@"  # autoloaded from a directory of $fpath
else
  compdef _hostgraft hostgraft  # sourced
fi
)";
}

// fish: what follows the condition in an option's `complete` line.
std::string FishOption(const OptionSpec& o) {
  std::string line = (o.short_name.empty() ? "" : " -s " + o.short_name.substr(1)) + " -l " + o.name.substr(2);
  switch (o.kind) {
    case ValueKind::kNone:
      break;
    case ValueKind::kFile:
      line += " -r -F";
      break;
    case ValueKind::kDirectory:
      line += " -x -a '(__fish_complete_directories (commandline -ct))'";
      break;
    case ValueKind::kChoice:
      line += " -x -a " + Quoted(Join(o.choices), true);
      break;
    case ValueKind::kSecrets:
      line += " -x -a '(__hostgraft_secrets)'";
      break;
    default:
      line += " -x";  // free text
  }
  return line + " -d " + Quoted(o.summary, true);
}

std::string FishScript() {
  const std::vector<CommandWord> words = CommandWordList();
  std::string two_words, commands;
  for (const CommandWord& w : words) {
    for (const std::string& sub : w.subcommands) two_words += " " + Quoted(w.word + " " + sub, true);
    // The word after hostgraft, and after help.
    for (const std::string& after : {std::string(), std::string(" help")})
      commands += "complete -c hostgraft -n '__hostgraft_after" + after + "' -a " + w.word + " -d " +
                  Quoted(w.summary, true) + "\n";
    for (const std::string& sub : w.subcommands)
      for (const std::string& after : {std::string(), std::string(" help")})
        commands += "complete -c hostgraft -n '__hostgraft_after" + after + " " + w.word + "' -a " + sub + " -d " +
                    Quoted(FindCommand(w.word + " " + sub)->summary, true) + "\n";
  }
  // Each option once, with the commands that take it.
  std::vector<std::pair<std::string, std::vector<std::string>>> options;
  for (const CommandSpec* c : TypedCommands()) {
    if (c->argument_kind == ValueKind::kChoice)
      commands += "complete -c hostgraft -n '__hostgraft_after " + c->name + "' -a " +
                  Quoted(Join(c->argument_choices), true) + "\n";
    for (const OptionSpec* o : OptionsOf(*c)) {
      std::string line = FishOption(*o);
      auto known = std::find_if(options.begin(), options.end(), [&](const auto& e) { return e.first == line; });
      if (known == options.end()) known = options.insert(options.end(), {line, {}});
      known->second.push_back(c->name.find(' ') == std::string::npos ? c->name : "\"" + c->name + "\"");
    }
  }
  std::string option_lines;
  for (const auto& [line, owners] : options)
    option_lines += "complete -c hostgraft -n '__hostgraft_is " + Join(owners) + "'" + line + "\n";
  return R"(# fish completion for hostgraft; made by `hostgraft completion fish`.

# True when the words before the cursor, after hostgraft, are $argv.
function __hostgraft_after
    set -l words (commandline -opc)
    test "$words[2..-1]" = "$argv"
end

# The command on the line: render when the first word is an option.
function __hostgraft_command
    set -l words (commandline -opc)
    if test (count $words) -lt 2; or string match -q -- '-*' $words[2]
        echo render
    else if test (count $words) -ge 3; and contains -- "$words[2] $words[3]")" +
         two_words + R"(
        echo "$words[2] $words[3]"
    else
        echo $words[2]
    end
end

# True when the command on the line is one of $argv.
function __hostgraft_is
    contains -- (__hostgraft_command) $argv
end

# --secrets: vault, none, or files: and a directory.
function __hostgraft_secrets
    set -l token (commandline -ct | string replace -r -- '^--secrets=' '')
    if string match -q -- 'files:*' $token
        __fish_complete_directories (string replace -r -- '^files:' '' $token) | string replace -r -- '^' files:
    else
        printf '%s\n' vault none files:
    end
end

complete -c hostgraft -f
)" + commands +
         option_lines;
}

}  // namespace

std::string CompletionScript(const std::string& shell) {
  if (shell == "bash") return BashScript();
  if (shell == "zsh") return ZshScript();
  if (shell == "fish") return FishScript();
  return "";
}

}  // namespace hostgraft
