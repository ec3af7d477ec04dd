#include "cli.h"

#include <yaml.h>
#include <openssl/opensslv.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <string>

#include "diagnostics.h"

namespace hostgraft {
namespace {

const char kUsage[] =
    "usage: hostgraft [render] [options] < rendered.yaml > out.yaml\n"
    "       hostgraft lint [options] < rendered.yaml\n"
    "       hostgraft check-cert --host H (--bundle F | --cert F [--key F] [--ca F])\n"
    "       hostgraft vault put --host H --cert F --key F --ca F [--path P]\n"
    "       hostgraft migrate -f old-values.yaml [--from-route route.yaml]\n"
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
  std::string command = argc > 1 ? argv[1] : "render";
  if (command == "version" || command == "--version") return Version();
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  std::fprintf(stderr, "hostgraft: unknown command %s\n%s", command.c_str(), kUsage);
  return kExitUsage;
}

}  // namespace hostgraft
