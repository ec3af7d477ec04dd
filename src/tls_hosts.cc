#include "tls_hosts.h"

namespace hostgraft {

std::vector<TlsHost> TlsHosts(const Config& config) {
  std::vector<TlsHost> out;
  std::string k = config.CustomKeycloakHost();
  if (!k.empty() && !config.keycloak_default_host.empty())
    out.push_back({k, config.keycloak_default_host, config.KeycloakCertificatePath(), "keycloak"});
  for (const Portal* p : {&config.officer, &config.citizen})
    if (!p->custom_host.empty() && !p->default_host.empty())
      out.push_back({p->custom_host, p->default_host, config.PortalCertificatePath(*p), p->name});
  return out;
}

SecretNeed TlsNeed(const TlsHost& h, const std::string& purpose) {
  SecretNeed n;
  n.path = h.secret_path;
  n.host = h.host;
  n.purpose = purpose;
  return n;
}

std::string LeafThenChain(const TlsMaterial& m) {
  std::string out;
  for (const std::string& pem : PemCertificates(m.certificate)) {
    out += pem;
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace hostgraft
