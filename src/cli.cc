#include "cli.h"

#include <yaml.h>
#include <openssl/opensslv.h>
#include <yaml-cpp/yaml.h>

#include <fcntl.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "check_cert_command.h"
#include "checked_write.h"
#include "diagnostics.h"
#include "diff_command.h"
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

const char kUsage[] =
    "usage: hostgraft [render] [options] < rendered.yaml > out.yaml\n"
    "       hostgraft lint [options] [--fail-on error|warning|never] [--input FILE] < rendered.yaml\n"
    "       hostgraft check-cert --host H (--bundle F | --cert F [--key F] [--ca F]) [--at T]\n"
    "       hostgraft vault put --host H --cert F --key F --ca F\n"
    "                           (-f VALUES... [--portal officer|citizen] [--registry R] | --path P)\n"
    "       hostgraft migrate -f old-values.yaml [--from-route route.yaml --out-dir DIR]\n"
    "       hostgraft krm < resource-list.yaml\n"
    "       hostgraft CONFIG.yaml < resources.yaml  (kustomize exec transformer, kind HostGraft)\n"
    "       hostgraft version | help\n"
    "\n"
    "options:\n"
    "  -f, --values FILE        Helm values file (repeatable, merged like Helm)\n"
    "  --set key.path=value     override one value (repeatable)\n"
    "  --secrets vault|files:DIR|none\n"
    "                           where TLS material comes from (default: vault when\n"
    "                           VAULT_ADDR is set; else a run that needs TLS\n"
    "                           material fails until one is chosen)\n"
    "  --at RFC3339             time certificates are judged at (default: now)\n"
    "  -v, --verbose            decisions and timings on stderr, never secrets\n"
    "  --format text|json|sarif|junit|github\n"
    "                           report format of lint and check-cert\n"
    "  --fail-on error|warning|never\n"
    "                           lint exits 1 on findings at or above this (default: error)\n"
    "  --input FILE             lint reads FILE instead of stdin; reports point at it\n";

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
  std::string command = "render";
  // The default command: `hostgraft -f values.yaml` is `hostgraft render -f values.yaml`.
  if (!args.empty() && args[0][0] != '-') {
    command = args[0];
    args.erase(args.begin());
  }
  if (command == "version" || (command == "render" && !args.empty() && args[0] == "--version")) return Version();
  if (command == "help" || (command == "render" && !args.empty() && (args[0] == "--help" || args[0] == "-h"))) {
    return PrintText(kUsage, "the usage", "help");
  }
  Options options;
  options.command = command;
  Diagnostics diags;
  if (command == "render" || command == "krm" || command == "diff") {
    if (!ParseOptions(args, {}, {}, &options, &diags)) {
      Report(diags, command);
      return kExitUsage;
    }
    SetVerbose(options.verbose);
    if (command == "diff") return DiffCommand(options);
    return command == "render" ? RenderCommand(options) : KrmCommand(options);
  }
  if (command == "lint" || command == "check-cert") {
    bool lint = command == "lint";
    if (!ParseOptions(args, lint ? std::set<std::string>{"--fail-on", "--input"}
                                 : std::set<std::string>{"--host", "--bundle", "--cert", "--key", "--ca"},
                      {}, &options, &diags)) {
      Report(diags, command);
      return kExitUsage;
    }
    SetVerbose(options.verbose);
    return lint ? LintCommand(options) : CheckCertCommand(options);
  }
  if (command == "vault") return VaultCommand(args);
  if (command == "migrate") return MigrateCommand(args);
  // kustomize runs an exec transformer as `plugin CONFIG-FILE`.
  if (IsPluginConfigFile(command)) return ExecPluginCommand(command, args);
  const bool yaml_file = command.ends_with(".yaml") || command.ends_with(".yml");
  diags.Error(kExitUsage, {}, "unknown command " + command,
              yaml_file ? "values files are given with -f: hostgraft render -f " + command +
                              "; a kustomize exec plugin config is a readable file of kind HostGraft"
                        : "the commands are render, lint, check-cert, vault put, migrate, krm, version and help");
  Report(diags, command);
  return kExitUsage;
}

}  // namespace hostgraft
