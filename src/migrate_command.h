// hostgraft migrate (DESIGN.md 4.3): old values shapes become the new ones,
// spliced into the file's own bytes (src/edits.h) so every other key, its
// order and its comments stay as they were.
#pragma once

#include <string>
#include <vector>

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
bool MigrateValues(const std::string& text, const std::string& file, std::string* out, Diagnostics* diags);

// `hostgraft migrate -f old.yaml [--from-route route.yaml --out-dir DIR]`;
// args are those after the word `migrate`. The file is first read the way
// render reads values (LoadValues, then the configuration), so a malformed
// one gets render's message and exit code. The new values go to stdout;
// with --from-route the Route's TLS material goes to DIR (0700) as
// certificate.pem, key.pem and ca.pem (0600), and the `hostgraft vault put`
// command that stores it goes to stderr.
int MigrateCommand(const std::vector<std::string>& args);

}  // namespace hostgraft
