// 5.10, Ingress: ICS is also served on customHost. A byte copy of the
// default rule (its paths and backend) with the host changed, a tls entry
// naming hostgraft-<host>, and that kubernetes.io/tls Secret generated with
// the ingress certificate (checked by section 7, as 5.9). The chart's own
// tls secretName, which it never creates, stays as it is.
#include "hosts.h"
#include "ics.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

bool IsIngress(const Document& doc) {
  return doc.kind == "Ingress" && (doc.Group() == "networking.k8s.io" || doc.Group() == "extensions");
}

const Document* IcsIngress(const RenderContext& ctx) {
  for (const Document& doc : ctx.stream.documents)
    if (IsIngress(doc) && IsIcsResource(doc)) return &doc;
  return nullptr;
}

bool ListsHost(const Node* tls, const std::string& host) {
  for (size_t i = 0; tls && tls->IsSeq() && i < tls->Size(); ++i)
    if (FindItem(tls->Item(i)->Get("hosts"), host) >= 0) return true;
  return false;
}

class IcsIngressStep : public Step {
 public:
  const char* id() const override { return "ics-ingress"; }

  bool Wants(const Document& doc) const override {
    return IsIngress(doc) || (doc.api_version == "v1" && doc.kind == "Secret");
  }

  void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const override {
    if (!Host(ctx).empty() && IcsIngress(ctx)) {
      SecretNeed need;
      need.path = IcsIngressPath(*ctx.config.ics);
      need.host = Host(ctx);
      need.purpose = "ICS Ingress TLS for " + need.host;
      needs->push_back(need);
    }
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    std::string host = Host(ctx);
    if (host.empty()) return;
    const TlsMaterial* m = ctx.Material(IcsIngressPath(*ctx.config.ics));
    if (doc.kind == "Secret") {
      if (m && doc.name == SecretName(host)) RefreshSecretData(doc, TlsSecretData(*m), id(), host, edits);
      return;
    }
    if (!IsIcsResource(doc)) return;
    const Node* spec = doc.tree().root()->Get("spec");
    if (!spec || !spec->IsMap()) return;
    AddRule(*spec, host, edits);
    // Without material there is no Secret to name, unless an earlier render made it.
    if (m || StreamHas(ctx.stream, "Secret", SecretName(host))) AddTls(*spec, host, edits);
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    std::string host = Host(ctx);
    const Document* ingress = IcsIngress(ctx);
    if (host.empty() || !ingress) return;
    const TlsMaterial* m = ctx.Material(IcsIngressPath(*ctx.config.ics));
    std::string name = SecretName(host);
    if (!m || StreamHas(ctx.stream, "Secret", name)) return;
    out->push_back({"Secret", name, id(), TlsSecretDocument(name, ingress->namespace_, Value::Map(), TlsSecretData(*m))});
  }

 private:
  static std::string Host(const RenderContext& ctx) { return ctx.config.ics ? ctx.config.ics->custom_host : ""; }
  static std::string SecretName(const std::string& host) { return GeneratedName(kGeneratedNamePrefix, host); }

  void AddRule(const Node& spec, const std::string& host, Edits* edits) const {
    const Node* rules = spec.Get("rules");
    if (!rules || !rules->IsSeq()) return;
    int default_rule = -1;
    for (size_t i = 0; i < rules->Size(); ++i) {
      const Node* h = rules->Item(i)->Get("host");
      if (h && h->Str() == host) return;  // already served
      if (h && h->IsScalar() && default_rule < 0) default_rule = static_cast<int>(i);
    }
    if (default_rule < 0) return;
    const Node* from = rules->Item(default_rule)->Get("host");
    edits->InsertCopy(*rules, default_rule, {{from, host}});
    edits->Note(id(), Index("spec.rules", default_rule), from->line,
                "adds a rule for " + host + " with the paths of " + from->value);
  }

  void AddTls(const Node& spec, const std::string& host, Edits* edits) const {
    const Node* tls = spec.Get("tls");
    if (ListsHost(tls, host)) return;
    Value entry = Value::Map({{"hosts", Value::List({host})}, {"secretName", SecretName(host)}});
    if (tls && tls->IsSeq() && tls->Size() > 0) edits->AppendItem(*tls, entry);
    else if (!tls) edits->AddKey(spec, "tls", Value::List({entry}));
    else return;
    edits->Note(id(), "spec.tls", tls ? tls->line : spec.line, "adds tls for " + host + " with Secret " + SecretName(host));
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsIngressStep() { return std::make_unique<IcsIngressStep>(); }

}  // namespace hostgraft
