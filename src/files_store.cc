#include "files_store.h"

#include <yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "diagnostics.h"

namespace hostgraft {
namespace {

SecretResult Failure(int exit_code, std::string message, std::string fix = {}) {
  return {std::nullopt, SecretError{exit_code, std::move(message), std::move(fix)}};
}

// Owns one libyaml event at a time.
class EventReader {
 public:
  explicit EventReader(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventReader() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  // False on a syntax error, described by problem().
  bool Next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) == 1;
    return has_event_;
  }
  const yaml_event_t& event() const { return event_; }
  int line() const { return static_cast<int>(event_.start_mark.line) + 1; }
  std::string problem() const {
    return "line " + std::to_string(parser_.problem_mark.line + 1) + ": " +
           (parser_.problem ? parser_.problem : "YAML syntax error");
  }
  std::string scalar() const {
    return std::string(reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length);
  }
  bool plain_null() const {
    if (event_.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    std::string s = scalar();
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
  }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
};

const char* NodeKind(yaml_event_type_t type) {
  switch (type) {
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "not a string";
  }
}

}  // namespace

SecretResult ParseSecretFile(const std::string& file, const std::string& text) {
  const std::string fix = "a secret file is one mapping of string fields: certificate, key, caCertificate";
  auto bad = [&](int line, const std::string& what) {
    return Failure(kExitSecretStore, "secret file " + file + ", line " + std::to_string(line) + ": " + what, fix);
  };
  EventReader r(text);
  // Stream start, then the first document or the end of an empty stream.
  if (!r.Next() || !r.Next()) return Failure(kExitSecretStore, "secret file " + file + ", " + r.problem(), fix);
  if (r.event().type == YAML_STREAM_END_EVENT) return Failure(kExitSecretStore, "secret file " + file + " is empty", fix);
  if (!r.Next()) return Failure(kExitSecretStore, "secret file " + file + ", " + r.problem(), fix);
  if (r.event().type != YAML_MAPPING_START_EVENT) return bad(r.line(), "the document is not a mapping of fields");
  SecretFields fields;
  while (true) {
    if (!r.Next()) return Failure(kExitSecretStore, "secret file " + file + ", " + r.problem(), fix);
    if (r.event().type == YAML_MAPPING_END_EVENT) break;
    if (r.event().type != YAML_SCALAR_EVENT) return bad(r.line(), std::string("a key is ") + NodeKind(r.event().type));
    std::string key = r.scalar();
    int key_line = r.line();
    if (fields.count(key)) return bad(key_line, "field " + key + " appears twice");
    if (!r.Next()) return Failure(kExitSecretStore, "secret file " + file + ", " + r.problem(), fix);
    if (r.event().type != YAML_SCALAR_EVENT)
      return bad(r.line(), "field " + key + " is " + NodeKind(r.event().type) + ", not a string");
    if (r.plain_null()) return bad(r.line(), "field " + key + " has no value");
    fields[key] = r.scalar();
  }
  if (!r.Next() || !r.Next()) return Failure(kExitSecretStore, "secret file " + file + ", " + r.problem(), fix);
  if (r.event().type != YAML_STREAM_END_EVENT) return bad(r.line(), "a secret file holds one document, this is the second");
  return {std::move(fields), std::nullopt};
}

std::map<std::string, SecretResult> FilesStore::Read(const std::vector<std::string>& paths) {
  std::map<std::string, SecretResult> results;
  for (const std::string& path : paths)
    if (!results.count(path)) results[path] = ReadOne(path);
  return results;
}

SecretResult FilesStore::ReadOne(const std::string& path) const {
  if (std::string problem = SecretPathProblem(path); !problem.empty())
    return Failure(kExitUsage, "secret path \"" + path + "\" " + problem, "use a relative path like registry-kv/cluster/domains/HOST");
  namespace fs = std::filesystem;
  std::vector<std::string> candidates{dir_ + "/" + path + ".yaml", dir_ + "/" + path + ".json"};
  std::vector<std::string> found;
  std::error_code ec;
  for (const std::string& c : candidates)
    if (fs::is_regular_file(c, ec)) found.push_back(c);
  if (found.empty())
    return Failure(kExitSecretStore, "no secret " + path + " in " + Describe() + ": looked for " + candidates[0] + " and " + candidates[1],
                   "create one of them with the fields certificate, key and caCertificate");
  if (found.size() > 1)
    return Failure(kExitSecretStore, "secret " + path + " is ambiguous: both " + found[0] + " and " + found[1] + " exist",
                   "remove one of them");
  const std::string& file = found[0];
  uintmax_t size = fs::file_size(file, ec);
  if (ec) return Failure(kExitSecretStore, "cannot read secret file " + file + ": " + ec.message());
  if (size > kMaxSecretFileBytes)
    return Failure(kExitSecretStore, "secret file " + file + " is " + std::to_string(size) + " bytes; a secret file may be at most " +
                                         std::to_string(kMaxSecretFileBytes) + " bytes (1 MiB)");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return Failure(kExitSecretStore, "cannot read secret file " + file);
  return ParseSecretFile(file, text.str());
}

}  // namespace hostgraft
