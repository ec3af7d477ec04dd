// Reads the merged values (values.h) into the one Config model, whatever
// shape of DESIGN.md section 4 they use: the platform's design
// (keycloak.customHosts/customHost, portals.*.customHost), the charts'
// shipped shape (portals.*.customDns) and the oldest one (global.customDNS).
#pragma once

#include <yaml-cpp/yaml.h>

#include "config.h"
#include "diagnostics.h"

namespace hostgraft {

// Fills *config from values; fields the values do not set keep what *config
// had. A host set in two shapes must agree. Wrong types, unknown keys under
// hostgraft: and unknown enum values are errors (exit 2) whose location path
// is the values key, e.g. keycloak.customHosts[0].host.
bool ReadConfig(const YAML::Node& values, Config* config, Diagnostics* diags);

}  // namespace hostgraft
