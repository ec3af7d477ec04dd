// The JSON that crosses the wire to Vault, through rapidjson.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "secret_store.h"

namespace hostgraft {

// How deep an answer may nest: Vault's nest under 10 levels. Deeper input
// is refused, so no parse, copy or walk can recurse its way off the stack.
constexpr int kMaxVaultJsonDepth = 64;

// Parses text without recursion (rapidjson's iterative parser) and with the
// depth limit; false when it is not JSON, with *why (when given) saying so
// as a phrase, e.g. "it nests deeper than 64 levels".
bool ParseVaultJson(const std::string& text, rapidjson::Document* doc, std::string* why = nullptr);

// The member name of object v when it is a string, else empty.
std::string JsonString(const rapidjson::Value& v, const char* name);

// Vault's {"errors": [...]} joined with "; ", credentials in them (an
// echoed X-Vault-Token, role_id, secret_id, JWT, PEM) redacted; empty when
// there are none.
std::string VaultErrorsText(const std::string& body);

// {"k": "v", ...} with every pair escaped.
std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& pairs);

// Secret fields from a JSON object. Strings stay as they are; numbers and
// booleans become their JSON text (as a YAML files: store reads them);
// null, lists and objects are refused with a message naming the field.
std::optional<std::string> FieldsFromJson(const rapidjson::Value& object, SecretFields* fields);

}  // namespace hostgraft
