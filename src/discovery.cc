#include "discovery.h"

#include <map>

#include "edits.h"
#include "hosts.h"
#include "log.h"
#include "steps/steps.h"

namespace hostgraft {
namespace {

std::string Where(const Location& at) {
  return "document " + std::to_string(at.document) + ", " + at.resource + ", " + at.path + ", line " +
         std::to_string(at.line);
}

// Every answer found, with where it was found; the first source of each
// distinct answer is enough to name in a conflict.
class Answers {
 public:
  bool Has(const std::string& value) const { return found_.count(value) > 0; }
  bool empty() const { return order_.empty(); }
  const std::vector<std::string>& values() const { return order_; }  // in the order found
  // The first answer found and where.
  const std::string& first() const { return order_.front(); }
  const Location& WhereFirst() const { return found_.at(order_.front()); }
  void Add(const std::string& value, const Document& doc, const std::string& path, int line) {
    if (value.empty() || Has(value)) return;
    found_[value] = {doc.index, doc.Resource(), path, line, {}};
    order_.push_back(value);
  }
  // Sets *out to the single answer and says (-v) where it was found; a
  // conflict is an error naming two.
  bool Resolve(const std::string& what, const std::string& setting, std::string* out, Diagnostics* diags) const {
    if (order_.empty()) return true;
    if (order_.size() > 1) {
      const Location& a = found_.at(order_[0]);
      const Location& b = found_.at(order_[1]);
      diags->Error(kExitUsage, a,
                   "cannot discover the " + what + ": " + order_[0] + " (here) and " + order_[1] + " (" + Where(b) +
                       ") disagree",
                   "set " + setting + " in the values");
      return false;
    }
    *out = order_[0];
    diags->Info(found_.at(order_[0]), "discovered the " + what + ": " + order_[0]);
    return true;
  }

 private:
  std::map<std::string, Location> found_;
  std::vector<std::string> order_;
};

std::string HostOf(std::string_view url) {
  std::optional<Url> u = ParseUrl(url);
  return u ? u->host : std::string();
}

// The host of the Keycloak CR's spec.url, where the admin console reads it.
void KeycloakCrHosts(const Stream& stream, Answers* answers) {
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("v1.edp.epam.com", "Keycloak")) continue;
    if (const Node* url = doc.tree().root()->At("spec.url")) answers->Add(HostOf(url->Str()), doc, "spec.url", url->line);
  }
}

// "Keycloak.Example.com." and "keycloak.example.com" name one host.
std::string CanonicalHost(std::string host) {
  if (!host.empty() && host.back() == '.') host.pop_back();
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

// DESIGN.md 2.1: a keycloak.host the values set is the host the stream's
// Keycloak CR serves; a mistyped one would leave every K step idle.
bool CheckConfiguredKeycloakHost(const Stream& stream, const Config& config, Diagnostics* diags) {
  if (config.keycloak_default_host_source.empty()) return true;
  Answers crs;
  KeycloakCrHosts(stream, &crs);
  const std::string configured = CanonicalHost(config.keycloak_default_host);
  // Any one Keycloak resource serving it will do.
  for (const std::string& served : crs.values())
    if (CanonicalHost(served) == configured) return true;
  if (crs.empty()) return true;
  diags->Error(kExitUsage, crs.WhereFirst(),
               config.keycloak_default_host_source + " is \"" + config.keycloak_default_host +
                   "\", but the Keycloak resource of this stream serves \"" + crs.first() + "\"",
               "set " + config.keycloak_default_host_source + ": " + crs.first() +
                   " (the host of the Keycloak resource's spec.url), or correct spec.url");
  return false;
}

// D as every place that points at it says: the Keycloak CR first.
void KeycloakHosts(const Stream& stream, Answers* answers) {
  KeycloakCrHosts(stream, answers);
  for (const Document& doc : stream.documents) {
    // The tree only of the kinds that carry an answer: building one for
    // every document would double the cost of a large stream.
    if (!doc.has_node || !(doc.Is("security.istio.io", "RequestAuthentication") ||
                           doc.Is("configuration.konghq.com", "KongPlugin") ||
                           doc.Is("configuration.konghq.com", "KongClusterPlugin") ||
                           (IsWorkload(doc) && MayMention(doc, "REDASH_SAML_METADATA_URL"))))
      continue;
    const Node* root = doc.tree().root();
    if (doc.Is("security.istio.io", "RequestAuthentication")) {
      const Node* rules = root->At("spec.jwtRules");
      for (size_t i = 0; rules && rules->IsSeq() && i < rules->Size(); ++i)
        if (const Node* jwks = rules->Item(i)->Get("jwksUri"))
          answers->Add(HostOf(jwks->Str()), doc, Index("spec.jwtRules", i) + ".jwksUri", jwks->line);
    } else if ((doc.Is("configuration.konghq.com", "KongPlugin") ||
                doc.Is("configuration.konghq.com", "KongClusterPlugin")) &&
               root->Get("plugin") && root->Get("plugin")->Str() == "oidc") {
      if (const Node* disc = root->At("config.discovery"))
        answers->Add(HostOf(disc->Str()), doc, "config.discovery", disc->line);
    } else if (IsWorkload(doc)) {
      for (const Container& c : WorkloadContainers(doc)) {
        const Node* env = c.node->Get("env");
        for (size_t i = 0; env && env->IsSeq() && i < env->Size(); ++i) {
          const Node* name = env->Item(i)->Get("name");
          const Node* value = env->Item(i)->Get("value");
          if (name && value && name->Str() == "REDASH_SAML_METADATA_URL")
            answers->Add(HostOf(value->Str()), doc, Index(Path(c.path, "env"), i) + ".value", value->line);
        }
      }
    }
  }
}

// Registry name candidates: realm names "<registry>-<frontendUrlRealm>",
// else the namespace of a document some step reads. A namespace of anything
// else (a ServiceMonitor in openshift-monitoring) says nothing about it.
void Registries(const Stream& stream, const Config& config, Answers* from_realms, Answers* from_namespaces) {
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || doc.kind.empty()) continue;
    bool wanted = false;
    for (const auto& step : AllSteps()) wanted = wanted || step->Wants(doc);
    if (!wanted) continue;
    if (!doc.namespace_.empty() && !from_namespaces->Has(doc.namespace_)) {
      const Node* ns = doc.tree().root()->At("metadata.namespace");
      from_namespaces->Add(doc.namespace_, doc, "metadata.namespace", ns ? ns->line : doc.first_line);
    }
    if (!doc.Is("v1.edp.epam.com", "KeycloakRealm")) continue;
    const Node* realm = doc.tree().root()->At("spec.realmName");
    if (!realm) continue;
    std::string_view name = realm->Str();
    for (const std::string& suffix : config.frontend_url_realms) {
      std::string tail = "-" + suffix;
      if (name.size() > tail.size() && name.substr(name.size() - tail.size()) == tail)
        from_realms->Add(std::string(name.substr(0, name.size() - tail.size())), doc, "spec.realmName", realm->line);
    }
  }
}

// The registry name stands in for this marker while the steps are asked.
constexpr std::string_view kRegistryMarker = "{registry}";

// Where in a generated body the marker landed ("metadata.namespace"); empty: nowhere.
std::string MarkerPath(const Value& v, const std::string& path) {
  if (v.type == Value::Type::kString) return v.str.find(kRegistryMarker) != std::string::npos ? path : std::string();
  for (size_t i = 0; i < v.items.size(); ++i)
    if (std::string at = MarkerPath(v.items[i], Index(path, i)); !at.empty()) return at;
  for (const auto& [key, value] : v.entries)
    if (std::string at = MarkerPath(value, Path(path, key)); !at.empty()) return at;
  return {};
}

// Plans and generates as Render does with `probe`, every planned secret as
// if fetched and accepted; says what took the marker, empty when nothing did.
std::string AskSteps(const Config& probe, Stream& stream) {
  Diagnostics ignored;
  RenderContext ctx{probe, stream, ignored, 0, true, {}};
  std::vector<SecretNeed> needs;
  for (const auto& step : AllSteps()) step->Plan(ctx, &needs);
  for (const SecretNeed& n : needs) {
    if (n.path.find(kRegistryMarker) != std::string::npos) return n.purpose + " (secret " + n.path + ")";
    ctx.material[n.path] = TlsMaterial{};
  }
  std::vector<GeneratedDocument> generated;
  for (const auto& step : AllSteps()) step->Generate(ctx, &generated);
  for (const GeneratedDocument& g : generated)
    if (std::string at = MarkerPath(g.body, ""); !at.empty())
      return "the generated " + g.kind + " " + g.name + " (" + at + ")";
  return {};
}

// What the configured steps would take from the registry name ("Route for
// o.example.com (secret registry-kv/registry/{registry}/...)"), found by
// asking them with the marker as the name; empty when nothing would. Apply
// never reads the registry name, so it is not asked.
std::string RegistryNeed(const Config& config, Stream& stream) {
  Config probe = config;
  probe.registry = kRegistryMarker;
  // The steps' own -v lines come from the real run; the probe stays quiet.
  bool verbose = Verbose();
  SetVerbose(false);
  std::string need = AskSteps(probe, stream);
  SetVerbose(verbose);
  return need;
}

void PortalHosts(const Stream& stream, const std::string& portal, Answers* answers) {
  std::string prefix = portal + "-portal-";
  auto consider = [&](const Node* host, const Document& doc, const std::string& path) {
    if (host && host->IsScalar() && host->value.rfind(prefix, 0) == 0) answers->Add(host->value, doc, path, host->line);
  };
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !(doc.Is("networking.istio.io", "Gateway") || doc.Is("networking.istio.io", "VirtualService") ||
                           doc.Is("route.openshift.io", "Route")))
      continue;
    const Node* root = doc.tree().root();
    if (doc.Is("networking.istio.io", "Gateway")) {
      const Node* servers = root->At("spec.servers");
      for (size_t i = 0; servers && servers->IsSeq() && i < servers->Size(); ++i) {
        const Node* hosts = servers->Item(i)->Get("hosts");
        std::string path = Index("spec.servers", i) + ".hosts";
        for (size_t j = 0; hosts && hosts->IsSeq() && j < hosts->Size(); ++j)
          consider(hosts->Item(j), doc, Index(path, j));
      }
    } else if (doc.Is("networking.istio.io", "VirtualService")) {
      const Node* hosts = root->At("spec.hosts");
      for (size_t j = 0; hosts && hosts->IsSeq() && j < hosts->Size(); ++j)
        consider(hosts->Item(j), doc, Index("spec.hosts", j));
    } else if (doc.Is("route.openshift.io", "Route")) {
      consider(root->At("spec.host"), doc, "spec.host");
    }
  }
}

// Hosts of KeycloakClient webUrls that look like the portal's default host:
// the portal's clients are configured, though it is served elsewhere.
void PortalClientHosts(const Stream& stream, const std::string& portal, Answers* answers) {
  const std::string prefix = portal + "-portal-";
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("v1.edp.epam.com", "KeycloakClient")) continue;
    const Node* url = doc.tree().root()->At("spec.webUrl");
    if (!url) continue;
    std::string host = HostOf(url->Str());
    if (host.rfind(prefix, 0) == 0) answers->Add(host, doc, "spec.webUrl", url->line);
  }
}

// No default host of a portal with a custom host: say what that leaves
// undone, and what to set, with the host the stream suggests.
void WarnPortalNotFound(const Stream& stream, const Portal& portal, Diagnostics* diags) {
  const std::string key = "hostgraft.defaultHosts." + portal.name;
  Answers clients;
  PortalClientHosts(stream, portal.name, &clients);
  if (clients.empty()) {
    diags->Warning({}, "the " + portal.name + " portal is not deployed by this render (no Gateway, VirtualService "
                       "or Route host starts with " + portal.name + "-portal-): nothing is changed or generated for " +
                       portal.custom_host,
                   "set " + key + " if the portal is deployed under another host");
    return;
  }
  diags->Warning(clients.WhereFirst(),
                 "the " + portal.name + " portal's default host is on no Gateway, VirtualService or Route of this "
                 "render, so what points at it is not moved to " + portal.custom_host + "; this KeycloakClient names " +
                     clients.first(),
                 "set " + key + ": " + clients.first() + " if that is the portal's default host");
}

// DESIGN.md 2.1: values for one registry given to another's release
// (hostgraft.registry reg-b, realms named reg-a-...) would graft reg-b's
// hosts and secret paths into reg-a.
bool CheckConfiguredRegistry(const Stream& stream, const Config& config, Diagnostics* diags) {
  // Only realm names tell: namespaces do not (a Gateway may live in an
  // ingress namespace of its own).
  Answers seen, namespaces;
  Registries(stream, config, &seen, &namespaces);
  if (seen.empty() || seen.Has(config.registry)) return true;
  diags->Error(kExitUsage, seen.WhereFirst(),
               "hostgraft.registry is \"" + config.registry + "\", but this stream belongs to the registry \"" +
                   seen.first() + "\"",
               "pass the values of registry " + seen.first() + ", or set hostgraft.registry: " + seen.first());
  return false;
}

}  // namespace

bool CheckConfigAgainstStream(const Stream& stream, const Config& config, Diagnostics* diags) {
  bool ok = CheckConfiguredKeycloakHost(stream, config, diags);
  return (config.registry.empty() || CheckConfiguredRegistry(stream, config, diags)) && ok;
}

bool Discover(Stream& stream, Config* config, Diagnostics* diags) {
  bool ok = true;
  // D is what every K step (5.1-5.3, 5.8, 5.9) keys on; ICS needs none: its
  // issuer URL moves to keycloakHost whatever host it names.
  if (!config->keycloak_custom_host.empty() && config->keycloak_default_host.empty()) {
    Answers answers;
    KeycloakHosts(stream, &answers);
    ok = answers.Resolve("default Keycloak host", "keycloak.host", &config->keycloak_default_host, diags) && ok;
    if (ok && config->keycloak_default_host.empty())
      diags->Warning({}, "no default Keycloak host found in the manifests: the custom Keycloak host is not grafted",
                     "set keycloak.host in the values");
  }
  // d_o/d_c: what every step of a custom portal host keys on.
  for (Portal* p : {&config->officer, &config->citizen}) {
    if (p->custom_host.empty() || !p->default_host.empty()) continue;
    Answers answers;
    PortalHosts(stream, p->name, &answers);
    ok = answers.Resolve("default " + p->name + " portal host", "hostgraft.defaultHosts." + p->name, &p->default_host,
                         diags) && ok;
    if (ok && p->default_host.empty()) WarnPortalNotFound(stream, *p, diags);
  }
  if (!ok || !config->registry.empty()) return ok;
  // The registry name only when a step would use it, asked once D and the
  // portal hosts are known (they decide what the steps plan and generate).
  std::string need = RegistryNeed(*config, stream);
  if (need.empty()) {
    diags->Info({}, "the registry name is not discovered: no step of this render uses it");
    return ok;
  }
  std::string what = "registry name for " + need;
  Answers realms, namespaces;
  Registries(stream, *config, &realms, &namespaces);
  ok = realms.Resolve(what, "hostgraft.registry", &config->registry, diags) &&
       (!config->registry.empty() || namespaces.Resolve(what, "hostgraft.registry", &config->registry, diags));
  if (ok && config->registry.empty()) {
    diags->Error(kExitUsage, {},
                 "cannot discover the " + what + ": no KeycloakRealm is named <registry>-<frontend realm> and no "
                 "document the steps read has a namespace",
                 "set hostgraft.registry in the values");
    return false;
  }
  if (ok) config->registry_discovered_at = Where(realms.empty() ? namespaces.WhereFirst() : realms.WhereFirst());
  return ok;
}

}  // namespace hostgraft
