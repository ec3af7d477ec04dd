#include "put_command.h"

#include <cstdio>

#include "cert_check.h"
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

Value CertificatePathValues(const std::string& host, const std::string& portal, const std::string& path) {
  if (portal.empty()) {
    Value entry = Value::Map({{"host", host}, {"certificatePath", path}});
    return Value::Map({{"keycloak", Value::Map({{"customHosts", Value::List({entry})}})}});
  }
  Value enabled("true");
  enabled.plain = true;
  Value custom = Value::Map({{"enabled", enabled}, {"host", host}, {"certificatePath", path}});
  return Value::Map({{"portals", Value::Map({{portal, Value::Map({{"customHost", custom}})}})}});
}

namespace {

void LogSink(void*, const std::string& line) { Log(line); }

// Every step of vault put up to the write; *out is what goes to stdout.
// *note: what was stored where, for stderr.
bool VaultPut(const Options& options, Diagnostics* diags, std::string* out, std::string* note) {
  const std::string host = options.Flag("--host");
  const std::string portal = options.Flag("--portal");
  bool ok = true;
  for (const char* flag : {"--host", "--cert", "--key", "--ca"}) {
    if (options.Flag(flag).empty()) {
      diags->Error(kExitUsage, {}, std::string("vault put needs ") + flag,
                   "usage: hostgraft vault put --host H --cert F --key F --ca F [--path P | --portal officer|citizen]");
      ok = false;
    }
  }
  if (!options.positional.empty()) {
    diags->Error(kExitUsage, {}, "unexpected argument " + options.positional[0] + " for vault put", "see hostgraft help");
    ok = false;
  }
  std::string why;
  if (!host.empty() && !IsValidDnsName(host, &why)) {
    diags->Error(kExitUsage, {}, "--host " + host + ": " + why, "give the custom host name, e.g. keycloak.example.com");
    ok = false;
  }
  if (options.Has("--portal") && portal != "officer" && portal != "citizen") {
    diags->Error(kExitUsage, {}, "--portal " + portal + " is neither officer nor citizen",
                 "use --portal officer or --portal citizen, or leave it out for a Keycloak host");
    ok = false;
  }
  if (!ok) return false;

  YAML::Node values;
  Config config;
  if (!LoadValues(options.values_files, options.sets, &values, diags) || !ReadConfig(values, &config, diags))
    return false;
  std::string path = options.Flag("--path");
  if (path.empty()) {
    if (!CertificatePathFor(config, host, portal, options.Flag("--registry"), &path, diags)) return false;
  } else if (std::string problem = SecretPathProblem(path); !problem.empty()) {
    diags->Error(kExitUsage, {}, "--path \"" + path + "\" " + problem, "give a path like registry-kv/cluster/domains/" + host);
    return false;
  }

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
  *out = path + "\n# in the values:\n" + RenderBlock(CertificatePathValues(host, portal, path), 0);
  return true;
}

}  // namespace

int VaultCommand(const std::vector<std::string>& args) {
  Options options;
  options.command = "vault put";
  Diagnostics diags;
  if (args.empty() || args[0] != "put") {
    diags.Error(kExitUsage, {}, "hostgraft vault takes the subcommand put",
                "hostgraft vault put --host H --cert F --key F --ca F [--path P]");
  } else if (ParseOptions({args.begin() + 1, args.end()},
                          {"--host", "--cert", "--key", "--ca", "--path", "--portal", "--registry"}, {}, &options,
                          &diags)) {
    SetVerbose(options.verbose);
    std::string out, note;
    if (VaultPut(options, &diags, &out, &note)) {
      Report(diags, options.command);
      std::fputs(note.c_str(), stderr);
      std::fputs(out.c_str(), stdout);
      return kExitOk;
    }
  }
  Report(diags, options.command);
  return diags.exit_code() ? diags.exit_code() : kExitUsage;
}

}  // namespace hostgraft
