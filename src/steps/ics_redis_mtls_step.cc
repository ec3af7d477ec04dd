// 5.10, Redis mTLS: the Secret the ICS Deployment mounts as its Redis client
// certificate (mTLS.existingSecret.name) gets tls.crt/tls.key from
// redisPath. The chart renders its own Secret <fullname>-redis-client-
// credentials only when clientCert/clientKey are non-empty: placeholders
// there are replaced (stringData or base64 data, the way it came); when the
// Deployment mounts no Secret of the stream, that one is generated. The
// chart's own Secret gets the same material even when the Deployment mounts
// another one (the chart's default existingSecret.name does not follow the
// release name), with a warning: it holds what clientCert/clientKey stand
// for, and no placeholder may stay in the release (DESIGN 2.1). The material
// was checked as a client certificate: key pair, validity at --at, chain to
// the Redis CA, clientAuth, no host.
#include "ics.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

// The Secret the chart renders from clientCert/clientKey: <fullname><suffix>.
constexpr std::string_view kChartSecretSuffix = "-redis-client-credentials";

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
    if (!m) return;
    if (doc.name != name) {
      if (!IsIcs(ctx.config, ctx.stream, doc, "Secret", kChartSecretSuffix)) return;
      ctx.diags.Warning({doc.index, doc.Resource(), {}, doc.first_line, {}},
                        "the chart's own Redis client Secret is not the one the Deployment mounts (" + name +
                            "): both get the client certificate from " + ctx.config.ics->redis_path,
                        "set ics.redis.ssl.mTLS.existingSecret.name to '{{ include \"common.names.fullname\" . }}"
                        "-redis-client-credentials' so the Deployment mounts the chart's Secret (docs/ics.md)");
    }
    const Node& secret = *doc.tree().root();
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"tls.crt", LeafThenChain(*m)}, {"tls.key", m->key}}) {
      std::optional<SecretValue> have = ReadSecretValue(secret, key);
      if (!have || SamePem(have->value, value)) continue;
      WriteSecretValue(*have, have->base64 ? value : PemFor(doc, *have->node, value), edits);
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
