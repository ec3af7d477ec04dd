#include "options.h"

#include <filesystem>

#include "rfc3339.h"
#include "secret_stores.h"

namespace hostgraft {

std::string Options::Flag(const std::string& name) const {
  auto it = flags.find(name);
  return it == flags.end() || it->second.empty() ? std::string() : it->second.back();
}

bool ParseOptions(const std::vector<std::string>& args, const std::set<std::string>& command_flags,
                  const std::set<std::string>& switches, Options* o, Diagnostics* diags) {
  o->at = std::time(nullptr);
  bool ok = true;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_inline = false;
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline = true;
    }
    auto take = [&](std::string* out) {
      if (has_inline) {
        *out = value;
        return true;
      }
      if (i + 1 >= args.size()) {
        diags->Error(kExitUsage, {}, arg + " needs a value",
                     "write " + arg + " VALUE" + (arg.rfind("--", 0) == 0 ? " (or " + arg + "=VALUE)" : ""));
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    if (arg == "-f" || arg == "--values") {
      if ((ok = take(&v) && ok)) o->values_files.push_back(v);
    } else if (arg == "--set") {
      if ((ok = take(&v) && ok)) o->sets.push_back(v);
    } else if (arg == "--secrets") {
      // Checked now, not when a store is first needed: a typo must fail
      // even a run that happens to need no secret (DESIGN.md section 2).
      ok = take(&o->secrets) && CheckSecretsSpec(o->secrets, diags) && ok;
    } else if (arg == "--at") {
      if (take(&v) && !ParseRfc3339(v, &o->at)) {
        diags->Error(kExitUsage, {}, "--at " + v + " is not an RFC 3339 time", "write it like 2026-06-01T00:00:00Z");
        ok = false;
      }
    } else if (arg == "-v" || arg == "--verbose") {
      o->verbose = true;
    } else if (arg == "--format") {
      ok = take(&o->format) && ok;
    } else if (command_flags.count(arg)) {
      if ((ok = take(&v) && ok)) o->flags[arg].push_back(v);
    } else if (switches.count(arg)) {
      o->flags[arg].push_back("true");
    } else if (arg.size() > 1 && arg[0] == '-') {
      diags->Error(kExitUsage, {}, "unknown option " + arg + " for " + o->command, "see hostgraft help");
      ok = false;
    } else {
      // `hostgraft render values.yaml`: a forgotten -f would otherwise pass
      // the stream through unchanged (DESIGN.md 2.1).
      std::error_code ec;
      bool looks_like_values = std::filesystem::is_regular_file(arg, ec) ||
                               arg.ends_with(".yaml") || arg.ends_with(".yml");
      diags->Error(kExitUsage, {}, "unexpected argument \"" + arg + "\" for " + o->command,
                   looks_like_values ? "values files are given with -f: hostgraft " + o->command + " -f " + arg
                                     : "see hostgraft help");
      ok = false;
    }
  }
  static const std::set<std::string> kFormats{"text", "json", "sarif", "junit", "github"};
  if (!kFormats.count(o->format)) {
    diags->Error(kExitUsage, {}, "unknown --format " + o->format, "use text, json, sarif, junit or github");
    ok = false;
  }
  return ok;
}

}  // namespace hostgraft
