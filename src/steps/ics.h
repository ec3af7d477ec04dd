// What the Intercom Service steps (DESIGN.md 5.10) share: finding the ICS
// release's resources, its Redis TLS wiring, Secret values in `stringData`
// or base64 `data`, and the values each step grafts (the checksum step
// hashes exactly those).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline.h"

namespace hostgraft {

// Labelled app.kubernetes.io/name: intercom-service.
bool IsIcsResource(const Document& doc);

// hostgraft.ics.fullname, else what the chart's common.names.fullname makes
// of the release (the first ICS resource's app.kubernetes.io/instance):
// "<release>-intercom-service", or the release itself when it already
// contains "intercom-service". Empty when the stream has no ICS resource.
std::string IcsFullname(const Config& config, const Stream& stream);

// The ICS resource of this kind and name; null when absent.
const Document* FindIcs(const Stream& stream, std::string_view kind, const std::string& name);

// The ICS Deployment (named <fullname>); null when absent or ICS is not configured.
const Document* IcsDeployment(const Config& config, const Stream& stream);

// Whether doc is the ICS resource of this kind named <fullname><suffix>.
bool IsIcs(const Config& config, const Stream& stream, const Document& doc, std::string_view kind,
           std::string_view suffix);

// The Secret the Deployment mounts as the Redis mTLS client certificate
// (volumes redis-client-cert / redis-client-key); empty when it mounts none.
std::string IcsMtlsSecretName(const Document& deployment);

// The ConfigMap of the Redis custom CA: "<fullname>-redis-ssl".
std::string IcsRedisCaName(const std::string& fullname);

// The one plan entry for redisPath, or nullopt when this render uses no Redis
// TLS (no CA ConfigMap, no customca volume, REDIS_SSL not "true", no mTLS
// mount). With an mTLS mount it is a client certificate with its key.
std::optional<SecretNeed> IcsRedisNeed(const RenderContext& ctx);

// Labels of a resource hostgraft creates for the release of `deployment`:
// app.kubernetes.io/instance and name, so it is found as an ICS resource.
Value IcsLabels(const Document& deployment);

// The ingress certificate's secret path ({host} = customHost).
std::string IcsIngressPath(const IcsConfig& ics);

// A key of a Secret's stringData, or of its data base64-decoded.
struct SecretValue {
  const Node* node = nullptr;
  std::string value;
  bool base64 = false;
};
std::optional<SecretValue> ReadSecretValue(const Node& secret, std::string_view key);
// Replaces the value, re-encoded the way it came.
void WriteSecretValue(const SecretValue& have, std::string_view value, Edits* edits);

// PEM texts compare equal whatever the final line ends (`|-` drops them).
bool SamePem(std::string_view a, std::string_view b);
// The PEM text to put in place of `scalar`: a literal block with strip
// chomping (`|-`, as the chart writes them) gets it without its final line
// break, so the block header stays as it came (DESIGN 3; PEM needs none).
std::string PemFor(const Document& doc, const Node& scalar, std::string_view pem);

// "what" -> value, for every value a step grafts into ICS resources; the
// checksum step hashes the concatenation of all of them.
using Grafts = std::vector<std::pair<std::string, std::string>>;
// Env Secret keys (ics_env_step.cc): each configured key present in
// `secret`, with the value it has after the step.
Grafts IcsEnvGrafts(const IcsConfig& ics, const Node& secret);
// ConfigMap <fullname>-provisioning-env (ics_provisioning_step.cc).
Grafts IcsProvisioningGrafts(const IcsConfig& ics, const Node& configmap);
// JavaScript regular expression text matching exactly `text`.
std::string RegexEscape(std::string_view text);
// ORIGIN_REGEX after the step: it also matches each origin, each a
// regex-escaped ^origin$ alternative added when not yet there.
std::string GraftOriginRegex(const std::string& regex, const std::vector<std::string>& origins);

}  // namespace hostgraft
