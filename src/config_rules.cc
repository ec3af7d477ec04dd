#include "config_rules.h"

#include <vector>

#include "hosts.h"

namespace hostgraft {
namespace {

void Fail(Diagnostics* diags, const std::string& key, std::string message, std::string fix) {
  Location where;
  where.path = key;
  diags->Error(kExitUsage, where, std::move(message), std::move(fix));
}

// What a host name is used for; one name may serve one thing only.
enum class Role { kKeycloak, kOfficerPortal, kCitizenPortal, kAnyPortal, kIcs };

bool Compatible(Role a, Role b) {
  auto is_portal = [](Role r) { return r == Role::kOfficerPortal || r == Role::kCitizenPortal; };
  // hostgraft.ics.portalHost names a portal served elsewhere: it may be one
  // of the registry's portals.
  return a == b || (a == Role::kAnyPortal && is_portal(b)) || (b == Role::kAnyPortal && is_portal(a));
}

struct UsedHost {
  std::string host;
  std::string key;    // values key; empty for a discovered default
  std::string label;  // how messages name it
  Role role;
  bool custom;        // checked as a DNS name, and gets generated resources
  bool generated;     // hostgraft generates a Route/Secret named after it
  bool listed;        // an entry of keycloak.customHosts
};

std::vector<UsedHost> HostsOf(const Config& config) {
  std::vector<UsedHost> hosts;
  auto add = [&hosts](const std::string& host, const std::string& key, std::string label, Role role, bool custom,
                      bool generated, bool listed = false) {
    if (!host.empty())
      hosts.push_back({host, key, label.empty() ? key : std::move(label), role, custom, generated, listed});
  };
  add(config.keycloak_default_host, config.keycloak_default_host_source, "the default Keycloak host", Role::kKeycloak,
      false, false);
  for (const KeycloakHost& listed : config.keycloak_custom_hosts)
    add(listed.host, listed.source, "", Role::kKeycloak, true, false, true);
  add(config.CustomKeycloakHost(), config.keycloak_custom_host_source, "", Role::kKeycloak, true, true);
  for (auto [portal, role] : {std::pair{&config.officer, Role::kOfficerPortal}, {&config.citizen, Role::kCitizenPortal}}) {
    add(portal->default_host, portal->default_source, "the default " + portal->name + " portal host", role, false,
        false);
    add(portal->custom_host, portal->source, "", role, true, true);
  }
  if (config.ics) {
    add(config.ics->custom_host, "hostgraft.ics.customHost", "", Role::kIcs, true, true);
    add(config.ics->keycloak_host, "hostgraft.ics.keycloakHost", "", Role::kKeycloak, true, false);
    add(config.ics->portal_host, "hostgraft.ics.portalHost", "", Role::kAnyPortal, true, false);
  }
  return hosts;
}

}  // namespace

bool CheckConfigRules(const Config& config, Diagnostics* diags) {
  Diagnostics found;
  const std::vector<UsedHost> hosts = HostsOf(config);

  for (const UsedHost& used : hosts) {
    std::string why;
    // A default host the values set is checked too: a trailing dot or an
    // upper-case letter would match nothing, and every step keyed on it
    // would quietly do nothing (DESIGN.md 2.1). A discovered one is the
    // stream's own, and is not the values' mistake.
    if (used.custom && !IsValidDnsName(used.host, &why))
      Fail(&found, used.key, "\"" + HidingUserinfo(used.host) + "\" is not a valid host name: " + why,
           "write a lower-case DNS name of at most 63 characters (labels of a-z, 0-9 and '-'), without a trailing "
           "dot or wildcard, e.g. keycloak.example.com");
    else if (!used.custom && !used.key.empty() && !IsValidDnsName(used.host, &why, kMaxDefaultHostLength))
      Fail(&found, used.key, "\"" + HidingUserinfo(used.host) + "\" is not a valid host name: " + why,
           "write the host as the cluster serves it: a lower-case DNS name (labels of a-z, 0-9 and '-'), without a "
           "trailing dot, wildcard or IP address, e.g. platform-keycloak.apps.cluster.example.com");
  }

  // A portal's custom host that is its default host would get a second
  // Route for a host the chart already serves.
  for (const Portal* portal : {&config.officer, &config.citizen})
    if (!portal->custom_host.empty() && portal->custom_host == portal->default_host)
      Fail(&found, portal->source,
           "\"" + portal->custom_host + "\" is the default " + portal->name + " portal host" +
               (portal->default_source.empty() ? " (found in the manifests)" : " (" + portal->default_source + ")") +
               ", not a custom one",
           "give the custom host another name, or set enabled: false for no custom host");

  const std::string chosen = config.CustomKeycloakHost();
  if (!chosen.empty() && !config.keycloak_custom_hosts.empty()) {
    std::string listed;
    bool found_chosen = false;
    for (const KeycloakHost& host : config.keycloak_custom_hosts) {
      found_chosen = found_chosen || host.host == chosen;
      listed += (listed.empty() ? "" : ", ") + host.host;
    }
    if (!found_chosen)
      Fail(&found, config.keycloak_custom_host_source,
           "\"" + chosen + "\" is not one of the hosts in keycloak.customHosts (" + listed + ")",
           "choose one of them, add it to keycloak.customHosts with its certificatePath, or set it to the default "
           "host" + (config.keycloak_default_host.empty() ? "" : " " + config.keycloak_default_host) +
               " for no custom host");
  }

  for (size_t j = 0; j < hosts.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const UsedHost& a = hosts[i];
      const UsedHost& b = hosts[j];
      const bool listed_twice = a.listed && b.listed;
      if (a.host == b.host && (!Compatible(a.role, b.role) || listed_twice)) {
        // Named by the custom host's key: that is the one to change.
        const UsedHost& named = a.custom && !b.custom ? a : b;
        const UsedHost& other = &named == &a ? b : a;
        Fail(&found, named.key.empty() ? other.key : named.key,
             "\"" + b.host + "\" is used for both " + a.label + " and " + b.label,
             listed_twice ? "list each host once" : "give each its own host name");
        break;
      }
      if (a.generated && b.generated && a.host != b.host &&
          GeneratedName(kGeneratedNamePrefix, a.host) == GeneratedName(kGeneratedNamePrefix, b.host)) {
        Fail(&found, b.key,
             "\"" + a.host + "\" (" + a.label + ") and \"" + b.host + "\" (" + b.label +
                 ") would both name their generated resources " + GeneratedName(kGeneratedNamePrefix, b.host),
             "use host names that differ in more than dots and dashes");
        break;
      }
    }
  }
  diags->Append(found);
  return !found.has_errors();
}

}  // namespace hostgraft
