#include "discovery.h"

#include <map>

#include "edits.h"
#include "hosts.h"
#include "steps.h"

namespace hostgraft {
namespace {

// Every answer found, with where it was found; the first source of each
// distinct answer is enough to name in a conflict.
class Answers {
 public:
  void Add(const std::string& value, const Document& doc, const std::string& path, int line) {
    if (value.empty() || found_.count(value)) return;
    found_[value] = {doc.index, doc.Resource(), path, line, {}};
    order_.push_back(value);
  }
  // Sets *out to the single answer; a conflict is an error naming two.
  bool Resolve(const std::string& what, const std::string& setting, std::string* out, Diagnostics* diags) const {
    if (order_.empty()) return true;
    if (order_.size() > 1) {
      const Location& a = found_.at(order_[0]);
      const Location& b = found_.at(order_[1]);
      diags->Error(kExitUsage, a,
                   "cannot discover the " + what + ": " + order_[0] + " (here) and " + order_[1] + " (document " +
                       std::to_string(b.document) + ", " + b.resource + ", " + b.path + ", line " +
                       std::to_string(b.line) + ") disagree",
                   "set " + setting + " in the values");
      return false;
    }
    *out = order_[0];
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

void KeycloakHosts(const Stream& stream, Answers* answers) {
  for (const Document& doc : stream.documents) {
    // The tree only of the kinds that carry an answer: building one for
    // every document would double the cost of a large stream.
    if (!doc.has_node || !(doc.Is("v1.edp.epam.com", "Keycloak") || doc.Is("security.istio.io", "RequestAuthentication") ||
                           doc.Is("configuration.konghq.com", "KongPlugin") ||
                           doc.Is("configuration.konghq.com", "KongClusterPlugin") ||
                           (IsWorkload(doc) && MayMention(doc, "REDASH_SAML_METADATA_URL"))))
      continue;
    const Node* root = doc.tree().root();
    if (doc.Is("v1.edp.epam.com", "Keycloak")) {
      if (const Node* url = root->At("spec.url"))
        answers->Add(HostOf(url->Str()), doc, "spec.url", url->line);
    } else if (doc.Is("security.istio.io", "RequestAuthentication")) {
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

void Registries(const Stream& stream, const Config& config, Answers* from_realms, Answers* from_namespaces) {
  for (const Document& doc : stream.documents) {
    if (!doc.namespace_.empty()) from_namespaces->Add(doc.namespace_, doc, "metadata.namespace", doc.first_line);
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

}  // namespace

bool Discover(const Stream& stream, Config* config, Diagnostics* diags) {
  bool ok = true;
  // ICS needs no D: its issuer URL moves to keycloakHost whatever host it names.
  if (!config->keycloak_custom_host.empty() && config->keycloak_default_host.empty()) {
    Answers answers;
    KeycloakHosts(stream, &answers);
    ok = answers.Resolve("default Keycloak host", "keycloak.host", &config->keycloak_default_host, diags) && ok;
    if (ok && config->keycloak_default_host.empty())
      diags->Warning({}, "no default Keycloak host found in the manifests: the custom Keycloak host is not grafted",
                     "set keycloak.host in the values");
  }
  for (Portal* p : {&config->officer, &config->citizen}) {
    if (p->custom_host.empty() || !p->default_host.empty()) continue;
    Answers answers;
    PortalHosts(stream, p->name, &answers);
    ok = answers.Resolve("default " + p->name + " portal host", "hostgraft.defaultHosts." + p->name, &p->default_host,
                         diags) && ok;
    if (ok && p->default_host.empty())
      diags->Warning({}, "the " + p->name + " portal is not deployed by this render (no host starting with " + p->name +
                             "-portal- found): nothing is generated for " + p->custom_host,
                     "set hostgraft.defaultHosts." + p->name + " if the portal is deployed under another host");
  }
  bool registry_needed = !config->officer.custom_host.empty() || !config->citizen.custom_host.empty() ||
                         !config->keycloak_custom_host.empty();
  if (registry_needed && config->registry.empty()) {
    Answers realms, namespaces;
    Registries(stream, *config, &realms, &namespaces);
    ok = realms.Resolve("registry name", "hostgraft.registry", &config->registry, diags) && ok;
    if (config->registry.empty()) ok = namespaces.Resolve("registry name", "hostgraft.registry", &config->registry, diags) && ok;
  }
  return ok;
}

}  // namespace hostgraft
