// hostgraft vault put: checks TLS material with the rules render applies
// (DESIGN.md section 7), then stores it in Vault where render will read it
// (section 4: an explicit certificatePath, else the path templates).
#pragma once

#include <string>
#include <vector>

#include "config.h"
#include "diagnostics.h"
#include "options.h"
#include "yaml_text.h"

namespace hostgraft {

// The secret path render reads for `host`: the certificatePath the values
// give that host, else hostgraft.vault.keycloakPath (portal empty) or
// hostgraft.vault.portalPath (portal "officer" or "citizen"). A non-empty
// `registry` stands in for hostgraft.registry. False with an error (exit 2)
// when the path is unusable, e.g. a template needs {registry} and none is known.
bool CertificatePathFor(const Config& config, const std::string& host, const std::string& portal,
                        const std::string& registry, std::string* path, Diagnostics* diags);

// A custom host the values give TLS material, as render reads them
// (tls_hosts.h TlsHosts: each entry of keycloak.customHosts, or
// keycloak.customHost when there is no list; each portal's custom host),
// plus the ICS ingress host. Default hosts are not custom hosts.
struct CertifiedHost {
  std::string host;
  std::string role;    // "" (Keycloak), "officer", "citizen" or "ics"
  std::string source;  // the values key that names it, e.g. keycloak.customHosts[0].host
};
std::vector<CertifiedHost> CertifiedHosts(const Config& config);

// The secret path render reads for `h`: CertificatePathFor for Keycloak and
// portal hosts, hostgraft.ics.vault.ingressPath with {host} for ICS.
bool CertifiedHostPath(const Config& config, const CertifiedHost& h, const std::string& registry, std::string* path,
                       Diagnostics* diags);

// The values that point render at `path` for `host`: keycloak.customHosts
// for a Keycloak host (role ""), portals.<role>.customHost for a portal,
// hostgraft.ics {customHost, vault.ingressPath} for ICS.
Value CertificatePathValues(const std::string& host, const std::string& role, const std::string& path);

// `hostgraft vault put ...` with its options parsed (--portal is officer or
// citizen when given).
// Without --path the values (-f) must name --host as a custom host (or
// --portal must say which portal it is for): the path is the one render
// reads for it, and a host the values name for a portal is treated as if
// --portal named that portal. A host the values do not know, no values at
// all, or a --portal the values contradict is exit 2 before anything is
// read or written.
// stdout: the certificate path, then the values snippet; exit 1 when the
// material is refused (nothing written), 2 usage, 3 Vault.
int VaultCommand(const Options& options);

}  // namespace hostgraft
