// The PEM/certificate loader: DecodeTlsMaterial on three fields, then
// CheckTlsMaterial on what it accepts. Input: a flags byte (bit 0 need_key,
// bit 1 need_ca, bit 2 client_auth), then certificate, key and
// caCertificate separated by "\n====\n". Properties: errors carry exit 1 or
// 3, and no diagnostic quotes the key field.
#include <cstdint>
#include <string>

#include "cert_check.h"
#include "fuzz_check.h"
#include "tls_material.h"

using namespace hostgraft;

namespace {

constexpr std::time_t kAt = 1780272000;  // 2026-06-01T00:00:00Z, the fixtures' --at
constexpr const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

void CheckNoKeyQuoted(const Diagnostics& diags, const std::string& key) {
  // 24 base64 bytes of a key line inside a message would be a leak; shorter
  // runs occur by chance, and PEM framing (BEGIN/END lines) is public.
  std::vector<std::string> windows;
  for (const std::string& line : fuzz::SplitInput(key, "\n", key.size() + 1))
    if (line.rfind("-----", 0) != 0)
      for (size_t i = 0; i + 24 <= line.size(); i += 12)
        if (line.find_first_not_of(kBase64, i) >= i + 24) windows.push_back(line.substr(i, 24));
  for (const Diagnostic& d : diags.all()) {
    std::string text = FormatDiagnostic(d);
    for (const std::string& w : windows)
      FUZZ_CHECK(text.find(w) == std::string::npos, ("a diagnostic quotes the key: " + text).c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  unsigned flags = data[0];
  std::vector<std::string> parts =
      fuzz::SplitInput(std::string(reinterpret_cast<const char*>(data) + 1, size - 1), "\n====\n", 3);
  SecretFields fields;
  const char* names[] = {"certificate", "key", "caCertificate"};
  for (size_t i = 0; i < parts.size(); ++i)
    if (!parts[i].empty()) fields[names[i]] = parts[i];
  std::string key = fields.count("key") ? fields["key"] : "";

  TlsMaterial material;
  Diagnostics diags;
  bool ok = DecodeTlsMaterial(fields, "fuzz/secret", flags & 1, flags & 2, &material, &diags);
  FUZZ_CHECK(ok != diags.has_errors(), "DecodeTlsMaterial's result and its diagnostics disagree");
  CheckNoKeyQuoted(diags, key);
  if (!ok) {
    FUZZ_CHECK(diags.exit_code() == kExitFindings || diags.exit_code() == kExitSecretStore,
               "a material error is not exit 1 or 3");
    return 0;
  }
  CertCheckRequest request;
  request.host = flags & 4 ? "" : "keycloak.example.com";
  request.client_auth = flags & 4;
  request.at = kAt;
  request.trust = Trust::kBundle;
  Diagnostics check;
  CertInfo info;
  bool accepted = CheckTlsMaterial(material, request, &check, &info);
  FUZZ_CHECK(accepted != check.has_errors(), "CheckTlsMaterial's result and its diagnostics disagree");
  CheckNoKeyQuoted(check, key);
  CheckNoKeyQuoted(check, material.key);
  return 0;
}
