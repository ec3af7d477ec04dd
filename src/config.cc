#include "config.h"

#include <algorithm>

namespace hostgraft {

std::string Config::CustomKeycloakHost() const {
  return keycloak_custom_host == keycloak_default_host ? std::string() : keycloak_custom_host;
}

std::vector<std::string> Config::CustomHosts() const {
  std::vector<std::string> hosts;
  for (const std::string& h : {CustomKeycloakHost(), officer.custom_host, citizen.custom_host,
                               ics ? ics->custom_host : std::string()})
    if (!h.empty() && std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
  return hosts;
}

std::string Config::KeycloakCertificatePath() const {
  const std::string host = CustomKeycloakHost();
  if (host.empty()) return {};
  for (const KeycloakHost& listed : keycloak_custom_hosts)
    if (listed.host == host && !listed.certificate_path.empty()) return listed.certificate_path;
  return ExpandTemplate(keycloak_path_template, {{"host", host}, {"registry", registry}});
}

std::string Config::PortalCertificatePath(const Portal& p) const {
  if (p.custom_host.empty()) return {};
  if (!p.certificate_path.empty()) return p.certificate_path;
  return ExpandTemplate(portal_path_template, {{"host", p.custom_host}, {"registry", registry}, {"portal", p.name}});
}

const Portal* Config::PortalByName(const std::string& name) const {
  if (name == officer.name) return &officer;
  if (name == citizen.name) return &citizen;
  return nullptr;
}

std::string ExpandTemplate(std::string tmpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  size_t pos = 0;
  // One pass, so braces inside a substituted value are never expanded again.
  while (pos < tmpl.size()) {
    size_t open = tmpl.find('{', pos);
    size_t close = open == std::string::npos ? std::string::npos : tmpl.find('}', open);
    if (close == std::string::npos) break;
    auto var = vars.find(tmpl.substr(open + 1, close - open - 1));
    out.append(tmpl, pos, open - pos);
    if (var != vars.end()) {
      out += var->second;
      pos = close + 1;
    } else {
      out += '{';
      pos = open + 1;
    }
  }
  out.append(tmpl, pos);
  return out;
}

}  // namespace hostgraft
