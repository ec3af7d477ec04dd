#include "ics.h"

#include "base64.h"
#include "steps.h"

namespace hostgraft {

namespace {

constexpr std::string_view kIcsName = "intercom-service";

std::string Label(const Document& doc, std::string_view key) {
  const Node* root = doc.tree().root();
  const Node* labels = root ? root->At("metadata.labels") : nullptr;
  const Node* value = labels ? labels->Get(key) : nullptr;
  return value ? value->value : std::string();
}

// The pod spec's volumes of the Deployment, or null.
const Node* Volumes(const Document& deployment) {
  const Node* spec = PodSpec(deployment, nullptr);
  const Node* volumes = spec ? spec->Get("volumes") : nullptr;
  return volumes && volumes->IsSeq() ? volumes : nullptr;
}

}  // namespace

bool IsIcsResource(const Document& doc) { return doc.has_node && Label(doc, "app.kubernetes.io/name") == kIcsName; }

std::string IcsFullname(const Config& config, const Stream& stream) {
  if (!config.ics) return {};
  if (!config.ics->fullname.empty()) return config.ics->fullname;
  for (const Document& doc : stream.documents) {
    if (doc.kind.empty() || !IsIcsResource(doc)) continue;
    std::string release = Label(doc, "app.kubernetes.io/instance");
    if (release.empty()) continue;
    if (release.find(kIcsName) != std::string::npos) return release;
    return release + "-" + std::string(kIcsName);
  }
  return {};
}

const Document* FindIcs(const Stream& stream, std::string_view kind, const std::string& name) {
  if (name.empty()) return nullptr;
  for (const Document& doc : stream.documents)
    if (doc.kind == kind && doc.name == name && IsIcsResource(doc)) return &doc;
  return nullptr;
}

const Document* IcsDeployment(const Config& config, const Stream& stream) {
  return FindIcs(stream, "Deployment", IcsFullname(config, stream));
}

bool IsIcs(const Config& config, const Stream& stream, const Document& doc, std::string_view kind,
           std::string_view suffix) {
  if (!config.ics || doc.kind != kind || !IsIcsResource(doc)) return false;
  std::string fullname = IcsFullname(config, stream);
  return !fullname.empty() && doc.name == fullname + std::string(suffix);
}

std::string IcsMtlsSecretName(const Document& deployment) {
  const Node* volumes = Volumes(deployment);
  for (size_t i = 0; volumes && i < volumes->Size(); ++i) {
    const Node* v = volumes->Item(i);
    std::string_view name = v->Get("name") ? v->Get("name")->Str() : "";
    const Node* secret = v->At("secret.secretName");
    if ((name == "redis-client-cert" || name == "redis-client-key") && secret) return secret->value;
  }
  return {};
}

std::string IcsRedisCaName(const std::string& fullname) { return fullname + "-redis-ssl"; }

std::optional<SecretNeed> IcsRedisNeed(const RenderContext& ctx) {
  const Document* deployment = IcsDeployment(ctx.config, ctx.stream);
  if (!deployment) return std::nullopt;
  std::string fullname = IcsFullname(ctx.config, ctx.stream);
  std::string mtls = IcsMtlsSecretName(*deployment);
  bool tls = !mtls.empty() || FindIcs(ctx.stream, "ConfigMap", IcsRedisCaName(fullname));
  const Node* volumes = Volumes(*deployment);
  for (size_t i = 0; volumes && i < volumes->Size(); ++i)
    if (volumes->Item(i)->Get("name") && volumes->Item(i)->Get("name")->Str() == "customca") tls = true;
  if (const Document* env = FindIcs(ctx.stream, "Secret", fullname)) {
    std::optional<SecretValue> ssl = ReadSecretValue(*env->tree().root(), "REDIS_SSL");
    if (ssl && ssl->value == "true") tls = true;
  }
  if (!tls) return std::nullopt;
  SecretNeed need;
  need.path = ctx.config.ics->redis_path;
  need.client_auth = !mtls.empty();
  need.need_key = !mtls.empty();
  need.purpose = mtls.empty() ? "Redis CA of " + fullname
                              : "Redis CA and mTLS client certificate (Secret " + mtls + ") of " + fullname;
  return need;
}

Value IcsLabels(const Document& deployment) {
  Value labels = Value::Map();
  std::string release = Label(deployment, "app.kubernetes.io/instance");
  if (!release.empty()) labels.Add("app.kubernetes.io/instance", release);
  labels.Add("app.kubernetes.io/name", std::string(kIcsName));
  return labels;
}

std::string IcsIngressPath(const IcsConfig& ics) { return ExpandTemplate(ics.ingress_path, {{"host", ics.custom_host}}); }

std::optional<SecretValue> ReadSecretValue(const Node& secret, std::string_view key) {
  if (const Node* string_data = secret.Get("stringData")) {
    const Node* v = string_data->IsMap() ? string_data->Get(key) : nullptr;
    if (v && v->IsScalar()) return SecretValue{v, v->value, false};
  }
  const Node* data = secret.Get("data");
  const Node* v = data && data->IsMap() ? data->Get(key) : nullptr;
  SecretValue out{v, {}, true};
  if (v && v->IsScalar() && Base64Decode(v->value, &out.value)) return out;
  return std::nullopt;
}

void WriteSecretValue(const SecretValue& have, std::string_view value, Edits* edits) {
  edits->ReplaceScalar(*have.node, have.base64 ? Base64Encode(value) : std::string(value));
}

bool SamePem(std::string_view a, std::string_view b) {
  while (!a.empty() && a.back() == '\n') a.remove_suffix(1);
  while (!b.empty() && b.back() == '\n') b.remove_suffix(1);
  return a == b;
}

std::string PemFor(const Document& doc, const Node& scalar, std::string_view pem) {
  if (scalar.style != ScalarStyle::kLiteral) return std::string(pem);
  // The header runs from `|` to the line end; a `-` before any comment is strip chomping.
  size_t eol = doc.text.find('\n', scalar.begin);
  std::string_view header = doc.text.substr(scalar.begin, eol - scalar.begin);
  size_t indicator = header.find_first_of("-#");
  if (indicator != std::string_view::npos && header[indicator] == '-')
    while (!pem.empty() && pem.back() == '\n') pem.remove_suffix(1);
  return std::string(pem);
}

}  // namespace hostgraft
