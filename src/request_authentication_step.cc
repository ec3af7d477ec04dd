// 5.1: for each jwtRule whose issuer is on the default Keycloak host D, a
// twin rule right after it: a byte copy (forwardOriginalToken, fromHeaders,
// jwksUri still on D) with only the issuer's host changed to K.
#include "hosts.h"
#include "steps.h"

namespace hostgraft {
namespace {

class RequestAuthenticationStep : public Step {
 public:
  const char* id() const override { return "request-authentication"; }

  bool Wants(const Document& doc) const override { return doc.Is("security.istio.io", "RequestAuthentication"); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string k = ctx.config.CustomKeycloakHost();
    const std::string& d = ctx.config.keycloak_default_host;
    if (k.empty() || d.empty()) return;
    const Node* rules = doc.tree().root()->At("spec.jwtRules");
    if (!rules || !rules->IsSeq()) return;
    for (size_t i = 0; i < rules->Size(); ++i) {
      const Node* issuer = rules->Item(i)->Get("issuer");
      if (!issuer || !issuer->IsScalar() || !UrlIsOnHost(issuer->value, d)) continue;
      std::string twin = ReplaceUrlHost(issuer->value, k);
      if (HasIssuer(*rules, twin)) continue;  // already there: a chart did it, or an earlier render
      edits->InsertCopy(*rules, i, {{issuer, twin}});
      edits->Note(id(), Index("spec.jwtRules", i), rules->Item(i)->line, "adds a twin rule with issuer " + twin);
    }
  }

 private:
  static bool HasIssuer(const Node& rules, const std::string& issuer) {
    for (size_t i = 0; i < rules.Size(); ++i) {
      const Node* n = rules.Item(i)->Get("issuer");
      if (n && n->Str() == issuer) return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Step> MakeRequestAuthenticationStep() { return std::make_unique<RequestAuthenticationStep>(); }

}  // namespace hostgraft
