// The custom hosts that get TLS material (Routes in 5.8, Secrets in 5.9):
// K for the default Keycloak host D, and each configured portal host for
// its default host, each with the secret path its certificate lives at.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"

namespace hostgraft {

struct TlsHost {
  std::string host;          // the custom host
  std::string default_host;  // the default host it stands beside
  std::string secret_path;
  std::string role;          // "keycloak", "officer", "citizen"
};

std::vector<TlsHost> TlsHosts(const Config& config);

// A plan entry for the host's certificate.
SecretNeed TlsNeed(const TlsHost& h, const std::string& purpose);

// tls.crt: the leaf then the chain the secret carries.
std::string LeafThenChain(const TlsMaterial& m);

// The base64 `data` of a kubernetes.io/tls Secret: tls.crt (leaf then
// chain), tls.key and, with with_ca and when the secret carries one, ca.crt.
// `data`, not stringData, so Argo CD and `kubectl diff` see no drift once
// applied.
Value TlsSecretData(const TlsMaterial& m, bool with_ca = true);

// A generated kubernetes.io/tls Secret; ns may be empty (the release's).
// labels is a map; app.kubernetes.io/managed-by: hostgraft is added.
Value TlsSecretDocument(const std::string& name, const std::string& ns, Value labels, const Value& data);

// Brings an existing Secret's `data` to `data`: changed keys replaced,
// missing ones added, each noted for `step` as "refreshes <key> for <what>".
void RefreshSecretData(const Document& doc, const Value& data, const char* step, const std::string& what,
                       Edits* edits);

// Whether the input stream already has a core v1 resource of this kind and name.
bool StreamHas(const Stream& stream, std::string_view kind, std::string_view name);

}  // namespace hostgraft
