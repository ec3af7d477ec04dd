// 5.9 (tls.delivery: secret): a kubernetes.io/tls Secret per custom host,
// named hostgraft-<host>, that a Gateway server's credentialName names. It
// is generated only by the render that holds a Gateway server listing the
// host's default host (5.12), in that Gateway's namespace, or with
// hostgraft.generate: always. A Secret of that name already in the stream
// has its material refreshed instead.
#include "hosts.h"
#include "log.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

class TlsSecretStep : public Step {
 public:
  const char* id() const override { return "tls-secret"; }

  bool Wants(const Document& doc) const override { return doc.api_version == "v1" && doc.kind == "Secret"; }

  void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const override {
    if (ctx.config.delivery != TlsDelivery::kSecret) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      // The material is read only for a Secret this render refreshes or generates.
      std::string why;
      if (StreamHas(ctx.stream, "Secret", GeneratedName("hostgraft", h.host)) ||
          GeneratesFor(ctx.config, ctx.stream, h, &why))
        needs->push_back(TlsNeed(h, "TLS Secret for " + h.host));
      else
        Log("plan: tls-secret: no Secret for " + h.host + ": " + why);
    }
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    if (ctx.config.delivery != TlsDelivery::kSecret) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      const TlsMaterial* m = ctx.Material(h.secret_path);
      if (m && doc.name == GeneratedName("hostgraft", h.host))
        RefreshSecretData(doc, TlsSecretData(*m), id(), h.host, edits);
    }
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    if (ctx.config.delivery != TlsDelivery::kSecret) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      const TlsMaterial* m = ctx.Material(h.secret_path);
      std::string name = GeneratedName("hostgraft", h.host);
      if (!m || StreamHas(ctx.stream, "Secret", name) || !GeneratesFor(ctx.config, ctx.stream, h)) continue;
      Value secret = TlsSecretDocument(name, Namespace(ctx, h), Value::Map(), TlsSecretData(*m));
      out->push_back({"Secret", name, id(), std::move(secret)});
    }
  }

 private:
  // tls.secretNamespace, else the namespace of the anchor Gateway (the one
  // Istio reads credentialName from; none when it has none, so both land in
  // the release's namespace), else the registry's.
  static std::string Namespace(const RenderContext& ctx, const TlsHost& h) {
    if (!ctx.config.secret_namespace.empty()) return ctx.config.secret_namespace;
    const Document* gateway = GatewayListing(ctx.stream, h.default_host);
    return gateway ? gateway->namespace_ : ctx.config.registry;
  }
};

}  // namespace

std::unique_ptr<Step> MakeTlsSecretStep() { return std::make_unique<TlsSecretStep>(); }

}  // namespace hostgraft
