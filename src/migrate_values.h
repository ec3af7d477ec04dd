// hostgraft migrate's transform (DESIGN.md 4.3): old values shapes become
// the new ones, spliced into the file's own bytes (src/edits.h) so every
// other key, its order and its comments stay as they were.
#pragma once

#include <string>

#include "config.h"
#include "diagnostics.h"

namespace hostgraft {

// Rewrites values text (read from `file`, named in messages):
// * keycloak.customHost X without keycloak.customHosts gains
//   customHosts: [{host: X}] (unless X is keycloak.host, meaning none);
// * global.customDNS.keycloak becomes keycloak.customHost and customHosts,
//   global.customDNS.officerPortal / citizenPortal become
//   portals.officer / citizen.customHost {enabled, host, ...}, and the old
//   keys are removed (global too when nothing else is left in it).
// Values already in the new shapes come back byte for byte, so migrating
// the output again changes nothing. The result is read back and must name
// the same hosts and certificate paths as the input. Errors are exit 2,
// those of the reader that finds the byte positions included.
// `loaded`: the configuration render reads from the same file (LoadValues),
// when the caller has it; else it is read here from the text, once the
// reader has checked it.
bool MigrateValues(const std::string& text, const std::string& file, std::string* out, Diagnostics* diags,
                   const Config* loaded = nullptr);

// The configuration of values text, as render would read it; a text that is
// not YAML is exit 2 naming `file`.
bool ConfigOfValuesText(const std::string& text, const std::string& file, Config* config, Diagnostics* diags);

}  // namespace hostgraft
