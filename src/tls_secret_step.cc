// 5.9 (tls.delivery: secret): a kubernetes.io/tls Secret per custom host,
// named hostgraft-<host>, that a Gateway server's credentialName names.
// `data` (base64), not stringData, so Argo CD and `kubectl diff` see no
// drift once applied. A Secret of that name already in the stream has its
// material refreshed instead.
#include "base64.h"
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
      if (!m || doc.name != GeneratedName("hostgraft", h.host)) continue;
      const Node* data = doc.tree().root()->Get("data");
      if (!data || !data->IsMap()) continue;
      for (const auto& [key, value] : Data(*m).entries) {
        const Node* have = data->Get(key);
        if (have && have->Str() == value.str) continue;
        if (have) edits->ReplaceScalar(*have, value.str);
        else edits->AddKey(*data, key, value);
        edits->Note(id(), "data." + key, have ? have->line : data->line, "refreshes " + key + " for " + h.host);
      }
    }
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    if (ctx.config.delivery != TlsDelivery::kSecret) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      const TlsMaterial* m = ctx.Material(h.secret_path);
      std::string name = GeneratedName("hostgraft", h.host);
      if (!m || Exists(ctx.stream, name)) continue;
      Value meta = Value::Map();
      meta.Add("name", name);
      std::string ns = Namespace(ctx, h);
      if (!ns.empty()) meta.Add("namespace", ns);
      meta.Add("labels", Value::Map({{"app.kubernetes.io/managed-by", "hostgraft"}}));
      Value secret = Value::Map();
      secret.Add("apiVersion", "v1").Add("kind", "Secret").Add("metadata", meta);
      secret.Add("type", "kubernetes.io/tls").Add("data", Data(*m));
      out->push_back({"Secret", name, id(), secret});
    }
  }

 private:
  static Value Data(const TlsMaterial& m) {
    Value data = Value::Map();
    data.Add("tls.crt", Base64Encode(LeafThenChain(m))).Add("tls.key", Base64Encode(m.key));
    if (!m.ca_certificate.empty()) data.Add("ca.crt", Base64Encode(m.ca_certificate));
    return data;
  }

  static bool Exists(const Stream& stream, const std::string& name) {
    for (const Document& doc : stream.documents)
      if (doc.kind == "Secret" && doc.api_version == "v1" && doc.name == name) return true;
    return false;
  }

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
