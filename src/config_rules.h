// The rules of DESIGN.md 4.1 on a Config, checked after discovery (4.2) so
// the default hosts are known.
#pragma once

#include "config.h"
#include "diagnostics.h"

namespace hostgraft {

// Each custom host is a valid DNS name (hosts.h IsValidDnsName);
// keycloak.customHost is one of keycloak.customHosts when that list is given
// (or the default host, meaning none); no host serves two things (Keycloak,
// a portal, ICS); no two hosts get the same generated resource name.
// Every error is exit 2 and names the values key, the value, why and the fix.
bool CheckConfigRules(const Config& config, Diagnostics* diags);

}  // namespace hostgraft
