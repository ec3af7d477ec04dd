#include "cli.h"

#include <yaml.h>
#include <openssl/opensslv.h>
#include <yaml-cpp/yaml.h>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "check_cert_command.h"
#include "checked_write.h"
#include "command_table.h"
#include "completion.h"
#include "diagnostics.h"
#include "diff_command.h"
#include "edit_distance.h"
#include "help_text.h"
#include "lint.h"
#include "log.h"
#include "krm.h"
#include "migrate_command.h"
#include "options.h"
#include "plugin_config.h"
#include "put_command.h"
#include "render_command.h"
#include "secret_stores.h"

namespace hostgraft {
namespace {

// Help and version go to stdout like every output: checked, exit 5 when lost.
int PrintText(const std::string& text, const std::string& what, const std::string& command) {
  Diagnostics diags;
  if (WriteStdout(text, what, &diags)) return kExitOk;
  Report(diags, command);
  return kExitWriteFailed;
}

int Version() {
  std::string vault = VaultModulePath();
  return PrintText(std::string("hostgraft ") + HOSTGRAFT_VERSION + "\nlibyaml " + yaml_get_version_string() +
                       "\nyaml-cpp 0.7\n" + OPENSSL_VERSION_TEXT + "\nvault client " +
                       (vault.empty() ? "not found" : vault) + "\n",
                   "the version", "version");
}

// The command the first of `words` names (two of them for "vault put"),
// with *used set to how many it took; nullptr with the error when none.
// `group_alone`: a bare "vault" names its only command (help vault).
const CommandSpec* ResolveCommand(const std::vector<std::string>& words, bool group_alone, size_t* used,
                                  Diagnostics* diags) {
  const std::string& first = words[0];
  std::vector<const CommandSpec*> group;  // the commands whose first word it is
  for (const CommandSpec& c : Commands()) {
    if (!c.typed) continue;
    if (c.name == first) {
      *used = 1;
      return &c;
    }
    if (c.name.starts_with(first + " ")) group.push_back(&c);
  }
  if (group.empty()) {
    std::string closest = Closest(first, CommandWords());
    const bool yaml_file = first.ends_with(".yaml") || first.ends_with(".yml");
    diags->Error(kExitUsage, {}, "unknown command " + first,
                 yaml_file ? "values files are given with -f: hostgraft render -f " + first +
                                 "; a kustomize exec plugin config is a readable file of kind HostGraft"
                 : !closest.empty() ? "did you mean " + closest + "?"
                                    : "the commands are " + JoinWords(CommandWords()) + "; see hostgraft help");
    return nullptr;
  }
  std::vector<std::string> subcommands;
  for (const CommandSpec* c : group) {
    std::string sub = c->name.substr(first.size() + 1);
    if (words.size() > 1 && words[1] == sub) {
      *used = 2;
      return c;
    }
    subcommands.push_back(sub);
  }
  // `hostgraft vault --help` and `hostgraft help vault`: its only command.
  const std::string next = words.size() > 1 ? words[1] : "";
  if (group.size() == 1 && ((group_alone && next.empty()) || next == "-h" || next == "--help")) {
    *used = 1;
    return group[0];
  }
  std::string closest = next.empty() ? "" : Closest(next, subcommands);
  diags->Error(kExitUsage, {}, "hostgraft " + first + " takes the subcommand " + JoinWords(subcommands),
               closest.empty() ? "hostgraft " + group[0]->usage.substr(0, group[0]->usage.find('\n'))
                               : "did you mean " + first + " " + closest + "?");
  return nullptr;
}

// `hostgraft help [COMMAND]`.
int Help(const std::vector<std::string>& words) {
  if (words.empty()) return PrintText(GlobalUsage(), "the usage", "help");
  Diagnostics diags;
  size_t used = 0;
  const CommandSpec* command = ResolveCommand(words, true, &used, &diags);
  if (command && used < words.size()) {
    diags.Error(kExitUsage, {}, "unexpected argument \"" + words[used] + "\" for help",
                "hostgraft help takes one command: hostgraft help " + command->name);
  }
  if (diags.has_errors()) {
    Report(diags, "help");
    return kExitUsage;
  }
  return PrintText(CommandHelp(*command), "the usage", "help");
}

// Runs a command whose options are parsed.
int Run(const Options& options) {
  const std::string& c = options.command;
  if (c == "render") return options.Has("--version") ? Version() : RenderCommand(options);
  if (c == "lint") return LintCommand(options);
  if (c == "check-cert") return CheckCertCommand(options);
  if (c == "vault put") return VaultCommand(options);
  if (c == "migrate") return MigrateCommand(options);
  if (c == "krm") return KrmCommand(options);
  if (c == "diff") return DiffCommand(options);
  if (c == "version") return Version();
  if (c == "help") return Help(options.arguments);
  // completion: ParseOptions took one of its shells.
  return PrintText(CompletionScript(options.arguments[0]), "the completion script", c);
}

}  // namespace

int Main(int argc, char** argv) {
  // A closed pipe or a file-size limit on stdout is a failed write, reported
  // with exit 5 like a full disk, not a silent death by signal.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  // A closed stdin, stdout or stderr keeps its number taken by /dev/null
  // opened the wrong way round: no file opened later (the error log, a
  // socket) can become "stdout", and reading or writing there fails (EBADF).
  for (int fd = 0; fd <= 2; ++fd)
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
  std::vector<std::string> args(argv + 1, argv + argc);
  // `hostgraft --help` is the usage; `hostgraft -f values.yaml --help` render's help.
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) return Help({});
  Diagnostics diags;
  const CommandSpec* command = FindCommand("render");
  // The default command: `hostgraft -f values.yaml` is `hostgraft render -f values.yaml`.
  if (!args.empty() && !args[0].starts_with("-")) {
    // kustomize runs an exec transformer as `plugin CONFIG-FILE`.
    const std::vector<std::string> words = CommandWords();
    if (std::find(words.begin(), words.end(), args[0]) == words.end() && IsPluginConfigFile(args[0]))
      return ExecPluginCommand(args[0], {args.begin() + 1, args.end()});
    size_t used = 0;
    command = ResolveCommand(args, false, &used, &diags);
    if (!command) {
      Report(diags, args[0]);
      return kExitUsage;
    }
    args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(used));
  }
  Options options;
  options.command = command->name;
  if (!ParseOptions(args, &options, &diags)) {
    Report(diags, options.command);
    return kExitUsage;
  }
  // Help is no error: stdout, exit 0, nothing in the error log.
  if (options.help) return PrintText(CommandHelp(*command), "the usage", "help");
  SetVerbose(options.verbose);
  return Run(options);
}

}  // namespace hostgraft
