#include "steps.h"

#include "contains_bytes.h"

namespace hostgraft {

const std::vector<std::unique_ptr<Step>>& AllSteps() {
  static const std::vector<std::unique_ptr<Step>> steps = [] {
    std::vector<std::unique_ptr<Step>> s;
    s.push_back(MakeRequestAuthenticationStep());
    s.push_back(MakeKongOidcStep());
    s.push_back(MakeRedashSamlStep());
    s.push_back(MakeKeycloakRealmStep());
    s.push_back(MakeKeycloakClientStep());
    s.push_back(MakeGatewayStep());
    s.push_back(MakeVirtualServiceStep());
    s.push_back(MakeRouteStep());
    s.push_back(MakeTlsSecretStep());
    s.push_back(MakeIcsEnvStep());
    s.push_back(MakeIcsProvisioningStep());
    s.push_back(MakeIcsIngressStep());
    s.push_back(MakeIcsRedisCaStep());
    s.push_back(MakeIcsRedisMtlsStep());
    s.push_back(MakeIcsChecksumStep());
    return s;
  }();
  return steps;
}

bool MayMention(const Document& doc, std::string_view text) {
  return ContainsBytes(doc.text, text) || doc.text.find('\\') != std::string::npos;
}

bool IsWorkload(const Document& doc) {
  static const char* const kKinds[] = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"};
  std::string_view g = doc.Group();
  if (!(g.empty() || g == "apps" || g == "batch")) return false;
  for (const char* k : kKinds)
    if (doc.kind == k) return true;
  return false;
}

const Node* PodSpec(const Document& doc, std::string* path) {
  const Node* root = doc.tree().root();
  if (!root) return nullptr;
  const char* at = doc.kind == "Pod"       ? "spec"
                   : doc.kind == "CronJob" ? "spec.jobTemplate.spec.template.spec"
                                           : "spec.template.spec";
  if (path) *path = at;
  return root->At(at);
}

std::vector<Container> WorkloadContainers(const Document& doc) {
  std::vector<Container> out;
  std::string base;
  const Node* spec = PodSpec(doc, &base);
  if (!spec || !spec->IsMap()) return out;
  for (const char* list : {"initContainers", "containers"}) {
    const Node* seq = spec->Get(list);
    if (!seq || !seq->IsSeq()) continue;
    for (size_t i = 0; i < seq->Size(); ++i)
      if (seq->Item(i)->IsMap()) out.push_back({seq->Item(i), Index(Path(base, list), i)});
  }
  return out;
}

std::string RealmOf(std::string_view url) {
  size_t at = url.find("/realms/");
  if (at == std::string_view::npos) return {};
  std::string_view rest = url.substr(at + 8);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

bool IsFrontendRealm(const Config& config, std::string_view realm) {
  for (const std::string& entry : config.frontend_url_realms) {
    if (realm == entry) return true;
    if (realm.size() > entry.size() && realm.substr(realm.size() - entry.size()) == entry &&
        realm[realm.size() - entry.size() - 1] == '-')
      return true;
  }
  return false;
}

int FindItem(const Node* seq, std::string_view value) {
  if (!seq || !seq->IsSeq()) return -1;
  for (size_t i = 0; i < seq->Size(); ++i)
    if (seq->Item(i)->IsScalar() && seq->Item(i)->value == value) return static_cast<int>(i);
  return -1;
}

}  // namespace hostgraft
