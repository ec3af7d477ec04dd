// 5.10, env Secret <fullname>: the URLs ICS is reached and logged in by move
// to the custom hosts. ISSUER_BASE_URL keeps scheme, port and realm path
// (ICS compares `iss` exactly); ORIGIN_REGEX, read by ICS as a JavaScript
// `new RegExp()` with search semantics, keeps what it matched and gains the
// custom ICS and portal origins. stringData, or base64 `data` written back
// base64.
#include "hosts.h"
#include "ics.h"
#include "steps.h"

namespace hostgraft {

std::string RegexEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.*+?()[]{}|").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string GraftOriginRegex(const std::string& regex, const std::vector<std::string>& origins) {
  std::string added;
  for (const std::string& origin : origins) {
    std::string alternative = "^" + RegexEscape(origin) + "$";
    if (regex.find(alternative) == std::string::npos) added += "|" + alternative;
  }
  if (added.empty()) return regex;
  // A group keeps the old expression's own alternatives apart from ours.
  return "(?:" + regex + ")" + added;
}

Grafts IcsEnvGrafts(const IcsConfig& ics, const Node& secret) {
  Grafts out;
  auto move = [&](const char* key, const std::string& host) {
    std::optional<SecretValue> have = ReadSecretValue(secret, key);
    if (host.empty() || !have || !ParseUrl(have->value)) return;
    out.emplace_back(key, ReplaceUrlHost(have->value, host));
  };
  move("ISSUER_BASE_URL", ics.keycloak_host);
  move("KEYCLOAK_URL", ics.keycloak_host);
  move("BASE_URL", ics.custom_host);
  move("INTERCOM_URL", ics.custom_host);
  move("PORTAL_URL", ics.portal_host);
  std::vector<std::string> origins;
  for (const std::string* host : {&ics.custom_host, &ics.portal_host})
    if (!host->empty()) origins.push_back("https://" + *host);
  std::optional<SecretValue> regex = ReadSecretValue(secret, "ORIGIN_REGEX");
  if (regex && !origins.empty()) out.emplace_back("ORIGIN_REGEX", GraftOriginRegex(regex->value, origins));
  return out;
}

namespace {

class IcsEnvStep : public Step {
 public:
  const char* id() const override { return "ics-env"; }

  bool Wants(const Document& doc) const override { return doc.api_version == "v1" && doc.kind == "Secret"; }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    if (!IsIcs(ctx.config, ctx.stream, doc, "Secret", "")) return;
    const Node& secret = *doc.tree().root();
    for (const auto& [key, value] : IcsEnvGrafts(*ctx.config.ics, secret)) {
      std::optional<SecretValue> have = ReadSecretValue(secret, key);
      if (have->value == value) continue;
      WriteSecretValue(*have, value, edits);
      edits->Note(id(), (have->base64 ? "data." : "stringData.") + key, have->node->line, "sets " + key + " to " + value);
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeIcsEnvStep() { return std::make_unique<IcsEnvStep>(); }

}  // namespace hostgraft
