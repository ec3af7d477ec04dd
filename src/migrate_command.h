// hostgraft migrate (DESIGN.md 4.3): reads the old values, rewrites them
// (migrate_values.h) and, with --from-route, carries a Route's TLS material
// into a private directory (private_directory.h).
#pragma once

#include "diagnostics.h"
#include "options.h"

namespace hostgraft {

// `hostgraft migrate -f old.yaml [--from-route route.yaml --out-dir DIR]`,
// its options parsed. The file is first read the way render reads values
// (LoadValues, then the configuration), so a malformed one gets render's
// message and exit code. The new values go to stdout;
// with --from-route the Route's TLS material goes to DIR (0700) as
// certificate.pem, key.pem and ca.pem (0600), and the `hostgraft vault put`
// command that stores it goes to stderr.
int MigrateCommand(const Options& options);

}  // namespace hostgraft
