// Vault's JSON answers as the Vault client reads them: a KV read
// ({"data": {"data": {...}}} for v2, {"data": {...}} for v1), a login
// ({"auth": {"client_token": ...}}) and an error body ({"errors": [...]}).
// Properties: a field list is either fully read or refused with a reason
// naming the field; the error text is empty unless there are errors.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "vault_json.h"

using namespace hostgraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string errors = VaultErrorsText(text);
  rapidjson::Document doc;
  if (!ParseVaultJson(text, &doc)) {
    FUZZ_CHECK(errors.empty(), "error text from a body that is not JSON");
    return 0;
  }
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
