// 5.1: for each jwtRule whose issuer is on the default Keycloak host D, a
// twin rule right after it: a byte copy (forwardOriginalToken, fromHeaders,
// jwksUri still on D) with only the issuer's host changed to K.
#include <string_view>
#include <unordered_set>

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
    // The issuers the document already has, collected once: looking each
    // twin up by scanning every rule made 30,000 rules take minutes. Only
    // the input's issuers count, not the twins added here: two rules with
    // the same issuer on D each get their own twin (each copies its own
    // fields), and a second render finds them all and adds none.
    std::unordered_set<std::string_view> issuers;
    issuers.reserve(rules->Size());
    for (size_t i = 0; i < rules->Size(); ++i)
      if (const Node* n = rules->Item(i)->Get("issuer")) issuers.insert(n->Str());
    for (size_t i = 0; i < rules->Size(); ++i) {
      const Node* issuer = rules->Item(i)->Get("issuer");
      if (!issuer || !issuer->IsScalar() || !UrlIsOnHost(issuer->value, d)) continue;
      std::string twin = ReplaceUrlHost(issuer->value, k);
      if (issuers.count(twin)) continue;  // already there: a chart did it, or an earlier render
      edits->InsertCopy(*rules, i, {{issuer, twin}});
      edits->Note(id(), Index("spec.jwtRules", i), rules->Item(i)->line, "adds a twin rule with issuer " + twin);
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeRequestAuthenticationStep() { return std::make_unique<RequestAuthenticationStep>(); }

}  // namespace hostgraft
