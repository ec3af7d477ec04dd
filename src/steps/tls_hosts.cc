#include "tls_hosts.h"

#include "base64.h"

namespace hostgraft {

std::vector<TlsHost> TlsHosts(const Config& config) {
  std::vector<TlsHost> out;
  const std::string& d = config.keycloak_default_host;
  std::vector<KeycloakHost> keycloak = config.keycloak_custom_hosts;
  if (keycloak.empty()) keycloak.push_back({config.CustomKeycloakHost(), {}, {}});
  for (const KeycloakHost& k : keycloak) {
    if (k.host.empty() || d.empty() || k.host == d) continue;
    std::string path = !k.certificate_path.empty()
                           ? k.certificate_path
                           : ExpandTemplate(config.keycloak_path_template, {{"host", k.host}, {"registry", config.registry}});
    out.push_back({k.host, d, path, "keycloak"});
  }
  for (const Portal* p : {&config.officer, &config.citizen})
    if (!p->custom_host.empty() && !p->default_host.empty())
      out.push_back({p->custom_host, p->default_host, config.PortalCertificatePath(*p), p->name});
  return out;
}

const Document* RouteServing(const Stream& stream, std::string_view host) {
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("route.openshift.io", "Route")) continue;
    const Node* h = doc.tree().root()->At("spec.host");
    if (h && h->IsScalar() && h->Str() == host) return &doc;
  }
  return nullptr;
}

const Document* GatewayListing(const Stream& stream, std::string_view host) {
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("networking.istio.io", "Gateway")) continue;
    const Node* servers = doc.tree().root()->At("spec.servers");
    if (!servers || !servers->IsSeq()) continue;
    for (const Node* server : servers->children) {
      const Node* hosts = server->Get("hosts");
      if (!hosts || !hosts->IsSeq()) continue;
      for (const Node* entry : hosts->children) {
        std::string_view listed = entry->Str();
        size_t slash = listed.find('/');
        if (listed.substr(slash == std::string_view::npos ? 0 : slash + 1) == host) return &doc;
      }
    }
  }
  return nullptr;
}

const Document* AnchorOf(const Config& config, const Stream& stream, const TlsHost& h) {
  if (config.delivery == TlsDelivery::kRoute) return RouteServing(stream, h.default_host);
  if (config.delivery == TlsDelivery::kSecret) return GatewayListing(stream, h.default_host);
  return nullptr;
}

bool GeneratesFor(const Config& config, const Stream& stream, const TlsHost& h, std::string* why) {
  switch (config.generate) {
    case GenerateMode::kAlways:
      return true;
    case GenerateMode::kNever:
      if (why) *why = "hostgraft.generate: never";
      return false;
    case GenerateMode::kAuto:
      if (AnchorOf(config, stream, h)) return true;
      if (why)
        *why = std::string("this stream holds no ") +
             (config.delivery == TlsDelivery::kSecret ? "Gateway server listing " : "Route serving ") +
             h.default_host + ", its anchor; the release that holds it generates it (hostgraft.generate: auto)";
      return false;
  }
  return false;
}

SecretNeed TlsNeed(const TlsHost& h, const std::string& purpose) {
  SecretNeed n;
  n.path = h.secret_path;
  n.host = h.host;
  n.purpose = purpose;
  return n;
}

std::string LeafThenChain(const TlsMaterial& m) {
  std::string out;
  for (const std::string& pem : PemCertificates(m.certificate)) {
    out += pem;
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  return out;
}

Value TlsSecretData(const TlsMaterial& m, bool with_ca) {
  Value data = Value::Map();
  data.Add("tls.crt", Base64Encode(LeafThenChain(m))).Add("tls.key", Base64Encode(m.key));
  if (with_ca && !m.ca_certificate.empty()) data.Add("ca.crt", Base64Encode(m.ca_certificate));
  return data;
}

Value TlsSecretDocument(const std::string& name, const std::string& ns, Value labels, const Value& data) {
  Value meta = Value::Map();
  meta.Add("name", name);
  if (!ns.empty()) meta.Add("namespace", ns);
  labels.Add("app.kubernetes.io/managed-by", "hostgraft");
  meta.Add("labels", std::move(labels));
  Value secret = Value::Map();
  secret.Add("apiVersion", "v1").Add("kind", "Secret").Add("metadata", meta);
  secret.Add("type", "kubernetes.io/tls").Add("data", data);
  return secret;
}

void RefreshSecretData(const Document& doc, const Value& data, const char* step, const std::string& what,
                       Edits* edits) {
  const Node* have_data = doc.tree().root()->Get("data");
  if (!have_data || !have_data->IsMap()) return;
  for (const auto& [key, value] : data.entries) {
    const Node* have = have_data->Get(key);
    if (have && have->Str() == value.str) continue;
    if (have) edits->ReplaceScalar(*have, value.str);
    else edits->AddKey(*have_data, key, value);
    edits->Note(step, "data." + key, have ? have->line : have_data->line, "refreshes " + key + " for " + what);
  }
}

bool StreamHas(const Stream& stream, std::string_view kind, std::string_view name) {
  for (const Document& doc : stream.documents)
    if (doc.api_version == "v1" && doc.kind == kind && doc.name == name) return true;
  return false;
}

}  // namespace hostgraft
