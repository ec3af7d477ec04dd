// 5.8 (tls.delivery: route): an OpenShift Route with edge TLS for every
// custom Keycloak host and each custom portal host, generated only by the
// render that holds the Route serving the matching default host (5.12) or
// with hostgraft.generate: always. to/port are copied from that Route, else
// built from tls.route. A Route that already exists for the custom host
// gets its TLS material filled in, whatever hostgraft.generate says.
#include "hosts.h"
#include "log.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

class RouteStep : public Step {
 public:
  const char* id() const override { return "route"; }

  bool Wants(const Document& doc) const override { return doc.Is("route.openshift.io", "Route"); }

  void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const override {
    if (ctx.config.delivery != TlsDelivery::kRoute) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      // The material is read only for a Route this render fills or generates.
      std::string why;
      if (RouteServing(ctx.stream, h.host) || GeneratesFor(ctx.config, ctx.stream, h, &why))
        needs->push_back(TlsNeed(h, "Route for " + h.host));
      else
        Log("plan: route: no Route for " + h.host + ": " + why);
    }
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    if (ctx.config.delivery != TlsDelivery::kRoute) return;
    const Node* spec = doc.tree().root()->Get("spec");
    const Node* host = spec ? spec->Get("host") : nullptr;
    if (!host) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      const TlsMaterial* m = ctx.Material(h.secret_path);
      if (host->Str() != h.host || !m) continue;
      const Node* tls = spec->Get("tls");
      if (!tls || !tls->IsMap()) {
        if (tls) continue;
        edits->AddKey(*spec, "tls", Tls(*m));
        edits->Note(id(), "spec.tls", spec->line, "adds edge TLS for " + h.host + " from " + h.secret_path);
        continue;
      }
      // Fill or refresh the material; keep the operator's termination choice.
      for (const auto& [key, value] : Tls(*m).entries) {
        const Node* have = tls->Get(key);
        bool material = key == "certificate" || key == "key" || key == "caCertificate";
        if (!have) edits->AddKey(*tls, key, value);
        else if (material && have->IsScalar() && have->value != value.str) edits->ReplaceScalar(*have, value.str);
        else continue;
        edits->Note(id(), "spec.tls." + key, have ? have->line : tls->line, "sets " + key + " for " + h.host);
      }
    }
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    if (ctx.config.delivery != TlsDelivery::kRoute) return;
    for (const TlsHost& h : TlsHosts(ctx.config)) {
      const TlsMaterial* m = ctx.Material(h.secret_path);
      if (!m || RouteServing(ctx.stream, h.host) || !GeneratesFor(ctx.config, ctx.stream, h)) continue;
      out->push_back({"Route", GeneratedName("hostgraft", h.host), id(), Route(ctx, h, *m)});
    }
  }

 private:
  static Value Tls(const TlsMaterial& m) {
    Value tls = Value::Map();
    tls.Add("termination", "edge").Add("insecureEdgeTerminationPolicy", "Redirect");
    tls.Add("certificate", LeafThenChain(m)).Add("key", m.key);
    if (!m.ca_certificate.empty()) tls.Add("caCertificate", m.ca_certificate);
    return tls;
  }

  static Value Route(const RenderContext& ctx, const TlsHost& h, const TlsMaterial& m) {
    const Document* twin = RouteServing(ctx.stream, h.default_host);
    const Node* twin_spec = twin ? twin->tree().root()->Get("spec") : nullptr;
    // Beside its twin: a twin without a namespace is in the release's
    // namespace, where Helm puts a Route without one too.
    std::string ns = twin ? twin->namespace_ : ctx.config.registry;
    Value meta = Value::Map();
    meta.Add("name", GeneratedName("hostgraft", h.host));
    if (!ns.empty()) meta.Add("namespace", ns);
    meta.Add("labels", Value::Map({{"app.kubernetes.io/managed-by", "hostgraft"}}));
    Value spec = Value::Map();
    spec.Add("host", h.host);
    if (twin_spec && twin_spec->Get("path")) spec.Add("path", ToValue(*twin_spec->Get("path")));
    if (twin_spec && twin_spec->Get("to")) {
      spec.Add("to", ToValue(*twin_spec->Get("to")));
    } else {
      std::string service = ExpandTemplate(ctx.config.route_service, {{"registry", ctx.config.registry}});
      spec.Add("to", Value::Map({{"kind", "Service"}, {"name", service}}));
    }
    if (twin_spec && twin_spec->Get("port")) spec.Add("port", ToValue(*twin_spec->Get("port")));
    else spec.Add("port", Value::Map({{"targetPort", ctx.config.route_target_port}}));
    spec.Add("tls", Tls(m));
    Value route = Value::Map();
    route.Add("apiVersion", "route.openshift.io/v1").Add("kind", "Route").Add("metadata", meta).Add("spec", spec);
    return route;
  }
};

}  // namespace

std::unique_ptr<Step> MakeRouteStep() { return std::make_unique<RouteStep>(); }

}  // namespace hostgraft
