#include "vault_json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "redact.h"

namespace hostgraft {
namespace {

// Passes SAX events to the document and stops the parse (kParseErrorTermination)
// when objects and arrays nest deeper than kMaxVaultJsonDepth.
struct DepthLimit {
  rapidjson::Document& doc;
  int depth = 0;
  bool too_deep = false;

  bool Enter() {
    if (++depth <= kMaxVaultJsonDepth) return true;
    too_deep = true;
    return false;
  }
  bool Null() { return doc.Null(); }
  bool Bool(bool b) { return doc.Bool(b); }
  bool Int(int i) { return doc.Int(i); }
  bool Uint(unsigned i) { return doc.Uint(i); }
  bool Int64(int64_t i) { return doc.Int64(i); }
  bool Uint64(uint64_t i) { return doc.Uint64(i); }
  bool Double(double d) { return doc.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return doc.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc.Key(s, n, copy); }
  bool StartObject() { return Enter() && doc.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { --depth; return doc.EndObject(members); }
  bool StartArray() { return Enter() && doc.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { --depth; return doc.EndArray(elements); }
};

}  // namespace

bool ParseVaultJson(const std::string& text, rapidjson::Document* doc, std::string* why) {
  doc->SetNull();
  rapidjson::ParseResult result;
  bool too_deep = false;
  // The Document fills itself from the limited events; on failure it keeps
  // the null set above (Populate clears its stack either way).
  auto generate = [&](rapidjson::Document& d) {
    DepthLimit limit{d};
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(stream);
    rapidjson::Reader reader;
    result = reader.Parse<rapidjson::kParseIterativeFlag>(in, limit);
    too_deep = limit.too_deep;
    return !result.IsError();
  };
  doc->Populate(generate);
  if (!result.IsError()) return true;
  if (why)
    *why = too_deep ? "it nests deeper than " + std::to_string(kMaxVaultJsonDepth) + " levels"
                    : std::string(rapidjson::GetParseError_En(result.Code())) + " (at byte " + std::to_string(result.Offset()) + ")";
  return false;
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
    text.append(e.GetString(), e.GetStringLength());
  }
  // Vault does not echo credentials, but a proxy or a plugin in front of it
  // might: an error text is quoted in messages only after this.
  return RedactCredentials(text);
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
