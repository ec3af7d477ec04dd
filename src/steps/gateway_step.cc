// 5.6: each Gateway server that lists a default portal host also lists the
// portal's custom host; with tls.delivery: secret, an HTTPS server for the
// custom host uses the generated Secret as its credentialName.
#include "hosts.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

// Istio server hosts may be "namespace/host"; the prefix is kept.
int FindHost(const Node* hosts, std::string_view host, std::string* prefix) {
  if (!hosts || !hosts->IsSeq()) return -1;
  for (size_t i = 0; i < hosts->Size(); ++i) {
    std::string_view h = hosts->Item(i)->Str();
    size_t slash = h.find('/');
    if (h.substr(slash == std::string_view::npos ? 0 : slash + 1) != host) continue;
    if (prefix) *prefix = std::string(h.substr(0, slash == std::string_view::npos ? 0 : slash + 1));
    return static_cast<int>(i);
  }
  return -1;
}

class GatewayStep : public Step {
 public:
  const char* id() const override { return "gateway"; }

  bool Wants(const Document& doc) const override { return doc.Is("networking.istio.io", "Gateway"); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    const Node* servers = doc.tree().root()->At("spec.servers");
    if (!servers || !servers->IsSeq()) return;
    for (const Portal* p : {&ctx.config.officer, &ctx.config.citizen}) {
      if (p->custom_host.empty() || p->default_host.empty()) continue;
      bool serves_default = false;
      for (size_t i = 0; i < servers->Size(); ++i) {
        const Node* hosts = servers->Item(i)->Get("hosts");
        std::string prefix;
        int at = FindHost(hosts, p->default_host, &prefix);
        if (at < 0) continue;
        serves_default = true;
        if (FindHost(hosts, p->custom_host, nullptr) >= 0) continue;
        edits->InsertItem(*hosts, at, Value(prefix + p->custom_host));
        edits->Note(id(), Index("spec.servers", i) + ".hosts", hosts->line, "lists " + p->custom_host);
      }
      if (serves_default && ctx.config.delivery == TlsDelivery::kSecret) AddHttpsServer(ctx, *p, *servers, edits);
    }
  }

 private:
  void AddHttpsServer(const RenderContext& ctx, const Portal& p, const Node& servers, Edits* edits) const {
    if (!ctx.Material(ctx.config.PortalCertificatePath(p))) return;  // no Secret will exist
    std::string secret = GeneratedName("hostgraft", p.custom_host);
    for (size_t i = 0; i < servers.Size(); ++i) {
      const Node* cred = servers.Item(i)->At("tls.credentialName");
      if (cred && cred->Str() == secret) return;
    }
    Value port = Value::Map();
    port.Add("name", "https-" + HostDashed(p.custom_host)).Add("number", Value("443")).Add("protocol", "HTTPS");
    port.entries[1].second.plain = true;
    Value tls = Value::Map();
    tls.Add("mode", "SIMPLE").Add("credentialName", secret);
    Value server = Value::Map();
    server.Add("hosts", Value::List({p.custom_host})).Add("port", port).Add("tls", tls);
    edits->AppendItem(servers, server);
    edits->Note(id(), "spec.servers", servers.line, "adds an HTTPS server for " + p.custom_host + " with credentialName " + secret);
  }
};

}  // namespace

std::unique_ptr<Step> MakeGatewayStep() { return std::make_unique<GatewayStep>(); }

}  // namespace hostgraft
