// 5.10, Redis mTLS: the Secret the ICS Deployment mounts as its Redis client
// certificate (mTLS.existingSecret.name) gets tls.crt/tls.key from
// redisPath. The chart renders it only when clientCert/clientKey are
// non-empty: placeholders there are replaced (stringData or base64 data,
// the way it came); without it the Secret is generated. The material was
// checked as a client certificate: key pair, validity at --at, chain to the
// Redis CA, clientAuth, no host.
#include "ics.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

class IcsRedisMtlsStep : public Step {
 public:
  const char* id() const override { return "ics-redis-mtls"; }

  bool Wants(const Document& doc) const override { return doc.api_version == "v1" && doc.kind == "Secret"; }

  void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const override {
    if (!ctx.config.ics) return;
    std::optional<SecretNeed> need = IcsRedisNeed(ctx);
    if (need && need->client_auth) needs->push_back(*need);
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string name;
    const TlsMaterial* m = Material(ctx, &name);
    if (!m || doc.name != name) return;
    const Node& secret = *doc.tree().root();
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"tls.crt", LeafThenChain(*m)}, {"tls.key", m->key}}) {
      std::optional<SecretValue> have = ReadSecretValue(secret, key);
      if (!have || have->node->alias || SamePem(have->value, value)) continue;
      WriteSecretValue(*have, value, edits);
      edits->Note(id(), (have->base64 ? "data." : "stringData.") + key, have->node->line,
                  "sets " + key + " of the Redis client certificate from " + ctx.config.ics->redis_path);
    }
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    std::string name;
    const TlsMaterial* m = Material(ctx, &name);
    if (!m || StreamHas(ctx.stream, "Secret", name)) return;
    const Document& deployment = *IcsDeployment(ctx.config, ctx.stream);
    Value secret = TlsSecretDocument(name, deployment.namespace_, IcsLabels(deployment), TlsSecretData(*m, false));
    out->push_back({"Secret", name, id(), std::move(secret)});
  }

 private:
  // The checked client material and the Secret name it goes to; null when
  // the Deployment mounts no client certificate or there is no material.
  static const TlsMaterial* Material(const RenderContext& ctx, std::string* name) {
    const Document* deployment = IcsDeployment(ctx.config, ctx.stream);
    if (!deployment) return nullptr;
    *name = IcsMtlsSecretName(*deployment);
    return name->empty() ? nullptr : ctx.Material(ctx.config.ics->redis_path);
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsRedisMtlsStep() { return std::make_unique<IcsRedisMtlsStep>(); }

}  // namespace hostgraft
