#include "put_command.h"

#include <cstdio>

#include "cert_check.h"
#include "checked_write.h"
#include "config_reader.h"
#include "hosts.h"
#include "input_file.h"
#include "log.h"
#include "options.h"
#include "render_command.h"
#include "secret_stores.h"
#include "tls_material.h"
#include "values.h"

namespace hostgraft {

bool CertificatePathFor(const Config& config, const std::string& host, const std::string& portal,
                        const std::string& registry, std::string* path, Diagnostics* diags) {
  // The Config's own path rules, asked about `host` as if it were the chosen one.
  Config asked = config;
  if (!registry.empty()) asked.registry = registry;
  std::string template_key;
  if (portal.empty()) {
    asked.keycloak_default_host.clear();
    asked.keycloak_custom_host = host;
    *path = asked.KeycloakCertificatePath();
    template_key = "hostgraft.vault.keycloakPath \"" + asked.keycloak_path_template + "\"";
  } else {
    Portal chosen = *asked.PortalByName(portal);
    if (chosen.custom_host != host) chosen.certificate_path.clear();
    chosen.custom_host = host;
    *path = asked.PortalCertificatePath(chosen);
    template_key = "hostgraft.vault.portalPath \"" + asked.portal_path_template + "\"";
  }
  std::string problem = SecretPathProblem(*path);
  if (problem.empty()) return true;
  // An empty {registry} leaves an empty segment.
  if (asked.registry.empty() && path->find("//") != std::string::npos)
    diags->Error(kExitUsage, {}, "the certificate path for " + host + " comes from " + template_key +
                                     ", which needs the registry name, and none is known",
                 "pass --registry NAME or set hostgraft.registry in the values");
  else
    diags->Error(kExitUsage, {}, "the certificate path \"" + *path + "\" for " + host + " " + problem,
                 "pass --path, or fix certificatePath or " + template_key + " in the values");
  return false;
}

std::vector<CertifiedHost> CertifiedHosts(const Config& config) {
  std::vector<CertifiedHost> out;
  const std::string& d = config.keycloak_default_host;
  // As TlsHosts: the list when there is one, else the chosen host.
  if (!config.keycloak_custom_hosts.empty()) {
    for (const KeycloakHost& k : config.keycloak_custom_hosts)
      if (k.host != d) out.push_back({k.host, "", k.source});
  } else if (std::string k = config.CustomKeycloakHost(); !k.empty()) {
    out.push_back({k, "", config.keycloak_custom_host_source});
  }
  for (const Portal* p : {&config.officer, &config.citizen})
    if (!p->custom_host.empty()) out.push_back({p->custom_host, p->name, p->source});
  if (config.ics && !config.ics->custom_host.empty())
    out.push_back({config.ics->custom_host, "ics", "hostgraft.ics.customHost"});
  return out;
}

bool CertifiedHostPath(const Config& config, const CertifiedHost& h, const std::string& registry, std::string* path,
                       Diagnostics* diags) {
  if (h.role != "ics") return CertificatePathFor(config, h.host, h.role, registry, path, diags);
  *path = ExpandTemplate(config.ics->ingress_path, {{"host", h.host}});
  std::string problem = SecretPathProblem(*path);
  if (problem.empty()) return true;
  diags->Error(kExitUsage, {}, "the certificate path \"" + *path + "\" for " + h.host + " " + problem,
               "pass --path, or fix hostgraft.ics.vault.ingressPath \"" + config.ics->ingress_path +
                   "\" in the values");
  return false;
}

Value CertificatePathValues(const std::string& host, const std::string& role, const std::string& path) {
  if (role == "ics") {
    Value vault = Value::Map({{"ingressPath", path}});
    Value ics = Value::Map({{"customHost", host}, {"vault", vault}});
    return Value::Map({{"hostgraft", Value::Map({{"ics", ics}})}});
  }
  if (role.empty()) {
    Value entry = Value::Map({{"host", host}, {"certificatePath", path}});
    return Value::Map({{"keycloak", Value::Map({{"customHosts", Value::List({entry})}})}});
  }
  Value enabled("true");
  enabled.plain = true;
  Value custom = Value::Map({{"enabled", enabled}, {"host", host}, {"certificatePath", path}});
  return Value::Map({{"portals", Value::Map({{role, Value::Map({{"customHost", custom}})}})}});
}

namespace {

void LogSink(void*, const std::string& line) { Log(line); }

std::string RoleName(const std::string& role) {
  if (role.empty()) return "a custom Keycloak host";
  if (role == "ics") return "the ICS host";
  return "the " + role + " portal's custom host";
}

// Where render reads the certificate of --host, and the role the printed
// values give it. *path comes in as --path, *role as --portal. Exit 2
// when the values cannot say, rather than a path render never reads.
bool PathForHost(const Options& options, const Config& config, std::string* path, std::string* role,
                 Diagnostics* diags) {
  const std::string host = options.Flag("--host");
  const std::string registry = options.Flag("--registry");
  const bool explicit_portal = options.Has("--portal");
  std::vector<CertifiedHost> known = CertifiedHosts(config);
  std::vector<CertifiedHost> named;
  for (const CertifiedHost& h : known)
    if (h.host == host) named.push_back(h);

  if (named.size() > 1) {
    diags->Error(kExitUsage, {}, "the values use " + host + " for two things, " + named[0].source + " and " +
                                     named[1].source + ", and render refuses them",
                 "give each its own host name in the values");
    return false;
  }
  if (named.size() == 1 && explicit_portal && named[0].role != *role) {
    diags->Error(kExitUsage, {},
                 "--portal " + *role + " contradicts the values: they set " + host + " as " + RoleName(named[0].role) +
                     " (" + named[0].source + ")",
                 named[0].role == "officer" || named[0].role == "citizen"
                     ? "pass --portal " + named[0].role + ", or leave --portal out and let the values decide"
                     : "leave --portal out: the values decide where render reads its certificate");
    return false;
  }
  if (named.size() == 1) *role = named[0].role;

  if (!path->empty()) {  // --path: the caller's choice, whatever the values say
    if (std::string problem = SecretPathProblem(*path); !problem.empty()) {
      diags->Error(kExitUsage, {}, "--path \"" + *path + "\" " + problem,
                   "give a path like registry-kv/cluster/domains/" + host);
      return false;
    }
    return true;
  }
  if (!ValuesGiven(options.values_files, !options.sets.empty())) {
    diags->Error(kExitUsage, {},
                 "no values given: vault put reads the values render gets to find where render will read the "
                 "certificate for " + host,
                 "pass the values files render gets with -f (e.g. -f values-platform.yaml -f values-registry.yaml), "
                 "or pass --path P to store it at a path of your choice");
    return false;
  }
  if (!registry.empty() && !config.registry.empty() && registry != config.registry) {
    diags->Error(kExitUsage, {},
                 "--registry " + registry + " contradicts the values: they set hostgraft.registry: " + config.registry +
                     ", and render uses that for {registry} in the certificate path",
                 "leave --registry out, or correct hostgraft.registry in the values");
    return false;
  }
  if (named.size() == 1) return CertifiedHostPath(config, named[0], registry, path, diags);

  // The values do not give host a certificate.
  if (explicit_portal) return CertificatePathFor(config, host, *role, registry, path, diags);
  if (host == config.CustomKeycloakHost() && !config.keycloak_custom_hosts.empty()) {
    std::string listed;
    for (const KeycloakHost& k : config.keycloak_custom_hosts) listed += (listed.empty() ? "" : ", ") + k.host;
    diags->Error(kExitUsage, {},
                 host + " is set by " + config.keycloak_custom_host_source +
                     " but is not one of keycloak.customHosts (" + listed +
                     "), so render refuses these values and reads no certificate for it",
                 "add it to keycloak.customHosts in the values (with its certificatePath), or pass --path P");
    return false;
  }
  std::string why = " do not name " + host + " as a custom host";
  std::string fix = "add " + host +
                    " to keycloak.customHosts or portals.<officer|citizen>.customHost in the values and pass them "
                    "with -f, or pass --path P to store it at a path of your choice";
  auto default_host = [&](const std::string& what) {
    why = " name " + host + " as " + what + ", not a custom host";
    fix = "vault put stores the certificates of custom hosts: give one of them as --host, or pass --path P to store "
          "it at a path of your choice";
  };
  if (host == config.keycloak_default_host) default_host("the default Keycloak host (keycloak.host)");
  for (const Portal* p : {&config.officer, &config.citizen})
    if (host == p->default_host)
      default_host("the default " + p->name + " portal host (hostgraft.defaultHosts." + p->name + ")");
  std::string listed;
  for (const CertifiedHost& h : known) listed += (listed.empty() ? "" : ", ") + h.host + " (" + h.source + ")";
  diags->Error(kExitUsage, {},
               "the values" + why + ", so render would never read a certificate for it; " +
                   (listed.empty() ? "they name no custom host at all" : "the custom hosts they name are " + listed),
               fix);
  return false;
}

// Every step of vault put up to the write; *out is what goes to stdout.
// *note: what was stored where, for stderr.
bool VaultPut(const Options& options, Diagnostics* diags, std::string* out, std::string* note) {
  const std::string host = options.Flag("--host");
  const std::string portal = options.Flag("--portal");
  bool ok = true;
  for (const char* flag : {"--host", "--cert", "--key", "--ca"}) {
    if (options.Flag(flag).empty()) {
      diags->Error(kExitUsage, {}, std::string("vault put needs ") + flag,
                   "usage: hostgraft vault put --host H --cert F --key F --ca F "
                   "(-f VALUES... [--portal officer|citizen] | --path P)");
      ok = false;
    }
  }
  std::string why;
  if (!host.empty() && !IsValidDnsName(host, &why)) {
    diags->Error(kExitUsage, {}, "--host " + host + ": " + why, "give the custom host name, e.g. keycloak.example.com");
    ok = false;
  }
  if (!ok) return false;

  YAML::Node values;
  Config config;
  if (!LoadValues(options.values_files, options.sets, &values, diags) || !ReadConfig(values, &config, diags))
    return false;
  std::string path = options.Flag("--path");
  std::string role = portal;  // "" Keycloak, "officer", "citizen", "ics": the shape of the printed values
  if (!PathForHost(options, config, &path, &role, diags)) return false;

  // check: the rules render applies to the same secret (DESIGN.md section 7).
  SecretFields fields;
  for (auto [flag, field] : {std::pair{"--cert", "certificate"}, {"--key", "key"}, {"--ca", "caCertificate"}})
    ok = ReadInputFile(options.Flag(flag), flag, &fields[field], diags) && ok;
  if (!ok) return false;
  const std::string files = options.Flag("--cert") + ", " + options.Flag("--key") + ", " + options.Flag("--ca");
  TlsMaterial material;
  if (!DecodeTlsMaterial(fields, files, true, true, &material, diags)) return false;
  Location where;
  where.file = files;
  CertCheckRequest request = CertCheckRequestFor(config, host, options.at, where);
  CertInfo info;
  if (!CheckTlsMaterial(material, request, diags, &info)) return false;

  // store: the clean PEM render would use, nothing else.
  std::unique_ptr<SecretStore> store =
      MakeSecretStore(options.secrets.empty() ? "vault" : options.secrets, config.vault, LogSink, nullptr, diags);
  if (diags->has_errors()) return false;
  if (!store) {
    diags->Error(kExitUsage, {}, "--secrets none: there is no store to write to", "use --secrets vault");
    return false;
  }
  std::optional<SecretError> error = store->Write(
      path, {{"certificate", material.certificate}, {"key", material.key}, {"caCertificate", material.ca_certificate}});
  if (error) {
    diags->Error(error->exit_code, {}, error->message, error->fix);
    return false;
  }
  *note = "hostgraft: stored the certificate for " + host + " (subject " + info.subject + ", serial " + info.serial +
          ", valid until " + info.not_after + ") at " + path + " in " + store->Describe() + "\n";
  *out = path + "\n# in the values:\n" + RenderBlock(CertificatePathValues(host, role, path), 0);
  return true;
}

}  // namespace

int VaultCommand(const Options& options) {
  Diagnostics diags;
  std::string out, note;
  if (VaultPut(options, &diags, &out, &note)) {
    bool written = WriteStdout(out, "the stored path and values (the certificate is stored)", &diags);
    Report(diags, options.command);
    std::fputs(note.c_str(), stderr);
    return written ? kExitOk : kExitWriteFailed;
  }
  Report(diags, options.command);
  return diags.exit_code() ? diags.exit_code() : kExitUsage;
}

}  // namespace hostgraft
