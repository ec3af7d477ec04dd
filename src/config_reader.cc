#include "config_reader.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "yaml_resolve.h"

namespace hostgraft {
namespace {

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), text) != words.end();
}

// How Helm reads a scalar (yaml_resolve.h), so `host: 12` or `enabled: yes`
// mean here what they mean to the chart.
ScalarType Kind(const YAML::Node& node) {
  if (node.IsNull()) return ScalarType::kNull;
  const std::string& tag = node.Tag();
  // "!" marks quoted text (and --set strings); "?" and "" are plain.
  if (tag != "?" && tag != "") {
    if (tag == "tag:yaml.org,2002:int") return ScalarType::kInt;
    if (tag == "tag:yaml.org,2002:bool") return ScalarType::kBool;
    if (tag == "tag:yaml.org,2002:float") return ScalarType::kFloat;
    return ScalarType::kString;
  }
  return ResolvePlainScalar(node.Scalar()).type;
}

std::string Describe(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  switch (Kind(node)) {
    case ScalarType::kNull: return "null";
    case ScalarType::kBool: return "the boolean " + node.Scalar();
    case ScalarType::kInt: return "the integer " + node.Scalar();
    case ScalarType::kFloat: return "the number " + node.Scalar();
    case ScalarType::kTimestamp: return "the timestamp " + node.Scalar();
    case ScalarType::kMerge: return "the YAML 1.1 key " + node.Scalar();
    case ScalarType::kString: break;
  }
  return "the string \"" + node.Scalar() + "\"";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A value that is present and not null.
using Value = std::optional<YAML::Node>;

Value Get(const Value& map, const char* key) {
  if (!map || !map->IsMap()) return std::nullopt;
  const YAML::Node child = (*map)[key];
  if (!child.IsDefined() || child.IsNull()) return std::nullopt;
  return child;
}

class Reader {
 public:
  explicit Reader(Diagnostics* diags) : diags_(diags) {}
  bool ok() const { return ok_; }

  void Error(const std::string& path, std::string message, std::string fix = {}) {
    Location where;
    where.path = path;
    diags_->Error(kExitUsage, where, std::move(message), std::move(fix));
    ok_ = false;
  }

  void WrongType(const std::string& path, const YAML::Node& node, const std::string& expected) {
    Error(path, "expected " + expected + ", got " + Describe(node), "write " + path + " as " + expected);
  }

  // False (with an error) when the value is present but not a mapping.
  bool Map(const Value& node, const std::string& path, const std::string& expected = "a mapping") {
    if (node && !node->IsMap()) {
      WrongType(path, *node, expected);
      return false;
    }
    return node.has_value();
  }

  bool String(const Value& node, const std::string& path, std::string* out,
              const std::string& expected = "a string") {
    if (!node) return false;
    if (!node->IsScalar() || Kind(*node) != ScalarType::kString) {
      WrongType(path, *node, expected);
      return false;
    }
    *out = node->Scalar();
    return true;
  }

  bool Bool(const Value& node, const std::string& path, bool* out) {
    if (!node) return false;
    if (!node->IsScalar() || Kind(*node) != ScalarType::kBool) {
      WrongType(path, *node, "true or false");
      return false;
    }
    *out = ResolvePlainScalar(node->Scalar()).truth;
    return true;
  }

  bool Int(const Value& node, const std::string& path, const std::string& expected, long min, long max, long* out) {
    if (!node) return false;
    if (node->IsScalar() && Kind(*node) == ScalarType::kInt) {
      char* end = nullptr;
      long number = std::strtol(node->Scalar().c_str(), &end, 10);
      if (*end == '\0' && number >= min && number <= max) {
        *out = number;
        return true;
      }
    }
    WrongType(path, *node, expected);
    return false;
  }

  // A string that must be one of choices.
  bool Choice(const Value& node, const std::string& path, std::initializer_list<std::string_view> choices,
              std::string* out) {
    std::string text;
    if (!String(node, path, &text)) return false;
    if (IsOneOf(text, choices)) {
      *out = text;
      return true;
    }
    std::string list;
    for (std::string_view choice : choices) list += (list.empty() ? "" : ", ") + std::string(choice);
    Error(path, "\"" + text + "\" is not one of " + list, "set " + path + " to one of " + list);
    return false;
  }

  // A path template whose {placeholders} are all known.
  bool Template(const Value& node, const std::string& path, std::initializer_list<std::string_view> known,
                std::string* out) {
    std::string text;
    if (!String(node, path, &text)) return false;
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      size_t close = text.find('}', open);
      std::string name = text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
      if (close != std::string::npos && IsOneOf(name, known)) continue;
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + ("{" + std::string(k) + "}");
      Error(path, "\"" + text + "\" has the unknown placeholder {" + name + (close == std::string::npos ? "" : "}"),
            known.size() ? "use only " + list : "this path takes no placeholders");
      return false;
    }
    *out = text;
    return true;
  }

  // Outside hostgraft: the keys belong to the charts too, so only a near
  // miss of a key hostgraft reads (customhost, customHots, hostGraft) is an
  // error: ignored, it would leave a custom host silently unset.
  void NearMisses(const YAML::Node& map, const std::string& path, std::initializer_list<std::string_view> watched) {
    if (!map.IsMap()) return;
    for (const auto& entry : map) {
      if (!entry.first.IsScalar()) continue;
      const std::string key = entry.first.Scalar();
      if (IsOneOf(key, watched)) continue;
      std::string_view best;
      size_t best_distance = SIZE_MAX;
      for (std::string_view candidate : watched) {
        // One slip in a short name, two in a long one: "port" is no "host".
        size_t distance = EditDistance(key, candidate);
        if (distance <= (candidate.size() < 6 ? 1u : 2u) && distance < best_distance)
          best = candidate, best_distance = distance;
      }
      if (best.empty()) continue;
      Error((path.empty() ? "" : path + ".") + key, "unknown key; did you mean \"" + std::string(best) + "\"?",
            "hostgraft reads " + (path.empty() ? "" : path + ".") + std::string(best) +
                " (keys are case-sensitive); the misspelt key is ignored");
    }
  }

  // hostgraft: is the tool's own section, so a misspelt key is an error
  // rather than a silently ignored setting.
  void OnlyKeys(const YAML::Node& map, const std::string& path, std::initializer_list<std::string_view> known) {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (IsOneOf(key, known)) continue;
      std::string best;
      size_t best_distance = 3;  // suggest only close names
      for (std::string_view candidate : known) {
        size_t distance = EditDistance(key, candidate);
        if (distance < best_distance) best_distance = distance, best = candidate;
      }
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Error(path + "." + key, "unknown key" + (best.empty() ? "" : "; did you mean \"" + best + "\"?"),
            "the keys under " + path + " are: " + list);
    }
  }

 private:
  Diagnostics* diags_;
  bool ok_ = true;
};

// A host that several shapes of the values can set, the first one read
// taking precedence; two different answers are an error.
struct HostChoice {
  std::string host;
  std::string certificate_path;
  std::string source;
};

void Offer(Reader& r, HostChoice* chosen, const std::string& host, const std::string& certificate_path,
           const std::string& source) {
  if (host.empty()) return;
  if (chosen->host.empty()) {
    *chosen = {host, certificate_path, source};
  } else if (chosen->host != host) {
    r.Error(source, "\"" + host + "\" differs from \"" + chosen->host + "\" set by " + chosen->source,
            "set the host in one place, or the same host in both");
  } else if (chosen->certificate_path.empty()) {
    chosen->certificate_path = certificate_path;
  }
}

// An explicit certificatePath: a store path, refused here already when it
// could escape the store (so lint and --secrets none catch it too).
void ReadCertificatePath(Reader& r, const Value& node, const std::string& path, std::string* out) {
  if (!r.String(node, path, out) || out->empty()) return;
  if (std::string problem = SecretPathProblem(*out); !problem.empty()) {
    r.Error(path, "the certificate path " + problem, "write a path inside the secret store, e.g. registry-kv/cluster/domains/keycloak.example.com");
    out->clear();
  }
}

// {enabled, host, certificatePath}: the shapes of portals.*.customHost and
// portals.*.customDns; enabled defaults to true when a host is given.
void ReadSwitchedHost(Reader& r, const Value& node, const std::string& path, HostChoice* chosen) {
  if (!r.Map(node, path, "a mapping {enabled, host, certificatePath}")) return;
  r.NearMisses(*node, path, {"enabled", "host", "certificatePath"});
  bool enabled = true;
  r.Bool(Get(node, "enabled"), path + ".enabled", &enabled);
  std::string host, certificate_path;
  ReadCertificatePath(r, Get(node, "certificatePath"), path + ".certificatePath", &certificate_path);
  Value host_node = Get(node, "host");
  if ((host_node && !r.String(host_node, path + ".host", &host)) || !enabled) return;
  if (host.empty()) {
    r.Error(path + ".host", "the custom host is enabled but has no host", "set " + path + ".host or enabled: false");
    return;
  }
  Offer(r, chosen, host, certificate_path, path + ".host");
}

// global.customDNS.*: a host name, or {enabled, host} like the newer shapes.
void ReadOldHost(Reader& r, const Value& node, const std::string& path, HostChoice* chosen) {
  if (node && node->IsMap()) return ReadSwitchedHost(r, node, path, chosen);
  std::string host;
  if (r.String(node, path, &host)) Offer(r, chosen, host, "", path);
}

void ReadKeycloak(Reader& r, const Value& values, Config* config, HostChoice* custom) {
  Value keycloak = Get(values, "keycloak");
  if (!r.Map(keycloak, "keycloak")) return;
  r.NearMisses(*keycloak, "keycloak", {"customHost", "customHosts"});
  if (r.String(Get(keycloak, "host"), "keycloak.host", &config->keycloak_default_host))
    config->keycloak_default_host_source = "keycloak.host";
  if (Value hosts = Get(keycloak, "customHosts")) {
    if (!hosts->IsSequence()) {
      r.WrongType("keycloak.customHosts", *hosts, "a list of {host, certificatePath} entries");
    } else {
      config->keycloak_custom_hosts.clear();
      for (size_t i = 0; i < hosts->size(); ++i) {
        const std::string path = "keycloak.customHosts[" + std::to_string(i) + "]";
        Value entry = (*hosts)[i];
        if (!r.Map(entry, path, "a mapping {host, certificatePath}")) continue;
        r.OnlyKeys(*entry, path, {"host", "certificatePath"});
        KeycloakHost host;
        host.source = path + ".host";
        ReadCertificatePath(r, Get(entry, "certificatePath"), path + ".certificatePath", &host.certificate_path);
        Value name = Get(entry, "host");
        if (name && !r.String(name, host.source, &host.host)) continue;
        if (host.host.empty()) {
          r.Error(host.source, "missing: each custom Keycloak host needs its host name");
          continue;
        }
        config->keycloak_custom_hosts.push_back(std::move(host));
      }
    }
  }
  std::string chosen;
  if (r.String(Get(keycloak, "customHost"), "keycloak.customHost", &chosen))
    Offer(r, custom, chosen, "", "keycloak.customHost");
}

void ReadPortals(Reader& r, const Value& values, HostChoice* officer, HostChoice* citizen) {
  Value portals = Get(values, "portals");
  if (!r.Map(portals, "portals")) return;
  r.NearMisses(*portals, "portals", {"officer", "citizen"});
  for (auto [name, chosen] : {std::pair{"officer", officer}, std::pair{"citizen", citizen}}) {
    const std::string path = std::string("portals.") + name;
    Value portal = Get(portals, name);
    if (!r.Map(portal, path)) continue;
    r.NearMisses(*portal, path, {"customHost", "customDns"});
    ReadSwitchedHost(r, Get(portal, "customHost"), path + ".customHost", chosen);
    ReadSwitchedHost(r, Get(portal, "customDns"), path + ".customDns", chosen);
  }
}

void ReadOldestShape(Reader& r, const Value& values, HostChoice* keycloak, HostChoice* officer,
                     HostChoice* citizen) {
  Value global = Get(values, "global");
  if (!r.Map(global, "global")) return;
  r.NearMisses(*global, "global", {"customDNS"});
  Value dns = Get(global, "customDNS");
  if (!r.Map(dns, "global.customDNS")) return;
  r.NearMisses(*dns, "global.customDNS", {"officerPortal", "citizenPortal", "keycloak"});
  ReadOldHost(r, Get(dns, "officerPortal"), "global.customDNS.officerPortal", officer);
  ReadOldHost(r, Get(dns, "citizenPortal"), "global.customDNS.citizenPortal", citizen);
  ReadOldHost(r, Get(dns, "keycloak"), "global.customDNS.keycloak", keycloak);
}

void ReadTls(Reader& r, const Value& tls, Config* config) {
  if (!r.Map(tls, "hostgraft.tls")) return;
  r.OnlyKeys(*tls, "hostgraft.tls", {"delivery", "route", "secretNamespace", "expiryWarningDays", "trust"});
  std::string text;
  if (r.Choice(Get(tls, "delivery"), "hostgraft.tls.delivery", {"route", "secret", "none"}, &text))
    config->delivery = text == "route" ? TlsDelivery::kRoute : text == "secret" ? TlsDelivery::kSecret : TlsDelivery::kNone;
  Value route = Get(tls, "route");
  if (r.Map(route, "hostgraft.tls.route")) {
    r.OnlyKeys(*route, "hostgraft.tls.route", {"service", "targetPort"});
    r.Template(Get(route, "service"), "hostgraft.tls.route.service", {"registry"}, &config->route_service);
    // A Route's targetPort is a port name or number.
    Value port = Get(route, "targetPort");
    const std::string port_path = "hostgraft.tls.route.targetPort";
    const std::string port_expected = "a port name or a number from 1 to 65535";
    long number;
    if (port && port->IsScalar() && Kind(*port) == ScalarType::kInt) {
      if (r.Int(port, port_path, port_expected, 1, 65535, &number)) config->route_target_port = std::to_string(number);
    } else {
      r.String(port, port_path, &config->route_target_port, port_expected);
    }
  }
  r.String(Get(tls, "secretNamespace"), "hostgraft.tls.secretNamespace", &config->secret_namespace);
  long days;
  if (r.Int(Get(tls, "expiryWarningDays"), "hostgraft.tls.expiryWarningDays", "a whole number of days, 0 or more", 0,
            INT_MAX, &days))
    config->expiry_warning_days = static_cast<int>(days);
  if (r.Choice(Get(tls, "trust"), "hostgraft.tls.trust", {"system+bundle", "bundle"}, &text))
    config->trust = text == "bundle" ? Trust::kBundle : Trust::kSystemAndBundle;
}

void ReadVault(Reader& r, const Value& vault, Config* config) {
  if (!r.Map(vault, "hostgraft.vault")) return;
  r.OnlyKeys(*vault, "hostgraft.vault", {"keycloakPath", "portalPath", "kvVersion", "auth"});
  r.Template(Get(vault, "keycloakPath"), "hostgraft.vault.keycloakPath", {"host", "registry"},
             &config->keycloak_path_template);
  r.Template(Get(vault, "portalPath"), "hostgraft.vault.portalPath", {"host", "registry", "portal"},
             &config->portal_path_template);
  Value versions = Get(vault, "kvVersion");
  if (r.Map(versions, "hostgraft.vault.kvVersion", "a mapping of mount to 1 or 2")) {
    for (const auto& entry : *versions) {
      std::string mount = entry.first.Scalar();
      const std::string path = "hostgraft.vault.kvVersion." + mount;
      // "registry-kv/" and "registry-kv" name the same mount.
      mount.erase(0, mount.find_first_not_of('/'));
      mount.erase(mount.find_last_not_of('/') + 1);
      long version;
      if (mount.empty())
        r.Error(path, "empty mount name", "name the KV mount, e.g. registry-kv: 2");
      else if (r.Int(entry.second, path, "the KV version 1 or 2", 1, 2, &version))
        config->vault.kv_version[mount] = static_cast<int>(version);
    }
  }
  Value auth = Get(vault, "auth");
  if (!r.Map(auth, "hostgraft.vault.auth")) return;
  r.OnlyKeys(*auth, "hostgraft.vault.auth", {"method", "role", "mount", "jwtFile", "roleId", "secretIdFile"});
  VaultSettings& settings = config->vault;
  r.Choice(Get(auth, "method"), "hostgraft.vault.auth.method", {"token", "kubernetes", "approle", "cert"},
           &settings.auth_method);
  r.String(Get(auth, "role"), "hostgraft.vault.auth.role", &settings.auth_role);
  r.String(Get(auth, "mount"), "hostgraft.vault.auth.mount", &settings.auth_mount);
  r.String(Get(auth, "jwtFile"), "hostgraft.vault.auth.jwtFile", &settings.jwt_file);
  r.String(Get(auth, "roleId"), "hostgraft.vault.auth.roleId", &settings.role_id);
  r.String(Get(auth, "secretIdFile"), "hostgraft.vault.auth.secretIdFile", &settings.secret_id_file);
}

void ReadIcs(Reader& r, const Value& node, Config* config) {
  if (!r.Map(node, "hostgraft.ics")) return;
  r.OnlyKeys(*node, "hostgraft.ics", {"enabled", "fullname", "customHost", "keycloakHost", "portalHost", "vault"});
  bool enabled = true;
  r.Bool(Get(node, "enabled"), "hostgraft.ics.enabled", &enabled);
  IcsConfig ics = config->ics.value_or(IcsConfig{});
  r.String(Get(node, "fullname"), "hostgraft.ics.fullname", &ics.fullname);
  r.String(Get(node, "customHost"), "hostgraft.ics.customHost", &ics.custom_host);
  r.String(Get(node, "keycloakHost"), "hostgraft.ics.keycloakHost", &ics.keycloak_host);
  r.String(Get(node, "portalHost"), "hostgraft.ics.portalHost", &ics.portal_host);
  Value vault = Get(node, "vault");
  if (r.Map(vault, "hostgraft.ics.vault")) {
    r.OnlyKeys(*vault, "hostgraft.ics.vault", {"ingressPath", "redisPath"});
    r.Template(Get(vault, "ingressPath"), "hostgraft.ics.vault.ingressPath", {"host"}, &ics.ingress_path);
    r.Template(Get(vault, "redisPath"), "hostgraft.ics.vault.redisPath", {}, &ics.redis_path);
  }
  if (enabled)
    config->ics = std::move(ics);
  else
    config->ics.reset();
}

void ReadHostgraft(Reader& r, const Value& values, Config* config) {
  Value section = Get(values, "hostgraft");
  if (!r.Map(section, "hostgraft")) return;
  r.OnlyKeys(*section, "hostgraft",
             {"registry", "defaultHosts", "frontendUrlRealms", "generate", "tls", "vault", "ics"});
  r.String(Get(section, "registry"), "hostgraft.registry", &config->registry);
  std::string generate;
  if (r.Choice(Get(section, "generate"), "hostgraft.generate", {"auto", "always", "never"}, &generate))
    config->generate = generate == "always" ? GenerateMode::kAlways
                       : generate == "never" ? GenerateMode::kNever
                                             : GenerateMode::kAuto;
  Value defaults = Get(section, "defaultHosts");
  if (r.Map(defaults, "hostgraft.defaultHosts", "a mapping {officer, citizen}")) {
    r.OnlyKeys(*defaults, "hostgraft.defaultHosts", {"officer", "citizen"});
    for (Portal* portal : {&config->officer, &config->citizen}) {
      const std::string key = "hostgraft.defaultHosts." + portal->name;
      if (r.String(Get(defaults, portal->name.c_str()), key, &portal->default_host)) portal->default_source = key;
    }
  }
  if (Value realms = Get(section, "frontendUrlRealms")) {
    if (!realms->IsSequence()) {
      r.WrongType("hostgraft.frontendUrlRealms", *realms, "a list of realm names");
    } else {
      std::vector<std::string> names;
      for (size_t i = 0; i < realms->size(); ++i) {
        std::string name;
        const std::string path = "hostgraft.frontendUrlRealms[" + std::to_string(i) + "]";
        if (!r.String(Value((*realms)[i]), path, &name)) continue;
        if (name.empty())
          r.Error(path, "empty realm name", "name the realm, e.g. officer-portal");
        else
          names.push_back(name);
      }
      config->frontend_url_realms = std::move(names);
    }
  }
  ReadTls(r, Get(section, "tls"), config);
  ReadVault(r, Get(section, "vault"), config);
  ReadIcs(r, Get(section, "ics"), config);
}

}  // namespace

bool ReadConfig(const YAML::Node& values, Config* config, Diagnostics* diags) {
  Reader r(diags);
  Value root = values;
  if (values.IsNull()) return true;
  if (!r.Map(root, "(top level)")) return false;
  r.NearMisses(values, "", {"hostgraft"});
  // Newest shape first: it wins when two agree, and is named when they do not.
  HostChoice keycloak, officer, citizen;
  ReadKeycloak(r, root, config, &keycloak);
  ReadPortals(r, root, &officer, &citizen);
  ReadOldestShape(r, root, &keycloak, &officer, &citizen);
  ReadHostgraft(r, root, config);
  if (!keycloak.host.empty()) {
    config->keycloak_custom_host = keycloak.host;
    config->keycloak_custom_host_source = keycloak.source;
  }
  for (auto [portal, chosen] : {std::pair{&config->officer, &officer}, std::pair{&config->citizen, &citizen}}) {
    if (chosen->host.empty()) continue;
    portal->custom_host = chosen->host;
    portal->certificate_path = chosen->certificate_path;
    portal->source = chosen->source;
  }
  return r.ok();
}

}  // namespace hostgraft
