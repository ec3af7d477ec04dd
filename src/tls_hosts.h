// The custom hosts that get TLS material (Routes in 5.8, Secrets in 5.9):
// K for the default Keycloak host D, and each configured portal host for
// its default host, each with the secret path its certificate lives at.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"

namespace hostgraft {

struct TlsHost {
  std::string host;          // the custom host
  std::string default_host;  // the default host it stands beside
  std::string secret_path;
  std::string role;          // "keycloak", "officer", "citizen"
};

std::vector<TlsHost> TlsHosts(const Config& config);

// A plan entry for the host's certificate.
SecretNeed TlsNeed(const TlsHost& h, const std::string& purpose);

// tls.crt: the leaf then the chain the secret carries.
std::string LeafThenChain(const TlsMaterial& m);

}  // namespace hostgraft
