// 5.10 / 5.11, ICS pod template: annotation hostgraft.io/checksum, a sha256
// of every value the ICS steps graft (env Secret URLs and ORIGIN_REGEX,
// provisioning base URL, ingress host and certificate, Redis CA and client
// certificate), so pods roll when any of them changes (a certificate
// rotation) and never otherwise. The values are recomputed from the input
// with the steps' own functions, so a render of the output hashes the same.
#include "digest.h"
#include "ics.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {

namespace {

constexpr const char* kAnnotation = "hostgraft.io/checksum";

Grafts Everything(const RenderContext& ctx, const std::string& fullname) {
  Grafts all;
  const IcsConfig& ics = *ctx.config.ics;
  auto add = [&all](const std::string& prefix, const Grafts& grafts) {
    for (const auto& [what, value] : grafts) all.emplace_back(prefix + what, value);
  };
  if (const Document* env = FindIcs(ctx.stream, "Secret", fullname)) add("env/", IcsEnvGrafts(ics, *env->tree().root()));
  if (const Document* cm = FindIcs(ctx.stream, "ConfigMap", fullname + "-provisioning-env"))
    add("provisioning/", IcsProvisioningGrafts(ics, *cm->tree().root()));
  if (const TlsMaterial* m = ctx.Material(IcsIngressPath(ics))) {
    all.emplace_back("ingress/host", ics.custom_host);
    for (const auto& [key, value] : TlsSecretData(*m).entries) all.emplace_back("ingress/" + key, value.str);
  }
  if (const TlsMaterial* m = ctx.Material(ics.redis_path)) {
    all.emplace_back("redis/rootca.pem", m->ca_certificate);
    if (!m->key.empty())
      for (const auto& [key, value] : TlsSecretData(*m, false).entries) all.emplace_back("redis/" + key, value.str);
  }
  return all;
}

class IcsChecksumStep : public Step {
 public:
  const char* id() const override { return "ics-checksum"; }

  bool Wants(const Document& doc) const override { return doc.kind == "Deployment"; }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    if (!IsIcs(ctx.config, ctx.stream, doc, "Deployment", "")) return;
    Grafts all = Everything(ctx, doc.name);
    if (all.empty()) return;
    std::string hashed;
    for (const auto& [what, value] : all) hashed += what + '\0' + value + '\0';
    std::string checksum = Sha256Hex(hashed);
    const Node* meta = doc.tree().root()->At("spec.template.metadata");
    if (!meta || !meta->IsMap()) return;
    const Node* annotations = meta->Get("annotations");
    const Node* have = annotations && annotations->IsMap() ? annotations->Get(kAnnotation) : nullptr;
    if (have && have->Str() == checksum) return;
    if (have) edits->ReplaceScalar(*have, checksum);
    else if (annotations && annotations->IsMap() && annotations->Size() > 0) edits->AddKey(*annotations, kAnnotation, checksum);
    else if (!annotations) edits->AddKey(*meta, "annotations", Value::Map({{kAnnotation, checksum}}));
    else return;
    edits->Note(id(), "spec.template.metadata.annotations", meta->line,
                "sets " + std::string(kAnnotation) + " over " + std::to_string(all.size()) + " grafted values");
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsChecksumStep() { return std::make_unique<IcsChecksumStep>(); }

}  // namespace hostgraft
