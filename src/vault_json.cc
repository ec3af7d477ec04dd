#include "vault_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hostgraft {

bool ParseVaultJson(const std::string& text, rapidjson::Document* doc) {
  doc->Parse(text.data(), text.size());
  return !doc->HasParseError();
}

std::string JsonString(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return {};
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string VaultErrorsText(const std::string& body) {
  rapidjson::Document doc;
  if (!ParseVaultJson(body, &doc) || !doc.IsObject()) return {};
  auto it = doc.FindMember("errors");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return {};
  std::string text;
  for (const rapidjson::Value& e : it->value.GetArray()) {
    if (!e.IsString()) continue;
    if (!text.empty()) text += "; ";
    text += e.GetString();
  }
  return text;
}

std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& pairs) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [k, v] : pairs) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return buffer.GetString();
}

std::optional<std::string> FieldsFromJson(const rapidjson::Value& object, SecretFields* fields) {
  if (!object.IsObject()) return "the secret's data is not an object";
  for (const auto& m : object.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    const rapidjson::Value& v = m.value;
    if (v.IsString()) {
      (*fields)[name] = std::string(v.GetString(), v.GetStringLength());
    } else if (v.IsBool() || v.IsNumber()) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
      v.Accept(w);
      (*fields)[name] = buffer.GetString();
    } else {
      return "field " + name + " is " + (v.IsNull() ? "null" : v.IsArray() ? "a list" : "an object") + ", not a string";
    }
  }
  return std::nullopt;
}

}  // namespace hostgraft
