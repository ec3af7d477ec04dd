#include "help_text.h"

#include <algorithm>
#include <vector>

namespace hostgraft {
namespace {

constexpr size_t kSummaryColumn = 27;

// "  -f, --values FILE        Helm values file ...": the summary in its
// column, or on the next line when the names are too long for it.
std::string OptionLine(const OptionSpec& o) {
  std::string left = "  " + (o.short_name.empty() ? "" : o.short_name + ", ") + o.name;
  if (!o.value.empty()) left += " " + o.value;
  if (left.size() + 2 > kSummaryColumn)
    left += "\n" + std::string(kSummaryColumn, ' ');
  else
    left.resize(kSummaryColumn, ' ');
  return left + o.summary + "\n";
}

// The name of a command as the user types it; the kustomize exec mode's is
// its config file.
std::string TypedName(const CommandSpec& c) { return c.typed ? c.name : c.usage.substr(0, c.usage.find(' ')); }

}  // namespace

std::string GlobalUsage() {
  std::string out = "usage: hostgraft [COMMAND] [options]   (no COMMAND: render)\n\ncommands:\n";
  size_t width = 0;
  for (const CommandSpec& c : Commands()) width = std::max(width, TypedName(c).size());
  std::vector<std::string> alone;  // the commands that take no shared option
  for (const CommandSpec& c : Commands()) {
    std::string name = TypedName(c);
    out += "  " + name + std::string(width + 2 - name.size(), ' ') + c.summary + "\n";
    if (!c.shared_options) alone.push_back(c.name);
  }
  out += "\noptions of every command but " + JoinWords(alone, "and") + ":\n";
  for (const OptionSpec& o : SharedOptions()) out += OptionLine(o);
  out += OptionLine(HelpOption());
  out +=
      "\n`hostgraft help COMMAND` or `hostgraft COMMAND --help` prints a command's options.\n"
      "exit codes: 0 success, 1 certificate or lint findings, 2 usage or configuration error,\n"
      "3 secret store error, 4 input that is not valid YAML, 5 the output could not be written;\n"
      "diff: 0 no change, 1 changes, 6 a certificate render would refuse\n";
  return out;
}

std::string CommandHelp(const CommandSpec& command) {
  std::string usage = command.usage;
  // Continuation lines of the synopsis line up under its first.
  for (size_t at = usage.find('\n'); at != std::string::npos; at = usage.find('\n', at + 1))
    usage.insert(at + 1, std::string(17, ' '));
  std::string out = "usage: hostgraft " + usage + "\n\n" + command.summary + "\n\noptions:\n";
  for (const OptionSpec* o : OptionsOf(command)) out += OptionLine(*o);
  return out + "\nexample:\n  " + command.example + "\n";
}

}  // namespace hostgraft
