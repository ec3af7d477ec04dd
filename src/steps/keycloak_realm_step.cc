// 5.4: the frontend realms' Frontend URL is K, so Keycloak writes K into
// the tokens and pages it serves to browsers.
#include "steps.h"

namespace hostgraft {
namespace {

class KeycloakRealmStep : public Step {
 public:
  const char* id() const override { return "keycloak-realm"; }

  bool Wants(const Document& doc) const override { return doc.Is("v1.edp.epam.com", "KeycloakRealm"); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string k = ctx.config.CustomKeycloakHost();
    const Node* spec = doc.tree().root()->Get("spec");
    if (k.empty() || !spec || !spec->IsMap()) return;
    const Node* realm = spec->Get("realmName");
    if (!realm || !IsFrontendRealm(ctx.config, realm->Str())) return;
    std::string url = "https://" + k + "/auth/";
    const Node* frontend = spec->Get("frontendUrl");
    if (frontend && frontend->Str() == url) return;
    if (frontend && frontend->IsScalar()) edits->ReplaceScalar(*frontend, url);
    else if (!frontend) edits->AddKey(*spec, "frontendUrl", Value(url));
    else return;
    edits->Note(id(), "spec.frontendUrl", frontend ? frontend->line : spec->line, "set to " + url);
  }
};

}  // namespace

std::unique_ptr<Step> MakeKeycloakRealmStep() { return std::make_unique<KeycloakRealmStep>(); }

}  // namespace hostgraft
