// Discovery (DESIGN.md 4.2): settings the values leave out are read from the
// manifests, where the platform wires them by design, and only when a
// configured step needs them. Two different answers are an error naming both
// and the setting that settles it.
#pragma once

#include "config.h"
#include "diagnostics.h"
#include "stream_reader.h"

namespace hostgraft {

// Fills the default Keycloak host, the default portal hosts and the registry
// name when they are unset and a configured step needs them; -v (Info) says
// what was found where, or that the registry name is not needed. The stream
// is not changed: the steps are asked what they need through a RenderContext.
bool Discover(Stream& stream, Config* config, Diagnostics* diags);

// DESIGN.md 2.1: what the values set must agree with what the stream shows:
// keycloak.host with the Keycloak CR's spec.url, hostgraft.registry with the
// realm names <registry>-<frontend realm>. Each disagreement is exit 2 naming
// both. Run after the configuration rules, so a malformed host is reported
// as such first.
bool CheckConfigAgainstStream(const Stream& stream, const Config& config, Diagnostics* diags);

}  // namespace hostgraft
