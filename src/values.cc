#include "values.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "bounded_read.h"
#include "set_values.h"
#include "yaml_reader.h"

namespace hostgraft {
namespace {

constexpr size_t kMaxValuesFileBytes = 16u << 20;

void FileError(Diagnostics* diags, const std::string& file, int line, std::string message, std::string fix = {}) {
  Location where;
  where.file = file;
  where.line = line;
  diags->Error(kExitUsage, where, std::move(message), std::move(fix));
}

bool ReadCapped(const std::string& path, std::string* text, Diagnostics* diags) {
  std::optional<std::string> problem = ReadFileBounded(path, std::min(kMaxValuesFileBytes, InputLimitBytes()), text);
  if (!problem) return true;
  if (problem->rfind("is larger", 0) == 0) {
    FileError(diags, path, 0, "values file " + *problem, "split it or remove what hostgraft does not need");
    return false;
  }
  for (const char* prefix : {"cannot be opened: ", "cannot be read: "})
    if (problem->rfind(prefix, 0) == 0) problem->erase(0, std::char_traits<char>::length(prefix));
  FileError(diags, path, 0, "cannot read values file: " + *problem, "check the -f/--values arguments and HOSTGRAFT_VALUES");
  return false;
}

// yaml-cpp 0.7 hangs on some malformed input and accepts duplicate keys
// and alias bombs, so the text is first read with the YAML reader, which
// does none of that. Keys must be strings: the values are read by key.
bool CheckYamlText(const std::string& text, const std::string& file, Diagnostics* diags) {
  YamlReader r(text);
  while (r.Next()) {
    if (r.is_key() && r.type() != YAML_SCALAR_EVENT) {
      FileError(diags, file, r.line(), "a mapping key must be a plain or quoted string", "write the key as a string");
      return false;
    }
  }
  if (!r.error()) return true;
  FileError(diags, file, r.error()->line, r.error()->message, r.error()->fix);
  return false;
}

// A copy made of new nodes: yaml-cpp shares the nodes of an alias with its
// anchor, and the merged tree is edited in place.
YAML::Node Copy(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      YAML::Node out(YAML::NodeType::Map);
      for (const auto& entry : node) out[entry.first.Scalar()] = Copy(entry.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      YAML::Node out(YAML::NodeType::Sequence);
      for (const auto& item : node) out.push_back(Copy(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      YAML::Node out(node.Scalar());
      out.SetTag(node.Tag());
      return out;
    }
    default:
      return YAML::Node(YAML::NodeType::Null);
  }
}

// Helm's merge of values files: maps deep-merge, anything else replaces, and
// a null deletes the key.
void Merge(YAML::Node dst, const YAML::Node& src) {
  for (const auto& entry : src) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (value.IsNull()) {
      dst.remove(key);
    } else if (value.IsMap()) {
      const YAML::Node existing = static_cast<const YAML::Node&>(dst)[key];
      if (!existing || !existing.IsMap()) dst[key] = YAML::Node(YAML::NodeType::Map);
      Merge(dst[key], value);
    } else {
      dst[key] = Copy(value);
    }
  }
}

bool LoadFile(const std::string& path, YAML::Node* merged, Diagnostics* diags) {
  std::string text;
  if (!ReadCapped(path, &text, diags) || !CheckYamlText(text, path, diags)) return false;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    FileError(diags, path, e.mark.line + 1, "not valid YAML: " + e.msg, "correct the YAML at that line");
    return false;
  }
  if (root.IsNull()) return true;  // an empty file, or one of comments only
  if (!root.IsMap()) {
    FileError(diags, path, root.Mark().line + 1,
              std::string("a values file must be a mapping at its top level, not a ") +
                  (root.IsSequence() ? "list" : "scalar"),
              "write the values as key: value lines, as Helm's values.yaml");
    return false;
  }
  Merge(*merged, root);
  return true;
}

std::vector<std::string> SplitColons(const char* list) {
  std::vector<std::string> parts;
  std::string_view rest = list;
  while (!rest.empty()) {
    size_t colon = rest.find(':');
    std::string_view part = rest.substr(0, colon);
    if (!part.empty()) parts.emplace_back(part);
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return parts;
}

}  // namespace

namespace {

// -f files, else those HOSTGRAFT_VALUES names.
std::vector<std::string> ValuesPaths(const std::vector<std::string>& files) {
  if (!files.empty()) return files;
  const char* env = std::getenv("HOSTGRAFT_VALUES");
  return env ? SplitColons(env) : std::vector<std::string>{};
}

}  // namespace

bool ValuesGiven(const std::vector<std::string>& files, bool other_values) {
  return other_values || !ValuesPaths(files).empty();
}

bool RequireValues(const std::vector<std::string>& files, bool other_values, const std::string& fix,
                   Diagnostics* diags) {
  if (ValuesGiven(files, other_values)) return true;
  diags->Error(kExitUsage, {},
               "no values given: without them hostgraft knows no custom host and would pass the stream through "
               "unchanged",
               fix);
  return false;
}

bool LoadValues(const std::vector<std::string>& files, const std::vector<std::string>& sets, YAML::Node* merged,
                Diagnostics* diags) {
  *merged = YAML::Node(YAML::NodeType::Map);
  const std::vector<std::string> paths = ValuesPaths(files);
  bool ok = true;
  for (const std::string& path : paths) ok = LoadFile(path, merged, diags) && ok;
  if (!ok) return false;
  for (const std::string& set : sets) ok = ApplySet(set, *merged, diags) && ok;
  return ok;
}

void MergeValues(YAML::Node into, const YAML::Node& from) { Merge(into, from); }

}  // namespace hostgraft
