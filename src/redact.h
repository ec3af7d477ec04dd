// One redactor for every message hostgraft prints, logs or reports
// (DESIGN.md section 11). Diagnostics, findings and the -v log pass their
// text through SafeText, so a credential quoted by a server, a proxy or a
// hostile file, or a control character in a resource name, never reaches
// stderr, the error log, a report or CI logs as it was.
#pragma once

#include <string>
#include <string_view>

namespace hostgraft {

// "https://user:pw@proxy:3128/x" -> "https://***@proxy:3128/x", for every
// URL in the text.
std::string MaskUrlUserinfo(std::string_view text);

// Masks URL userinfo (as above) and replaces what looks like a credential
// with "[redacted]": Vault tokens (hvs./hvb./hvr./s./b. tokens),
// X-Vault-Token and Authorization header values, the values of credential
// keys in JSON, YAML or key=value form (token, client_token, secret_id,
// role_id, jwt, password, ...), JWTs and whole PEM blocks.
std::string RedactCredentials(std::string_view text);

// Control characters and DEL as \n, \r, \t or \xNN, so a message is one line
// and a name cannot forge lines of a CI log.
std::string EscapeControl(std::string_view text);

// Both: what every message passes through.
std::string SafeText(std::string_view text);

}  // namespace hostgraft
