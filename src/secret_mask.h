// What hostgraft diff shows of a document in place of secret values: a
// marker with the value's length. Masked are every value under `data` and
// `stringData` of a Secret, `spec.tls.key` of a Route, and any other
// scalar that holds a private key (PEM, or base64 of PEM). Certificates
// outside Secrets are public and stay.
#pragma once

#include <string>

#include "document.h"

namespace hostgraft {

// Which side of the diff a document is on, for the marker of a value that
// differs between the two.
enum class DiffSide { kBefore, kAfter };

// The text of `doc` with each secret value replaced by "<masked: N bytes>",
// N the length of the value as the document holds it. `other` is the same
// resource on the other side of the diff (null when there is none): a
// value that differs from its counterpart there reads
// "<masked: N bytes, before>" or "<masked: N bytes, after>", so a change
// shows even when the lengths are equal. False when a document with YAML
// in it does not parse: then nothing of it may be shown.
bool MaskSecrets(const Document& doc, const Document* other, DiffSide side, std::string* masked);

}  // namespace hostgraft
