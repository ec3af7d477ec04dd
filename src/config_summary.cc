#include "config_summary.h"

#include <set>

namespace hostgraft {
namespace {

std::string From(const std::string& key) { return key.empty() ? "discovered" : key; }

// "officer.example.com (portals.officer.customHost.host) for the default host
// officer-portal-reg-a.apps.example.com (discovered)"
std::string CustomFor(const std::string& host, const std::string& key, const std::string& default_host,
                      const std::string& default_key) {
  return host + " (" + key + ") for the default host " +
         (default_host.empty() ? "(none found in this stream)" : default_host + " (" + From(default_key) + ")");
}

}  // namespace

bool ConfiguresCustomHost(const Config& config) {
  return !config.CustomHosts().empty() || !config.keycloak_custom_hosts.empty();
}

void DescribeConfig(const Config& config, Diagnostics* diags) {
  if (!ConfiguresCustomHost(config)) {
    diags->Info({}, "configured: no custom host (none of keycloak.customHost, keycloak.customHosts, "
                    "portals.*.customHost, hostgraft.ics.customHost is set): nothing is grafted");
    return;
  }
  if (!config.keycloak_custom_hosts.empty()) {
    std::string listed;
    for (const KeycloakHost& h : config.keycloak_custom_hosts) listed += (listed.empty() ? "" : ", ") + h.host;
    diags->Info({}, "configured: Keycloak hosts offered by the platform (keycloak.customHosts): " + listed);
  }
  if (const std::string k = config.CustomKeycloakHost(); !k.empty())
    diags->Info({}, "configured: custom Keycloak host " + CustomFor(k, config.keycloak_custom_host_source,
                                                                   config.keycloak_default_host,
                                                                   config.keycloak_default_host_source));
  for (const Portal* p : {&config.officer, &config.citizen})
    if (!p->custom_host.empty())
      diags->Info({}, "configured: " + p->name + " portal host " +
                          CustomFor(p->custom_host, p->source, p->default_host, p->default_source));
  if (config.ics && !config.ics->custom_host.empty())
    diags->Info({}, "configured: Intercom Service host " + config.ics->custom_host + " (hostgraft.ics.customHost)");
  if (!config.registry.empty()) diags->Info({}, "configured: registry " + config.registry);
}

void DescribeOutcome(const Config& config, const RenderResult& result, Diagnostics* diags) {
  if (!ConfiguresCustomHost(config)) return;
  std::set<int> documents;
  for (const auto& [index, change] : result.changes) documents.insert(index);
  if (documents.empty() && result.generated.empty()) {
    // A stream rendered before (lint after render) carries the hosts already.
    std::string carried;
    for (const std::string& host : config.CustomHosts())
      if (result.output.Mentions(host)) carried += (carried.empty() ? "" : ", ") + host;
    diags->Info({}, carried.empty() ? "nothing in this stream concerns the configured hosts: no document is changed "
                                      "and nothing is generated"
                                    : "nothing left to change: this stream already carries " + carried);
    return;
  }
  diags->Info({}, "this stream: " + std::to_string(result.changes.size()) + " change(s) in " +
                      std::to_string(documents.size()) + " document(s), " + std::to_string(result.generated.size()) +
                      " object(s) generated");
}

}  // namespace hostgraft
