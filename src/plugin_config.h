// The configuration kustomize hands hostgraft (DESIGN.md section 9): the
// legacy exec transformer's config file and the KRM function's
// functionConfig share one shape.
//
//   apiVersion: hostgraft.io/v1
//   kind: HostGraft
//   metadata: {name: hostgraft}
//   valuesFiles: [values-platform.yaml]   # relative to the working directory
//   secrets: files:/srv/hostgraft/secrets # --secrets; default as for render
//   at: 2026-06-01T00:00:00Z              # --at; default now
//   keycloak: {...}                       # every other field: values, merged over valuesFiles
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "diagnostics.h"
#include "options.h"

namespace hostgraft {

inline constexpr char kPluginApiVersion[] = "hostgraft.io/v1";
inline constexpr char kPluginKind[] = "HostGraft";

// True when `path` is a readable YAML file whose kind is HostGraft: how the
// command line tells a kustomize exec-plugin call (argv[1] = config file)
// from a command word.
bool IsPluginConfigFile(const std::string& path);

// Reads a HostGraft config (`source` names it in messages) into the
// options it sets and the merged values: valuesFiles first, in order, then
// the inline fields over them. Errors are exit 2.
bool ReadPluginConfig(const YAML::Node& root, const std::string& source, Options* options, YAML::Node* values,
                      Diagnostics* diags);

// The exec transformer: hostgraft CONFIG [options] < resources > resources.
int ExecPluginCommand(const std::string& config_path, const std::vector<std::string>& args);

}  // namespace hostgraft
