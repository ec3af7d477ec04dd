// 5.10, Redis custom CA: ConfigMap <fullname>-redis-ssl carries redisPath's
// caCertificate as rootca.pem. The chart renders that ConfigMap, its
// `customca` volume and mount and NODE_EXTRA_CA_CERTS only when
// ics.redis.ssl.customca is non-empty: with a placeholder there the value is
// replaced; with it empty the ConfigMap is generated and the Deployment gets
// the wiring where the chart puts it (env and mount first, the volume before
// the mTLS volumes), so the CA is used.
#include <algorithm>

#include "ics.h"
#include "steps.h"
#include "tls_hosts.h"

namespace hostgraft {
namespace {

constexpr const char* kVolume = "customca";
constexpr const char* kMountPath = "/etc/ssl/certs/redis-custom-CA.pem";

int FindNamed(const Node* seq, std::string_view name) {
  for (size_t i = 0; seq && seq->IsSeq() && i < seq->Size(); ++i) {
    const Node* n = seq->Item(i)->Get("name");
    if (n && n->Str() == name) return static_cast<int>(i);
  }
  return -1;
}

// The chart's template writes it first; a list that is absent is added.
void AddFirst(const Node& parent, const char* key, const Value& item, Edits* edits) {
  const Node* seq = parent.Get(key);
  if (seq && seq->IsSeq() && seq->Size() > 0) edits->InsertItemBefore(*seq, 0, item);
  else if (!seq) edits->AddKey(parent, key, Value::List({item}));
}

class IcsRedisCaStep : public Step {
 public:
  const char* id() const override { return "ics-redis-ca"; }

  bool Wants(const Document& doc) const override {
    return (doc.api_version == "v1" && doc.kind == "ConfigMap") || doc.kind == "Deployment";
  }

  // One plan entry covers redisPath; the mTLS step plans it when a client
  // certificate is mounted (fetched and checked once either way).
  void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const override {
    if (!ctx.config.ics) return;
    std::optional<SecretNeed> need = IcsRedisNeed(ctx);
    if (need && !need->client_auth) needs->push_back(*need);
  }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    const TlsMaterial* m = ctx.config.ics ? ctx.Material(ctx.config.ics->redis_path) : nullptr;
    if (!m) return;
    if (IsIcs(ctx.config, ctx.stream, doc, "ConfigMap", "-redis-ssl")) {
      const Node* data = doc.tree().root()->Get("data");
      const Node* pem = data && data->IsMap() ? data->Get("rootca.pem") : nullptr;
      if (!pem || !pem->IsScalar() || SamePem(pem->value, m->ca_certificate)) return;
      edits->ReplaceScalar(*pem, PemFor(doc, *pem, m->ca_certificate));
      edits->Note(id(), "data.rootca.pem", pem->line, "sets the Redis CA from " + ctx.config.ics->redis_path);
    } else if (IsIcs(ctx.config, ctx.stream, doc, "Deployment", "")) {
      Wire(doc, IcsRedisCaName(doc.name), edits);
    }
  }

  void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const override {
    const Document* deployment = IcsDeployment(ctx.config, ctx.stream);
    const TlsMaterial* m = ctx.config.ics ? ctx.Material(ctx.config.ics->redis_path) : nullptr;
    if (!deployment || !m) return;
    std::string name = IcsRedisCaName(deployment->name);
    if (StreamHas(ctx.stream, "ConfigMap", name)) return;
    Value meta = Value::Map();
    meta.Add("name", name);
    if (!deployment->namespace_.empty()) meta.Add("namespace", deployment->namespace_);
    Value labels = IcsLabels(*deployment);
    labels.Add("app.kubernetes.io/managed-by", "hostgraft");
    meta.Add("labels", labels);
    Value configmap = Value::Map();
    configmap.Add("apiVersion", "v1").Add("kind", "ConfigMap").Add("metadata", meta);
    configmap.Add("data", Value::Map({{"rootca.pem", m->ca_certificate}}));
    out->push_back({"ConfigMap", name, id(), configmap});
  }

 private:
  void Wire(const Document& doc, const std::string& configmap, Edits* edits) const {
    std::string spec_path;
    const Node* spec = PodSpec(doc, &spec_path);
    const Node* containers = spec ? spec->Get("containers") : nullptr;
    if (!containers || !containers->IsSeq() || containers->Size() == 0) return;
    int main = std::max(FindNamed(containers, "intercom-service"), 0);
    const Node& container = *containers->Item(main);
    std::string container_path = Index(Path(spec_path, "containers"), main);
    if (FindNamed(container.Get("env"), "NODE_EXTRA_CA_CERTS") < 0) {
      AddFirst(container, "env", Value::Map({{"name", "NODE_EXTRA_CA_CERTS"}, {"value", kMountPath}}),
               edits);
      edits->Note(id(), Path(container_path, "env"), container.line, "adds NODE_EXTRA_CA_CERTS for the Redis CA");
    }
    if (FindNamed(container.Get("volumeMounts"), kVolume) < 0) {
      Value read_only("true");
      read_only.plain = true;
      Value mount = Value::Map(
          {{"name", kVolume}, {"mountPath", kMountPath}, {"subPath", "rootca.pem"}, {"readOnly", read_only}});
      AddFirst(container, "volumeMounts", mount, edits);
      edits->Note(id(), Path(container_path, "volumeMounts"), container.line, "mounts the Redis CA");
    }
    const Node* volumes = spec->Get("volumes");
    if (FindNamed(volumes, kVolume) >= 0) return;
    Value volume = Value::Map({{"name", kVolume}, {"configMap", Value::Map({{"name", configmap}})}});
    int mtls = -1;
    for (const char* v : {"redis-client-key", "redis-client-cert"})
      if (int i = FindNamed(volumes, v); i >= 0 && (mtls < 0 || i < mtls)) mtls = i;
    if (mtls >= 0) edits->InsertItemBefore(*volumes, mtls, volume);
    else if (volumes && volumes->IsSeq() && volumes->Size() > 0) edits->AppendItem(*volumes, volume);
    else if (!volumes) edits->AddKey(*spec, "volumes", Value::List({volume}));
    else return;
    edits->Note(id(), Path(spec_path, "volumes"), spec->line, "adds the customca volume of ConfigMap " + configmap);
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsRedisCaStep() { return std::make_unique<IcsRedisCaStep>(); }

}  // namespace hostgraft
