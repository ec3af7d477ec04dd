// The custom hosts that get TLS material (Routes in 5.8, Secrets in 5.9):
// every custom Keycloak host (each entry of keycloak.customHosts, or K when
// there is no list) for the default Keycloak host D, and each configured
// portal host for its default host, each with the secret path its
// certificate lives at; and which render generates their objects (5.12).
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

// The Route whose spec.host is `host`, or null.
const Document* RouteServing(const Stream& stream, std::string_view host);
// The Istio Gateway with a server listing `host` ("namespace/host" counts), or null.
const Document* GatewayListing(const Stream& stream, std::string_view host);

// The anchor of h's generated object (5.12), the document it mirrors: with
// tls.delivery route the Route serving h's default host, with secret the
// Gateway listing it; null when this stream holds none.
const Document* AnchorOf(const Config& config, const Stream& stream, const TlsHost& h);

// Whether this render generates h's Route or Secret: hostgraft.generate
// always, or auto and the stream holds h's anchor. When not, *why (if
// given) says why, for -v. A platform gives every release the same values; the anchor
// makes exactly one of them emit each object.
bool GeneratesFor(const Config& config, const Stream& stream, const TlsHost& h, std::string* why = nullptr);

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
