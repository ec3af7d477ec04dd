#include "cli.h"

#include <yaml.h>
#include <openssl/opensslv.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "log.h"
#include "migrate_command.h"
#include "options.h"
#include "put_command.h"
#include "render_command.h"

namespace hostgraft {
namespace {

const char kUsage[] =
    "usage: hostgraft [render] [options] < rendered.yaml > out.yaml\n"
    "       hostgraft lint [options] < rendered.yaml\n"
    "       hostgraft check-cert --host H (--bundle F | --cert F [--key F] [--ca F])\n"
    "       hostgraft vault put --host H --cert F --key F --ca F [--path P | --portal officer|citizen]\n"
    "                           [--registry R]\n"
    "       hostgraft migrate -f old-values.yaml [--from-route route.yaml --out-dir DIR]\n"
    "       hostgraft krm\n"
    "       hostgraft version | help\n"
    "\n"
    "options:\n"
    "  -f, --values FILE        Helm values file (repeatable, merged like Helm)\n"
    "  --set key.path=value     override one value (repeatable)\n"
    "  --secrets vault|files:DIR|none\n"
    "                           where TLS material comes from (default: vault when\n"
    "                           VAULT_ADDR is set, else none)\n"
    "  --at RFC3339             time certificates are judged at (default: now)\n"
    "  -v, --verbose            decisions and timings on stderr, never secrets\n"
    "  --format text|json|sarif|junit|github\n"
    "                           report format of lint and check-cert\n";

int Version() {
  std::printf("hostgraft %s\nlibyaml %s\nyaml-cpp 0.7\n%s\n", HOSTGRAFT_VERSION, yaml_get_version_string(),
              OPENSSL_VERSION_TEXT);
  return kExitOk;
}

}  // namespace

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = "render";
  // The default command: `hostgraft -f values.yaml` is `hostgraft render -f values.yaml`.
  if (!args.empty() && args[0][0] != '-') {
    command = args[0];
    args.erase(args.begin());
  }
  if (command == "version" || (command == "render" && !args.empty() && args[0] == "--version")) return Version();
  if (command == "help" || (command == "render" && !args.empty() && (args[0] == "--help" || args[0] == "-h"))) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  Options options;
  options.command = command;
  Diagnostics diags;
  if (command == "render") {
    if (!ParseOptions(args, {}, {}, &options, &diags)) {
      Report(diags, command);
      return kExitUsage;
    }
    SetVerbose(options.verbose);
    return RenderCommand(options);
  }
  if (command == "vault") return VaultCommand(args);
  if (command == "migrate") return MigrateCommand(args);
  std::fprintf(stderr, "hostgraft: unknown command %s\n%s", command.c_str(), kUsage);
  return kExitUsage;
}

}  // namespace hostgraft
