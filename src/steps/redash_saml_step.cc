// 5.3: Redash signs users in through SAML. For a frontend realm, the
// redirect URL (what browsers follow) moves to K; the metadata URL (read
// inside the cluster) stays on D, or is set back to D.
#include "hosts.h"
#include "steps.h"

namespace hostgraft {
namespace {

class RedashSamlStep : public Step {
 public:
  const char* id() const override { return "redash-saml"; }

  bool Wants(const Document& doc) const override { return IsWorkload(doc); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string k = ctx.config.CustomKeycloakHost();
    const std::string& d = ctx.config.keycloak_default_host;
    if (k.empty() || d.empty() || !MayMention(doc, "REDASH_SAML_")) return;
    for (const Container& c : WorkloadContainers(doc)) {
      const Node* env = c.node->Get("env");
      if (!env || !env->IsSeq()) continue;
      const Node* redirect = EnvValue(*env, "REDASH_SAML_REDIRECT_URL");
      if (!redirect || !IsFrontendRealm(ctx.config, RealmOf(redirect->value))) continue;
      if (UrlIsOnHost(redirect->value, d)) {
        std::string moved = ReplaceUrlHost(redirect->value, k);
        edits->ReplaceScalar(*redirect, moved);
        edits->Note(id(), Path(c.path, "env"), redirect->line, "REDASH_SAML_REDIRECT_URL moves to " + moved);
      }
      const Node* metadata = EnvValue(*env, "REDASH_SAML_METADATA_URL");
      if (metadata && UrlIsOnHost(metadata->value, k)) {
        std::string back = ReplaceUrlHost(metadata->value, d);
        edits->ReplaceScalar(*metadata, back);
        edits->Note(id(), Path(c.path, "env"), metadata->line, "REDASH_SAML_METADATA_URL back on " + back);
      }
    }
  }

 private:
  static const Node* EnvValue(const Node& env, std::string_view name) {
    for (size_t i = 0; i < env.Size(); ++i) {
      const Node* n = env.Item(i)->Get("name");
      const Node* v = env.Item(i)->Get("value");
      if (n && n->Str() == name && v && v->IsScalar()) return v;
    }
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<Step> MakeRedashSamlStep() { return std::make_unique<RedashSamlStep>(); }

}  // namespace hostgraft
