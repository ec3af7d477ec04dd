// 5.2: a Kong oidc plugin whose discovery is on D accepts tokens issued on
// K: issuers_allowed gains the K twin of each issuer on D, and the
// introspection endpoint moves to K. discovery stays on D.
#include "hosts.h"
#include "steps.h"

namespace hostgraft {
namespace {

class KongOidcStep : public Step {
 public:
  const char* id() const override { return "kong-oidc"; }

  bool Wants(const Document& doc) const override {
    return doc.Is("configuration.konghq.com", "KongPlugin") || doc.Is("configuration.konghq.com", "KongClusterPlugin");
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string k = ctx.config.CustomKeycloakHost();
    const std::string& d = ctx.config.keycloak_default_host;
    const Node* root = doc.tree().root();
    const Node* plugin = root->Get("plugin");
    const Node* config = root->Get("config");
    if (k.empty() || d.empty() || !plugin || plugin->Str() != "oidc" || !config || !config->IsMap()) return;
    const Node* discovery = config->Get("discovery");
    if (!discovery || !UrlIsOnHost(discovery->Str(), d)) return;

    // The issuers to accept on K: twins of those allowed on D, or of the
    // discovery document's issuer when the plugin lists none.
    std::string disc_issuer(discovery->Str().substr(0, discovery->Str().find("/.well-known")));
    const Node* allowed = config->Get("issuers_allowed");
    std::vector<std::string> wanted;
    if (allowed && allowed->IsSeq()) {
      for (size_t i = 0; i < allowed->Size(); ++i)
        if (UrlIsOnHost(allowed->Item(i)->Str(), d)) wanted.push_back(ReplaceUrlHost(allowed->Item(i)->Str(), k));
    } else {
      wanted.push_back(ReplaceUrlHost(disc_issuer, k));
    }
    if (allowed && allowed->IsSeq() && allowed->Size() > 0) {
      size_t last = allowed->Size() - 1;
      for (const std::string& issuer : wanted) {
        if (FindItem(allowed, issuer) >= 0) continue;
        edits->InsertItem(*allowed, last, Value(issuer));
        edits->Note(id(), "config.issuers_allowed", allowed->line, "allows issuer " + issuer);
      }
    } else if (!allowed) {
      // Without the key the plugin trusts only the discovery issuer; keep it.
      edits->AddKey(*config, "issuers_allowed", Value::List({disc_issuer, wanted[0]}));
      edits->Note(id(), "config.issuers_allowed", config->line, "allows issuers " + disc_issuer + " and " + wanted[0]);
    }
    const Node* introspection = config->Get("introspection_endpoint");
    if (introspection && introspection->IsScalar() && UrlIsOnHost(introspection->value, d)) {
      std::string moved = ReplaceUrlHost(introspection->value, k);
      edits->ReplaceScalar(*introspection, moved);
      edits->Note(id(), "config.introspection_endpoint", introspection->line, "moves to " + moved);
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeKongOidcStep() { return std::make_unique<KongOidcStep>(); }

}  // namespace hostgraft
