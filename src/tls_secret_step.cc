// 5.9 (tls.delivery: secret): a kubernetes.io/tls Secret per custom host,
// named hostgraft-<host>, that a Gateway server's credentialName names.
// A Secret of that name already in the stream has its material refreshed
// instead.
#include "hosts.h"
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
    for (const TlsHost& h : TlsHosts(ctx.config)) needs->push_back(TlsNeed(h, "TLS Secret for " + h.host));
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
      if (!m || StreamHas(ctx.stream, "Secret", name)) continue;
      Value secret = TlsSecretDocument(name, Namespace(ctx, h), Value::Map(), TlsSecretData(*m));
      out->push_back({"Secret", name, id(), std::move(secret)});
    }
  }

 private:
  // secretNamespace, else the namespace of the Gateway serving the default host.
  static std::string Namespace(const RenderContext& ctx, const TlsHost& h) {
    if (!ctx.config.secret_namespace.empty()) return ctx.config.secret_namespace;
    for (const Document& doc : ctx.stream.documents) {
      if (!doc.Is("networking.istio.io", "Gateway")) continue;
      if (doc.text.find(h.default_host) != std::string::npos && !doc.namespace_.empty()) return doc.namespace_;
    }
    return ctx.config.registry;
  }
};

}  // namespace

std::unique_ptr<Step> MakeTlsSecretStep() { return std::make_unique<TlsSecretStep>(); }

}  // namespace hostgraft
