// Vault's JSON answers as the Vault client reads them: a KV read
// ({"data": {"data": {...}}} for v2, {"data": {...}} for v1), a login
// ({"auth": {"client_token": ...}}) and an error body ({"errors": [...]}).
// Properties: a field list is either fully read or refused with a reason
// naming the field; the error text is empty unless there are errors; a
// parse never recurses (deep nesting is refused at kMaxVaultJsonDepth with
// a reason, not a stack overflow), and what parses nests no deeper.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "vault/vault_json.h"

using namespace hostgraft;

namespace {

// Depth of v, by an explicit stack (a recursive walk is what must not be).
int Depth(const rapidjson::Value& root) {
  int deepest = 0;
  std::vector<std::pair<const rapidjson::Value*, int>> todo{{&root, 0}};
  while (!todo.empty()) {
    auto [v, depth] = todo.back();
    todo.pop_back();
    if (v->IsArray()) {
      deepest = std::max(deepest, depth + 1);
      for (const rapidjson::Value& e : v->GetArray()) todo.push_back({&e, depth + 1});
    } else if (v->IsObject()) {
      deepest = std::max(deepest, depth + 1);
      for (const auto& m : v->GetObject()) todo.push_back({&m.value, depth + 1});
    }
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string errors = VaultErrorsText(text);
  rapidjson::Document doc;
  std::string parse_error;
  if (!ParseVaultJson(text, &doc, &parse_error)) {
    FUZZ_CHECK(errors.empty(), "error text from a body that is not JSON");
    FUZZ_CHECK(!parse_error.empty(), "a parse failure without a reason");
    FUZZ_CHECK(doc.IsNull(), "a failed parse left a value behind");
    return 0;
  }
  FUZZ_CHECK(Depth(doc) <= kMaxVaultJsonDepth, "an answer deeper than the limit was accepted");
  if (!doc.IsObject()) return 0;
  JsonString(doc, "request_id");
  if (doc.HasMember("auth")) JsonString(doc["auth"], "client_token");
  if (!doc.HasMember("data")) return 0;
  const rapidjson::Value& outer = doc["data"];
  const rapidjson::Value& fields_json =
      outer.IsObject() && outer.HasMember("data") && outer["data"].IsObject() ? outer["data"] : outer;
  SecretFields fields;
  std::optional<std::string> why = FieldsFromJson(fields_json, &fields);
  if (why) {
    FUZZ_CHECK(!why->empty(), "a refusal without a reason");
  } else {
    FUZZ_CHECK(fields.size() <= fields_json.MemberCount(), "more fields than members");
    std::string round_trip = JsonObject({fields.begin(), fields.end()});
    rapidjson::Document again;
    FUZZ_CHECK(ParseVaultJson(round_trip, &again) && again.IsObject(), "JsonObject wrote something that is not JSON");
  }
  return 0;
}
