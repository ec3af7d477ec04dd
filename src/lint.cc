#include "lint.h"

#include <algorithm>
#include <climits>
#include <set>

#include "render_command.h"
#include "report.h"
#include "steps/steps.h"
#include "steps/tls_hosts.h"
#include "values.h"

namespace hostgraft {
namespace {

std::string Title(const std::string& check) {
  const LintRule* rule = FindRule(check);
  return rule ? rule->title : check;
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// An Istio server host without its "namespace/" prefix.
std::string_view HostPart(std::string_view entry) {
  size_t slash = entry.find('/');
  return slash == std::string_view::npos ? entry : entry.substr(slash + 1);
}

// Whether a Gateway server host entry serves `host`: exactly, "*", or a
// "*.suffix" wildcard (Istio matches any number of labels there).
bool ServerHostServes(std::string_view entry, std::string_view host) {
  std::string_view h = HostPart(entry);
  if (h == "*" || h == host) return true;
  return h.size() > 2 && h.substr(0, 2) == "*." && host.size() > h.size() - 1 && host.ends_with(h.substr(1));
}

Location At(const Document& doc, std::string path, const Node* node) {
  return {doc.index, doc.Resource(), std::move(path), node ? node->line : doc.first_line, {}};
}

void CheckCredentialSecrets(const Stream& stream, const std::vector<std::string>& hosts,
                            std::vector<Checked>* checked, std::vector<Finding>* out) {
  std::set<std::string> secrets;
  for (const Document& doc : stream.documents) {
    if (doc.api_version == "v1" && doc.kind == "Secret") secrets.insert(doc.name);
    if (doc.Is("cert-manager.io", "Certificate") && doc.has_node)
      if (const Node* name = doc.tree().root()->At("spec.secretName")) secrets.insert(name->value);
  }
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("networking.istio.io", "Gateway")) continue;
    const Node* servers = doc.tree().root()->At("spec.servers");
    if (!servers || !servers->IsSeq()) continue;
    for (size_t i = 0; i < servers->Size(); ++i) {
      const Node* server = servers->Item(i);
      const Node* cred = server->At("tls.credentialName");
      const Node* server_hosts = server->Get("hosts");
      if (!cred || !cred->IsScalar() || cred->value.empty() || !server_hosts || !server_hosts->IsSeq()) continue;
      for (const Node* entry : server_hosts->children) {
        std::string host(HostPart(entry->Str()));
        if (!Contains(hosts, host)) continue;
        if (checked) checked->push_back({"credential-secret", doc.Resource()});
        if (secrets.count(cred->value)) continue;
        out->push_back(MakeFinding("credential-secret", At(doc, Index("spec.servers", i) + ".tls.credentialName", cred),
                                   "Gateway server for " + host + " names credentialName " + cred->value +
                                       ", and no Secret of that name is in the stream"));
      }
    }
  }
}

const Node* RouteHost(const Document& doc) {
  if (!doc.has_node || !doc.Is("route.openshift.io", "Route")) return nullptr;
  const Node* host = doc.tree().root()->At("spec.host");
  return host && host->IsScalar() ? host : nullptr;
}

void CheckRoutes(const Config& config, const Stream& stream, const std::vector<std::string>& hosts,
                 std::vector<Checked>* checked, std::vector<Finding>* out) {
  for (const Document& doc : stream.documents) {
    const Node* host = RouteHost(doc);
    if (!host || !Contains(hosts, host->value)) continue;
    if (checked) checked->push_back({"route-tls", doc.Resource()});
    const Node* tls = doc.tree().root()->At("spec.tls");
    const Node* termination = tls ? tls->Get("termination") : nullptr;
    const Node* certificate = tls ? tls->Get("certificate") : nullptr;
    if (termination && termination->Str() == "passthrough") continue;  // the backend presents the certificate
    if (certificate && !certificate->Str().empty()) continue;
    out->push_back(MakeFinding("route-tls", At(doc, tls ? "spec.tls" : "spec.host", tls ? tls : host),
                               "Route for custom host " + host->value +
                                   (tls ? " has tls without a certificate" : " has no tls")));
  }
  if (config.delivery != TlsDelivery::kRoute) return;
  for (const TlsHost& h : TlsHosts(config)) {
    // 5.12: only the release that holds the anchor (or generate: always) owes the Route.
    if (!GeneratesFor(config, stream, h)) continue;
    if (checked) checked->push_back({"route-missing", "host " + h.host});
    if (RouteServing(stream, h.host)) continue;
    Location where;
    where.resource = "host " + h.host;
    out->push_back(MakeFinding("route-missing", where,
                               "no Route serves custom host " + h.host + " (tls.delivery: route; certificate at " +
                                   h.secret_path + ")"));
  }
}

// The Gateways of the stream a VirtualService binds to ("name" in its own
// namespace, or "namespace/name"); "mesh" is not a Gateway.
std::vector<const Document*> BoundGateways(const Stream& stream, const Document& vs) {
  std::vector<const Document*> out;
  const Node* gateways = vs.tree().root()->At("spec.gateways");
  if (!gateways || !gateways->IsSeq()) return out;
  for (const Node* ref : gateways->children) {
    std::string_view r = ref->Str();
    if (r.empty() || r == "mesh") continue;
    size_t slash = r.find('/');
    std::string_view ns = slash == std::string_view::npos ? std::string_view(vs.namespace_) : r.substr(0, slash);
    std::string_view name = slash == std::string_view::npos ? r : r.substr(slash + 1);
    for (const Document& doc : stream.documents)
      if (doc.has_node && doc.Is("networking.istio.io", "Gateway") && doc.name == name &&
          (ns.empty() || doc.namespace_.empty() || doc.namespace_ == ns))
        out.push_back(&doc);
  }
  return out;
}

bool GatewayServes(const Document& gateway, const std::string& host) {
  const Node* servers = gateway.tree().root()->At("spec.servers");
  if (!servers || !servers->IsSeq()) return false;
  for (const Node* server : servers->children) {
    const Node* hosts = server->Get("hosts");
    if (!hosts || !hosts->IsSeq()) continue;
    for (const Node* entry : hosts->children)
      if (ServerHostServes(entry->Str(), host)) return true;
  }
  return false;
}

void CheckVirtualServiceHosts(const Stream& stream, const std::vector<std::string>& hosts,
                              std::vector<Checked>* checked, std::vector<Finding>* out) {
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("networking.istio.io", "VirtualService")) continue;
    const Node* vs_hosts = doc.tree().root()->At("spec.hosts");
    if (!vs_hosts || !vs_hosts->IsSeq()) continue;
    // Gateways outside the stream cannot be judged.
    std::vector<const Document*> gateways = BoundGateways(stream, doc);
    if (gateways.empty()) continue;
    for (size_t i = 0; i < vs_hosts->Size(); ++i) {
      std::string host(vs_hosts->Item(i)->Str());
      if (!Contains(hosts, host)) continue;
      if (checked) checked->push_back({"gateway-host", doc.Resource()});
      if (std::any_of(gateways.begin(), gateways.end(), [&](const Document* g) { return GatewayServes(*g, host); }))
        continue;
      std::string names;
      for (const Document* g : gateways) names += (names.empty() ? "" : ", ") + g->Resource();
      out->push_back(MakeFinding("gateway-host", At(doc, Index("spec.hosts", i), vs_hosts->Item(i)),
                                 "VirtualService routes custom host " + host + " through " + names +
                                     ", which does not serve it"));
    }
  }
}

enum class Origin { kPrepare, kCheck, kRender };

// Diagnostics of a phase as findings; render's own warnings are about the
// run (--secrets none), not the manifests, and stay notes. Errors that stop
// a run set the exit code of section 10.
void AddDiagnostics(const Diagnostics& diags, Origin origin, LintResult* r) {
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == Severity::kError && d.exit_code >= kExitUsage) {
      if (r->error_exit == kExitOk) r->error_exit = d.exit_code;
      r->stopped.Error(d.exit_code, d.where, d.message, d.fix);
    }
    if (d.severity == Severity::kInfo || (d.severity == Severity::kWarning && origin == Origin::kRender)) {
      if (d.severity == Severity::kWarning) r->notes.Warning(d.where, d.message, d.fix);
      else r->notes.Info(d.where, d.message);
      continue;
    }
    Finding f = FindingOf(d, origin == Origin::kCheck);
    if (origin == Origin::kCheck && !f.where.file.empty()) {
      // A secret path is not a file of the repository: name it in the text.
      f.message += " (secret " + f.where.file + ")";
      f.where.file.clear();
    }
    r->findings.push_back(std::move(f));
  }
}

bool SameFinding(const Finding& a, const Finding& b) {
  return a.id == b.id && a.where.document == b.where.document && a.message == b.message;
}

}  // namespace

std::vector<Finding> FindingsOfRender(const RenderResult& result, const Stream& stream) {
  std::vector<Finding> out;
  for (const auto& [index, change] : result.changes) {
    auto doc = std::find_if(stream.documents.begin(), stream.documents.end(),
                            [index = index](const Document& d) { return d.index == index; });
    Location where{index, doc == stream.documents.end() ? std::string() : doc->Resource(), change.path, change.line,
                   {}};
    out.push_back(MakeFinding(change.step, where, Title(change.step) + "; hostgraft render: " + change.what));
  }
  for (const GeneratedDocument& g : result.generated) {
    Location where;
    where.resource = g.Resource();
    out.push_back(MakeFinding(g.step, where, Title(g.step) + "; hostgraft render: generates " + where.resource));
  }
  return out;
}

std::vector<Finding> CheckWiring(const Config& config, const Stream& stream, std::vector<Checked>* checked) {
  std::vector<Finding> out;
  std::vector<std::string> hosts = config.CustomHosts();
  if (hosts.empty()) return out;
  CheckCredentialSecrets(stream, hosts, checked, &out);
  CheckRoutes(config, stream, hosts, checked, &out);
  CheckVirtualServiceHosts(stream, hosts, checked, &out);
  return out;
}

LintResult Lint(const Options& options, const YAML::Node& values, std::string input, SecretStore* store) {
  LintResult r;
  Diagnostics prepare;
  RenderRun run;
  bool prepared = PrepareRender(values, std::move(input), &run, &prepare);
  AddDiagnostics(prepare, Origin::kPrepare, &r);
  if (!prepared) return r;

  // The wiring checks judge the stream as render would leave it, and take
  // their locations from the input: render's own findings cover the rest.
  std::vector<Finding> before = CheckWiring(run.config, run.stream, &r.checked);
  for (const Document& doc : run.stream.documents)
    if (doc.has_node && !doc.kind.empty())
      for (const auto& step : AllSteps())
        if (step->Wants(doc)) r.checked.push_back({step->id(), doc.Resource()});

  Diagnostics checks, rendering;
  RenderOptions ro = RenderOptionsOf(options, store);
  ro.check_findings = &checks;
  bool rendered = Render(run.config, run.stream, ro, &run.result, &rendering);
  AddDiagnostics(checks, Origin::kCheck, &r);
  AddDiagnostics(rendering, Origin::kRender, &r);
  if (!rendered) return r;
  for (Finding& f : FindingsOfRender(run.result, run.stream)) r.findings.push_back(std::move(f));

  Stream after;
  Diagnostics reread;
  if (!ReadStream(run.result.output.Text(), ManifestReadLimits(), &after, &reread)) {
    AddDiagnostics(reread, Origin::kRender, &r);
    return r;
  }
  for (Finding& f : CheckWiring(run.config, after, nullptr)) {
    auto was = std::find_if(before.begin(), before.end(), [&](const Finding& b) { return SameFinding(b, f); });
    if (was != before.end()) {
      r.findings.push_back(*was);
    } else {
      f.where.line = 0;  // a line of render's output, not of the input
      r.findings.push_back(std::move(f));
    }
  }
  // Without a secret store (--secrets none) lint checks the wiring only:
  // what needs TLS material cannot be judged, so it does not fail the run.
  if (!run.result.secrets_available) {
    static const std::set<std::string> kNeedMaterial = {"route",      "tls-secret",    "route-missing",
                                                        "route-tls",  "ics-ingress",   "ics-redis-ca",
                                                        "ics-redis-mtls", "ics-checksum"};
    for (Finding& f : r.findings)
      if (kNeedMaterial.count(f.check) && f.severity == Severity::kError) {
        f.severity = Severity::kWarning;
        f.message += " (not judged as an error: --secrets none gives no TLS material)";
      }
  }
  // Document order; findings about no document (generated, hosts) last.
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
    auto key = [](const Finding& f) { return std::make_pair(f.where.document > 0 ? f.where.document : INT_MAX, f.where.line); };
    return key(a) < key(b);
  });
  return r;
}

int LintExitCode(const LintResult& result, const std::string& fail_on) {
  if (result.error_exit != kExitOk) return result.error_exit;
  if (fail_on == "never") return kExitOk;
  Severity threshold = fail_on == "warning" ? Severity::kWarning : Severity::kError;
  for (const Finding& f : result.findings)
    if (f.severity >= threshold) return kExitFindings;
  return kExitOk;
}

int LintCommand(const Options& options) {
  std::string fail_on = options.Has("--fail-on") ? options.Flag("--fail-on") : "error";
  Diagnostics load;
  std::string input;
  if (!ReadInputStream(options.Flag("--input"), &input, &load)) {
    Report(load, options.command);
    return load.exit_code();
  }
  YAML::Node values;
  LintResult result;
  if (LoadCommandValues(options, &values, &load)) result = Lint(options, values, std::move(input));
  else AddDiagnostics(load, Origin::kPrepare, &result);
  // What the values configure and discovery decided, always: "no findings"
  // must not hide that nothing was configured for this stream.
  Report(result.notes, options.command, /*show_info=*/true);
  // What stopped the run is a finding of the report; the error log gets it
  // too, as for every command (a lint under kustomize or Argo CD).
  AppendToErrorLog(result.stopped, options.command);
  FindingsReport report;
  report.command = "lint";
  report.input_file = options.Flag("--input");
  report.findings = result.findings;
  report.checked = result.checked;
  Diagnostics write;
  if (!PrintReport(report, options.format, &write)) {
    Report(write, options.command);
    return kExitWriteFailed;
  }
  return LintExitCode(result, fail_on);
}

}  // namespace hostgraft
