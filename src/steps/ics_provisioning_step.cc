// 5.10, ConfigMap <fullname>-provisioning-env: the Keycloak client that the
// provisioning init container creates gets ICS's custom host as its base
// URL (redirect URI, web origin, back-channel logout).
#include "hosts.h"
#include "ics.h"
#include "steps.h"

namespace hostgraft {

Grafts IcsProvisioningGrafts(const IcsConfig& ics, const Node& configmap) {
  const Node* url = configmap.At("data.KEYCLOAK_APP_BASE_URL");
  if (ics.custom_host.empty() || !url || !url->IsScalar() || !ParseUrl(url->value)) return {};
  return {{"KEYCLOAK_APP_BASE_URL", ReplaceUrlHost(url->value, ics.custom_host)}};
}

namespace {

class IcsProvisioningStep : public Step {
 public:
  const char* id() const override { return "ics-provisioning"; }

  bool Wants(const Document& doc) const override { return doc.api_version == "v1" && doc.kind == "ConfigMap"; }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    if (!IsIcs(ctx.config, ctx.stream, doc, "ConfigMap", "-provisioning-env")) return;
    const Node& configmap = *doc.tree().root();
    for (const auto& [key, value] : IcsProvisioningGrafts(*ctx.config.ics, configmap)) {
      const Node* have = configmap.At("data." + key);
      if (have->value == value) continue;
      edits->ReplaceScalar(*have, value);
      edits->Note(id(), "data." + key, have->line, "sets " + key + " to " + value);
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsProvisioningStep() { return std::make_unique<IcsProvisioningStep>(); }

}  // namespace hostgraft
