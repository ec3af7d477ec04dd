#include "check_cert_command.h"

#include "config_reader.h"
#include "files_store.h"
#include "input_file.h"
#include "render_command.h"
#include "tls_material.h"
#include "values.h"

namespace hostgraft {
namespace {

// The secret fields of the files named on the command line.
bool ReadFields(const Options& options, SecretFields* fields, Diagnostics* diags) {
  if (options.Has("--bundle")) {
    std::string text;
    if (!ReadInputFile(options.Flag("--bundle"), "--bundle", &text, diags, kMaxSecretFileBytes)) return false;
    SecretResult parsed = ParseSecretFile(options.Flag("--bundle"), text);
    if (parsed.error) {
      diags->Error(kExitUsage, {}, parsed.error->message, parsed.error->fix);
      return false;
    }
    *fields = *parsed.fields;
    return true;
  }
  for (const auto& [flag, field] : {std::pair{"--cert", "certificate"}, {"--key", "key"}, {"--ca", "caCertificate"}}) {
    if (!options.Has(flag)) continue;
    if (!ReadInputFile(options.Flag(flag), flag, &(*fields)[field], diags, kMaxSecretFileBytes)) return false;
  }
  return true;
}

bool CheckUsage(const Options& options, Diagnostics* diags) {
  if (options.Flag("--host").empty())
    diags->Error(kExitUsage, {}, "check-cert needs --host", "name the host the certificate must serve");
  bool bundle = options.Has("--bundle");
  if (bundle == options.Has("--cert"))
    diags->Error(kExitUsage, {}, "check-cert needs either --bundle or --cert",
                 "pass a secret file with --bundle, or PEM files with --cert [--key] [--ca]");
  if (bundle && (options.Has("--key") || options.Has("--ca")))
    diags->Error(kExitUsage, {}, "--key and --ca go with --cert, not --bundle", "the bundle carries key and caCertificate");
  return !diags->has_errors();
}

}  // namespace

CheckCertResult CheckCert(const Options& options) {
  CheckCertResult r;
  r.report.command = "check-cert";
  SecretFields fields;
  YAML::Node values;
  Config config;  // hostgraft.tls.trust and expiryWarningDays, when values are given
  if (!CheckUsage(options, &r.usage) || !ReadFields(options, &fields, &r.usage) ||
      !LoadValues(options.values_files, options.sets, &values, &r.usage) || !ReadConfig(values, &config, &r.usage)) {
    r.exit_code = kExitUsage;
    return r;
  }
  std::string file = options.Has("--bundle") ? options.Flag("--bundle") : options.Flag("--cert");
  std::string host = options.Flag("--host");
  Diagnostics diags;
  TlsMaterial material;
  CertificateSummary summary;
  summary.host = host;
  if (DecodeTlsMaterial(fields, file, false, false, &material, &diags)) {
    Location where;
    where.file = file;
    CertCheckRequest req = CertCheckRequestFor(config, host, options.at, where);
    summary.accepted = CheckTlsMaterial(material, req, &diags, &summary.info);
    if (!summary.info.subject.empty()) r.report.certificate = summary;
  }
  r.report.input_file = file;
  r.report.checked.push_back({"certificate", "host " + host});
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == Severity::kInfo) continue;
    Finding f = FindingOf(d, true);
    f.where.resource = "host " + host;
    r.report.findings.push_back(std::move(f));
  }
  r.exit_code = diags.has_errors() ? kExitFindings : kExitOk;
  return r;
}

int CheckCertCommand(const Options& options) {
  CheckCertResult r = CheckCert(options);
  if (r.exit_code == kExitUsage) {
    Report(r.usage, options.command);
    return kExitUsage;
  }
  Diagnostics write;
  if (!PrintReport(r.report, options.format, &write)) {
    Report(write, options.command);
    return kExitWriteFailed;
  }
  return r.exit_code;
}

}  // namespace hostgraft
