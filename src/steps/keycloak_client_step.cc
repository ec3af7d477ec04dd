// 5.5: a KeycloakClient whose webUrl is on a default portal host moves to
// that portal's custom host, path kept (the Redash viewer: .../reports).
#include "hosts.h"
#include "steps.h"

namespace hostgraft {
namespace {

class KeycloakClientStep : public Step {
 public:
  const char* id() const override { return "keycloak-client"; }

  bool Wants(const Document& doc) const override { return doc.Is("v1.edp.epam.com", "KeycloakClient"); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    const Node* web = doc.tree().root()->At("spec.webUrl");
    if (!web || !web->IsScalar()) return;
    for (const Portal* p : {&ctx.config.officer, &ctx.config.citizen}) {
      if (p->custom_host.empty() || p->default_host.empty() || !UrlIsOnHost(web->value, p->default_host)) continue;
      std::string moved = ReplaceUrlHost(web->value, p->custom_host);
      edits->ReplaceScalar(*web, moved);
      edits->Note(id(), "spec.webUrl", web->line, "moves to " + moved);
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeKeycloakClientStep() { return std::make_unique<KeycloakClientStep>(); }

}  // namespace hostgraft
