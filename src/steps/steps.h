// The render steps of DESIGN.md section 5, one file each. AllSteps() in
// steps.cc lists them in the order they run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline.h"

namespace hostgraft {

std::unique_ptr<Step> MakeRequestAuthenticationStep();  // 5.1
std::unique_ptr<Step> MakeKongOidcStep();               // 5.2
std::unique_ptr<Step> MakeRedashSamlStep();             // 5.3
std::unique_ptr<Step> MakeKeycloakRealmStep();          // 5.4
std::unique_ptr<Step> MakeKeycloakClientStep();         // 5.5
std::unique_ptr<Step> MakeGatewayStep();                // 5.6
std::unique_ptr<Step> MakeVirtualServiceStep();         // 5.7
std::unique_ptr<Step> MakeRouteStep();                  // 5.8
std::unique_ptr<Step> MakeTlsSecretStep();              // 5.9
std::unique_ptr<Step> MakeIcsEnvStep();                 // 5.10, ICS (ics.h)
std::unique_ptr<Step> MakeIcsProvisioningStep();
std::unique_ptr<Step> MakeIcsIngressStep();
std::unique_ptr<Step> MakeIcsRedisCaStep();
std::unique_ptr<Step> MakeIcsRedisMtlsStep();
std::unique_ptr<Step> MakeIcsChecksumStep();

// Shared by steps: the pod specs' containers of any workload kind
// (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod), init
// containers included, each with its YAML path.
struct Container {
  const Node* node;
  std::string path;  // "spec.template.spec.containers[0]"
};
std::vector<Container> WorkloadContainers(const Document& doc);
bool IsWorkload(const Document& doc);
// False only when no scalar of doc can be `text`: its bytes do not contain
// it and have no backslash (a double-quoted escape could spell it). Lets a
// step skip building the tree of the many documents it has no business with.
bool MayMention(const Document& doc, std::string_view text);
// The pod template's metadata path and node for workload kinds ("spec.template.metadata"); null for Pod.
const Node* PodSpec(const Document& doc, std::string* path);

// The Keycloak realm a URL names ("/auth/realms/<realm>/..." or
// "/realms/<realm>/..."); empty when none.
std::string RealmOf(std::string_view url);
// Whether `realm` is one of frontendUrlRealms, directly or as
// "<registry>-<entry>".
bool IsFrontendRealm(const Config& config, std::string_view realm);

// Index of the scalar item equal to `value` in a sequence, or -1.
int FindItem(const Node* seq, std::string_view value);

}  // namespace hostgraft
