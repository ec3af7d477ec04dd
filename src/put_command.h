// hostgraft vault put: checks TLS material with the rules render applies
// (DESIGN.md section 7), then stores it in Vault where render will read it
// (section 4: an explicit certificatePath, else the path templates).
#pragma once

#include <string>
#include <vector>

#include "config.h"
#include "diagnostics.h"
#include "yaml_text.h"

namespace hostgraft {

// The secret path render reads for `host`: the certificatePath the values
// give that host, else hostgraft.vault.keycloakPath (portal empty) or
// hostgraft.vault.portalPath (portal "officer" or "citizen"). A non-empty
// `registry` stands in for hostgraft.registry. False with an error (exit 2)
// when the path is unusable, e.g. a template needs {registry} and none is known.
bool CertificatePathFor(const Config& config, const std::string& host, const std::string& portal,
                        const std::string& registry, std::string* path, Diagnostics* diags);

// The values that point render at `path` for `host`: keycloak.customHosts
// for a Keycloak host, portals.<portal>.customHost for a portal.
Value CertificatePathValues(const std::string& host, const std::string& portal, const std::string& path);

// `hostgraft vault put ...`; args are those after the word `vault`.
// stdout: the certificate path, then the values snippet; exit 1 when the
// material is refused (nothing written), 2 usage, 3 Vault.
int VaultCommand(const std::vector<std::string>& args);

}  // namespace hostgraft
