// Discovery (DESIGN.md 4.2): settings the values leave out are read from the
// manifests, where the platform wires them by design. Two different answers
// are an error naming both and the setting that settles it.
#pragma once

#include "config.h"
#include "diagnostics.h"
#include "stream_reader.h"

namespace hostgraft {

// Fills the default Keycloak host, the registry name and the default portal
// hosts when they are unset and needed by a configured custom host.
bool Discover(const Stream& stream, Config* config, Diagnostics* diags);

}  // namespace hostgraft
