// The one model of everything hostgraft is told (DESIGN.md section 4), read
// from the values files whatever shape they use.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "secret_store.h"

namespace hostgraft {

enum class TlsDelivery { kRoute, kSecret, kNone };
enum class Trust { kSystemAndBundle, kBundle };
// hostgraft.generate (5.12): which render emits the objects generated for a host.
enum class GenerateMode { kAuto, kAlways, kNever };

struct KeycloakHost {
  std::string host;
  std::string certificate_path;  // explicit path; empty: from the template
  std::string source;            // values key it came from, for messages
};

struct Portal {
  std::string name{};              // "officer" or "citizen"
  std::string custom_host{};       // P; empty: not configured
  std::string certificate_path{};  // explicit path; empty: from the template
  std::string default_host{};      // d; empty: discovered from the manifests
  std::string default_source{};    // values key of default_host; empty when discovered
  std::string source{};            // values key of custom_host
};

struct IcsConfig {
  std::string fullname;          // empty: found by label
  std::string custom_host;       // public ICS host (ingress)
  std::string keycloak_host;     // custom Keycloak host to accept as issuer
  std::string portal_host;       // optional custom portal host
  std::string ingress_path = "secret/ics/ingress/{host}";
  std::string redis_path = "secret/ics/redis";
};

struct Config {
  // Keycloak.
  std::string keycloak_default_host;          // D; empty: discovered (4.2)
  std::string keycloak_default_host_source;   // values key of D; empty when discovered
  std::vector<KeycloakHost> keycloak_custom_hosts;  // platform list
  std::string keycloak_custom_host;           // K; empty or == D: none
  std::string keycloak_custom_host_source;    // values key of K

  Portal officer{"officer", {}, {}, {}, {}, {}};  // all listed: -Wextra warns otherwise
  Portal citizen{"citizen", {}, {}, {}, {}, {}};

  std::string registry;                       // empty: discovered
  std::string registry_discovered_at;         // where discovery found it, for messages; empty: from the values
  std::vector<std::string> frontend_url_realms{"officer-portal", "citizen-portal"};

  GenerateMode generate = GenerateMode::kAuto;  // kAuto: where the anchor is
  TlsDelivery delivery = TlsDelivery::kRoute;
  std::string route_service = "istio-ingressgateway-{registry}-main";
  std::string route_target_port = "http2";
  std::string secret_namespace;               // delivery secret; empty: the Gateway's
  int expiry_warning_days = 30;
  Trust trust = Trust::kSystemAndBundle;

  std::string keycloak_path_template = "registry-kv/cluster/domains/{host}";
  std::string portal_path_template = "registry-kv/registry/{registry}/domains/{portal}-portal/{host}";
  VaultSettings vault;

  std::optional<IcsConfig> ics;

  // K when it is set and differs from D, else empty.
  std::string CustomKeycloakHost() const;
  // Every custom host this configuration grafts: K, the portal hosts and
  // the ICS host, each once.
  std::vector<std::string> CustomHosts() const;
  // The certificate path for K, from customHosts or the template.
  std::string KeycloakCertificatePath() const;
  std::string PortalCertificatePath(const Portal& p) const;
  const Portal* PortalByName(const std::string& name) const;
};

// "{host}", "{registry}", "{portal}" in a path template.
std::string ExpandTemplate(std::string tmpl, const std::map<std::string, std::string>& vars);

}  // namespace hostgraft
