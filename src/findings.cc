#include "findings.h"

#include "redact.h"

namespace hostgraft {

const std::vector<LintRule>& LintRules() {
  static const std::vector<LintRule> rules = {
      {"HG001", "request-authentication", Severity::kError,
       "RequestAuthentication rule on the default Keycloak host has no twin for the custom host",
       "Istio rejects tokens issued on the custom Keycloak host. Add a jwtRule with the same fields and the issuer on "
       "the custom host (jwksUri stays on the default host), or run hostgraft render as the post-renderer."},
      {"HG002", "kong-oidc", Severity::kError, "Kong oidc plugin does not accept the custom Keycloak issuer",
       "Kong refuses tokens of the custom Keycloak host. Add https://<custom host>/auth/realms/<realm> to "
       "config.issuers_allowed and move introspection_endpoint to the custom host (discovery stays), or run hostgraft "
       "render."},
      {"HG003", "redash-saml", Severity::kError, "Redash SAML redirect URL is not on the custom Keycloak host",
       "Redash sends users to the default Keycloak host. Set REDASH_SAML_REDIRECT_URL on the custom host and keep "
       "REDASH_SAML_METADATA_URL on the default host, or run hostgraft render."},
      {"HG004", "keycloak-realm", Severity::kError, "KeycloakRealm frontendUrl is not the custom Keycloak host",
       "Keycloak issues tokens and links for the default host. Set spec.frontendUrl: https://<custom host>/auth/, or "
       "run hostgraft render."},
      {"HG005", "keycloak-client", Severity::kError, "KeycloakClient webUrl is not on the custom portal host",
       "Keycloak redirects users back to the default portal host. Move webUrl to the custom portal host (path kept), "
       "or run hostgraft render."},
      {"HG006", "gateway", Severity::kError, "Istio Gateway does not serve the custom portal host",
       "Requests for the custom portal host find no Gateway server. List the custom host beside the default one (and, "
       "with tls.delivery: secret, add its HTTPS server), or run hostgraft render."},
      {"HG007", "virtual-service", Severity::kError, "VirtualService does not list the custom portal host",
       "The routes of the portal do not apply to its custom host. List the custom host in spec.hosts beside the "
       "default one, or run hostgraft render."},
      {"HG008", "route", Severity::kError, "Route for a custom host is missing or lacks its checked TLS material",
       "With tls.delivery: route the OpenShift router serves the custom host only through a Route with edge TLS and "
       "the certificate from the secret store. Run hostgraft render with --secrets vault or files:DIR."},
      {"HG009", "tls-secret", Severity::kError, "TLS Secret for a custom host is missing or stale",
       "With tls.delivery: secret the Gateway's credentialName needs a kubernetes.io/tls Secret with the checked "
       "certificate. Run hostgraft render with --secrets vault or files:DIR."},
      {"HG010", "ics-env", Severity::kError, "Intercom Service env Secret is not wired to the custom hosts",
       "ICS checks the token issuer exactly and builds its links from BASE_URL. Move ISSUER_BASE_URL and KEY"
       "CLOAK_URL to the custom Keycloak host (scheme, port and realm path kept), BASE_URL/INTERCOM_URL and "
       "PORTAL_URL to the custom hosts, and let ORIGIN_REGEX match the custom origins, or run hostgraft rend"
       "er."},
      {"HG011", "ics-provisioning", Severity::kError, "Intercom Service provisioning client base URL is not the custom host",
       "The Keycloak client ICS provisions redirects to KEYCLOAK_APP_BASE_URL. Set it to https://<custom ICS"
       " host>, or run hostgraft render."},
      {"HG012", "ics-ingress", Severity::kError, "Intercom Service Ingress does not serve the custom host with TLS",
       "Add a rule for the custom host with the default rule's paths and a tls entry whose secretName is the"
       " generated hostgraft-<host> Secret, or run hostgraft render with --secrets vault or files:DIR."},
      {"HG013", "ics-redis-ca", Severity::kError, "Intercom Service Redis CA is a placeholder or missing",
       "ICS trusts Redis only through the CA in the ConfigMap <fullname>-redis-ssl (rootca.pem), mounted wit"
       "h NODE_EXTRA_CA_CERTS. Run hostgraft render with the Redis secret (caCertificate) in the store."},
      {"HG014", "ics-redis-mtls", Severity::kError, "Intercom Service Redis client certificate is a placeholder or missing",
       "The Secret the Deployment mounts for Redis mTLS needs tls.crt and tls.key of a client certificate th"
       "at chains to the Redis CA. Run hostgraft render with the Redis secret (certificate, key) in the stor"
       "e."},
      {"HG015", "ics-checksum", Severity::kError, "Intercom Service pods do not carry the checksum of the grafted values",
       "Without the hostgraft.io/checksum annotation on the pod template, a rotated certificate or a changed"
       " host does not roll the ICS pods. Run hostgraft render."},
      {"HG020", "certificate", Severity::kError, "TLS material fails the certificate rules",
       "A certificate must match its host, not be self-signed, be valid at --at, belong to its key and chain to the "
       "stored caCertificate. Store a certificate that passes; hostgraft check-cert tells why one "
       "fails."},
      {"HG021", "certificate-expiry", Severity::kWarning, "certificate expires within expiryWarningDays",
       "Renew the certificate and store the new one before it expires; the next render carries it."},
      {"HG022", "secret-store", Severity::kError, "TLS material cannot be read from the secret store",
       "The secret is missing, unreadable or incomplete. Store certificate, key and caCertificate at the path, or "
       "point certificatePath at where they are."},
      {"HG023", "credential-secret", Severity::kError,
       "Gateway server for a custom host names a credentialName with no Secret in the stream",
       "Istio serves no TLS for the host without that Secret. Use tls.delivery: secret so hostgraft generates it, or "
       "add the Secret (or a cert-manager Certificate with that secretName) to the release."},
      {"HG024", "route-tls", Severity::kError, "Route for a custom host has no TLS certificate",
       "The router would answer with its default certificate, which does not name the custom host. Give the Route "
       "tls with the host's certificate, key and caCertificate, or let hostgraft render fill it from the secret store."},
      {"HG025", "route-missing", Severity::kError, "no Route serves a custom host",
       "With tls.delivery: route the custom host is reachable only through a Route. hostgraft render generates it "
       "once its TLS material is readable and passes the certificate rules."},
      {"HG026", "gateway-host", Severity::kError,
       "VirtualService routes a custom host through Gateways that do not serve it",
       "The Gateway drops requests for hosts its servers do not list. Add the host to the Gateway server that serves "
       "the default host, or run hostgraft render."},
      {"HG027", "configuration", Severity::kError, "the configuration is invalid",
       "Fix the values as the message says (docs/settings.md lists every key); nothing can be checked until it is valid."},
      {"HG028", "configuration-warning", Severity::kWarning, "a configured custom host is not used by this render",
       "The custom host belongs to something this stream does not deploy, or a default host could not be found. Set "
       "the default host in the values or remove the custom host."},
      {"HG029", "input", Severity::kError, "the input is not a valid YAML stream",
       "Fix the document at the line named; hostgraft reads nothing else until the stream parses."},
  };
  return rules;
}

const LintRule* FindRule(const std::string& check) {
  for (const LintRule& rule : LintRules())
    if (check == rule.check) return &rule;
  return nullptr;
}

namespace {

// A finding from text that is already safe (SafeText applied).
Finding FindingOfSafeText(const std::string& check, Location where, std::string message, std::string fix) {
  Finding f;
  const LintRule* rule = FindRule(check);
  f.id = rule ? rule->id : "HG000";
  f.severity = rule ? rule->severity : Severity::kError;
  f.where = std::move(where);
  f.message = std::move(message);
  f.fix = !fix.empty() ? std::move(fix) : rule ? rule->help : "";
  f.check = check;
  return f;
}

}  // namespace

Finding MakeFinding(const std::string& check, Location where, std::string message, std::string fix) {
  return FindingOfSafeText(check, SafeLocation(std::move(where)), SafeText(message), fix.empty() ? fix : SafeText(fix));
}

Finding FindingOf(const Diagnostic& d, bool certificate_check) {
  std::string check;
  if (d.severity == Severity::kError)
    check = d.exit_code == kExitBadInput      ? "input"
            : d.exit_code == kExitSecretStore ? "secret-store"
            : d.exit_code == kExitFindings    ? "certificate"
                                              : "configuration";
  else
    check = certificate_check ? "certificate-expiry" : "configuration-warning";
  // A diagnostic's text passed SafeText when it was made.
  return FindingOfSafeText(check, d.where, d.message, d.fix);
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

std::string SubjectOf(const Finding& finding) {
  if (!finding.where.resource.empty()) return finding.where.resource;
  if (!finding.where.file.empty()) return finding.where.file;
  return "(general)";
}

}  // namespace hostgraft
