#include "migrate_command.h"

#include <cstdio>

#include <yaml-cpp/yaml.h>

#include "config_reader.h"
#include "input_file.h"
#include "migrate_values.h"
#include "options.h"
#include "private_directory.h"
#include "put_command.h"
#include "render_command.h"
#include "stream_reader.h"
#include "values.h"

namespace hostgraft {
namespace {

// The TLS material of the one Route in a file that carries some.
struct RouteTls {
  std::string resource, host, namespace_;
  std::string certificate, key, ca_certificate;
};

bool ReadRouteTls(const std::string& file, RouteTls* route, Diagnostics* diags) {
  std::string text;
  Stream stream;
  if (!ReadInputFile(file, "--from-route", &text, diags) || !ReadStream(std::move(text), ReadLimits{}, &stream, diags))
    return false;
  int found = 0;
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("route.openshift.io", "Route")) continue;
    const Node* tls = doc.tree().root()->At("spec.tls");
    const Node* certificate = Present(tls, "certificate");
    if (!certificate || !certificate->IsScalar()) continue;
    if (++found > 1) continue;
    const Node* host = doc.tree().root()->At("spec.host");
    route->resource = doc.Resource();
    route->host = host && host->IsScalar() ? host->value : "";
    route->namespace_ = doc.namespace_;
    route->certificate = certificate->value;
    if (const Node* key = Present(tls, "key")) route->key = key->Str();
    if (const Node* ca = Present(tls, "caCertificate")) route->ca_certificate = ca->Str();
  }
  Location where;
  where.file = file;
  if (found != 1) {
    diags->Error(kExitUsage, where,
                 found ? std::to_string(found) + " Routes carry a certificate; migrate takes one at a time"
                       : "no Route with spec.tls.certificate",
                 found ? "put each Route in its own file and run migrate once per Route"
                       : "export the Route that serves the custom host: oc get route NAME -o yaml");
    return false;
  }
  if (route->host.empty() || route->key.empty()) {
    diags->Error(kExitUsage, where, route->resource + " has no " + (route->host.empty() ? "spec.host" : "spec.tls.key"),
                 "export the Route that serves the custom host with its TLS key");
    return false;
  }
  return true;
}

// Which of the configured custom hosts the Route serves: "" for Keycloak,
// else the portal name.
bool RoleOf(const Config& config, const RouteTls& route, std::string* portal, Diagnostics* diags) {
  portal->clear();
  if (route.host == config.CustomKeycloakHost()) return true;
  for (const KeycloakHost& listed : config.keycloak_custom_hosts)
    if (listed.host == route.host) return true;
  for (const Portal* p : {&config.officer, &config.citizen}) {
    if (p->custom_host != route.host) continue;
    *portal = p->name;
    return true;
  }
  diags->Error(kExitUsage, {-1, route.resource, "spec.host", 0, {}},
               "the Route serves " + route.host + ", which the values name as no custom host",
               "set it as keycloak.customHost or a portal's customHost, or pass the Route of a configured host");
  return false;
}

// A word the shell reads back as itself.
std::string ShellWord(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+-") ==
                        std::string::npos)
    return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Writes the Route's material into out_dir; *command is the vault put line.
bool CarryRoute(const std::string& new_values, const Options& options, std::string* command, Diagnostics* diags) {
  const std::string file = options.Flag("--from-route");
  const std::string dir = options.Flag("--out-dir");
  RouteTls route;
  Config config;
  std::string portal, path;
  PrivateDirectory out;
  if (!ReadRouteTls(file, &route, diags) || !ConfigOfValuesText(new_values, options.values_files[0], &config, diags) ||
      !RoleOf(config, route, &portal, diags) ||
      !CertificatePathFor(config, route.host, portal, config.registry.empty() ? route.namespace_ : "", &path, diags) ||
      !out.Open(dir, diags))
    return false;
  const std::string cert = dir + "/certificate.pem", key = dir + "/key.pem", ca = dir + "/ca.pem";
  // All of them new, or none written.
  std::vector<std::pair<std::string, const std::string*>> files{{"certificate.pem", &route.certificate}, {"key.pem", &route.key}};
  if (!route.ca_certificate.empty()) files.push_back({"ca.pem", &route.ca_certificate});
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.first);
  if (!out.AllFree(names, diags)) return false;
  for (const auto& [name, data] : files) {
    if (!out.Write(name, *data, diags)) {
      out.RemoveWritten();
      return false;
    }
  }
  if (route.ca_certificate.empty()) {
    diags->Warning({-1, route.resource, "spec.tls.caCertificate", 0, file},
                   "the Route has no caCertificate, and vault put needs the CA that issued the certificate",
                   "put the issuing CA's PEM certificate in " + ca + " before running the vault put command");
  }
  *command = "hostgraft vault put --host " + ShellWord(route.host) + " --cert " + ShellWord(cert) + " --key " +
             ShellWord(key) + " --ca " + ShellWord(ca) + (portal.empty() ? "" : " --portal " + portal) + " --path " +
             ShellWord(path) + "\n";
  return true;
}

bool Migrate(const Options& options, std::string* out, std::string* command, Diagnostics* diags) {
  bool ok = true;
  if (options.values_files.size() != 1) {
    diags->Error(kExitUsage, {}, "migrate takes exactly one -f file, the old values",
                 "hostgraft migrate -f old-values.yaml > new-values.yaml");
    ok = false;
  }
  if (!options.sets.empty()) {
    diags->Error(kExitUsage, {}, "migrate rewrites a file and takes no --set",
                 "hostgraft migrate -f old-values.yaml > new-values.yaml");
    ok = false;
  }
  if (options.Has("--from-route") != options.Has("--out-dir")) {
    diags->Error(kExitUsage, {}, "--from-route and --out-dir go together",
                 "hostgraft migrate -f old.yaml --from-route route.yaml --out-dir DIR");
    ok = false;
  }
  if (!ok) return false;
  // First the way render reads values (LoadValues, then the configuration),
  // so a malformed or mistyped file gets render's message and exit code;
  // then its bytes again, for the edits.
  const std::string& file = options.values_files[0];
  YAML::Node values;
  Config old;
  std::string text;
  if (!LoadValues({file}, {}, &values, diags) || !ConfigFromValues(values, &old, diags) ||
      !ReadInputFile(file, "-f", &text, diags) || !MigrateValues(text, file, out, diags, &old))
    return false;
  return !options.Has("--from-route") || CarryRoute(*out, options, command, diags);
}

}  // namespace

int MigrateCommand(const Options& options) {
  Diagnostics diags;
  std::string out, command;
  bool ok = Migrate(options, &out, &command, &diags) && WriteStdout(out, "the migrated values", &diags);
  Report(diags, options.command);
  if (!ok) return diags.exit_code() ? diags.exit_code() : kExitUsage;
  if (!command.empty())
    std::fputs(("hostgraft: to store the Route's certificate in Vault, run:\n" + command).c_str(), stderr);
  return kExitOk;
}

}  // namespace hostgraft
