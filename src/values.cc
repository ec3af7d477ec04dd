#include "values.h"

#include <yaml.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string_view>

#include "bounded_read.h"

namespace hostgraft {
namespace {

constexpr size_t kMaxValuesFileBytes = 16u << 20;
constexpr size_t kMaxDepth = 256;
constexpr size_t kMaxExpandedNodes = 1u << 20;
// Helm's own limits for --set (pkg/strvals): list index and key nesting.
constexpr long kMaxSetIndex = 65536;
constexpr int kMaxSetNesting = 30;

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

// yaml-cpp 0.7 hangs on some malformed input and accepts duplicate keys, so
// the text is first checked with libyaml's event parser, which does neither.
// Aliases are counted as the nodes they expand to, against alias bombs.
bool CheckYamlText(const std::string& text, const std::string& file, Diagnostics* diags) {
  struct Frame {
    bool is_map = false;
    bool expect_key = true;
    size_t expanded_at_start = 0;
    std::string anchor;
    std::map<std::string, size_t> key_lines;
  };
  std::vector<Frame> stack;
  std::map<std::string, size_t> anchor_sizes;
  size_t expanded = 0;
  int documents = 0;
  bool ok = true;
  auto fail = [&](const yaml_mark_t& mark, std::string message, std::string fix) {
    FileError(diags, file, static_cast<int>(mark.line) + 1, std::move(message), std::move(fix));
    ok = false;
  };

  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  while (ok) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::string message = std::string("not valid YAML: ") + (parser.problem ? parser.problem : "parse error");
      if (parser.context) message += std::string(" (") + parser.context + ")";
      fail(parser.problem_mark, message,
           "correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start "
           "with '*', '&', '!', '{' or '[')");
      break;
    }
    const yaml_event_type_t type = event.type;
    const bool is_node = type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
                         type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
    if (is_node && !stack.empty() && stack.back().is_map) {
      Frame& parent = stack.back();
      if (parent.expect_key) {
        if (type != YAML_SCALAR_EVENT) {
          fail(event.start_mark, "a mapping key must be a plain or quoted string", "write the key as a string");
        } else {
          std::string key(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
          auto [it, inserted] = parent.key_lines.emplace(key, event.start_mark.line + 1);
          if (!inserted)
            fail(event.start_mark,
                 "duplicate key \"" + key + "\" (first at line " + std::to_string(it->second) + ")",
                 "keep one of the two: Helm would take the last one silently, hostgraft does not guess");
        }
      }
      parent.expect_key = !parent.expect_key;
    }
    switch (type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1)
          fail(event.start_mark, "a values file holds one YAML document; a second begins here",
               "split the documents into files of their own and pass each with -f");
        break;
      case YAML_SCALAR_EVENT:
        ++expanded;
        if (event.data.scalar.anchor) anchor_sizes[reinterpret_cast<const char*>(event.data.scalar.anchor)] = 1;
        break;
      case YAML_ALIAS_EVENT: {
        auto it = anchor_sizes.find(reinterpret_cast<const char*>(event.data.alias.anchor));
        if (it == anchor_sizes.end())
          fail(event.start_mark, std::string("alias *") + reinterpret_cast<const char*>(event.data.alias.anchor) +
                                     " names no complete anchor before it",
               "define the anchor (&name) before the alias that uses it");
        else
          expanded += it->second;
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (stack.size() >= kMaxDepth) {
          fail(event.start_mark, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
               "flatten the values");
          break;
        }
        Frame frame;
        frame.is_map = type == YAML_MAPPING_START_EVENT;
        frame.expanded_at_start = expanded++;
        const yaml_char_t* anchor =
            frame.is_map ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
        if (anchor) frame.anchor = reinterpret_cast<const char*>(anchor);
        stack.push_back(std::move(frame));
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (!stack.back().anchor.empty())
          anchor_sizes[stack.back().anchor] = expanded - stack.back().expanded_at_start;
        stack.pop_back();
        break;
      default:
        break;
    }
    if (ok && expanded > kMaxExpandedNodes)
      fail(event.start_mark, "aliases expand to more than " + std::to_string(kMaxExpandedNodes) + " nodes",
           "write the values out instead of nesting aliases");
    const bool end = type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return ok;
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

// One --set argument in Helm's strvals syntax, applied to the values tree.
class SetParser {
 public:
  SetParser(std::string_view arg, Diagnostics* diags) : arg_(arg), diags_(diags) {}

  bool Apply(YAML::Node root) {
    for (;;) {
      Status status = Key(root, 0);
      if (status == kError) return false;
      if (status == kEnd) return true;
    }
  }

 private:
  enum Status { kNext, kEnd, kError };  // kNext: a ',' ended the value

  struct Piece {
    std::string text;
    char stop = 0;  // the stop character met; 0 at the end of the argument
  };

  Piece Until(std::string_view stops) {
    Piece piece;
    while (pos_ < arg_.size()) {
      char c = arg_[pos_++];
      if (c == '\\' && pos_ < arg_.size()) {
        piece.text += arg_[pos_++];
      } else if (stops.find(c) != std::string_view::npos) {
        piece.stop = c;
        return piece;
      } else {
        piece.text += c;
      }
    }
    return piece;
  }

  Status Fail(const std::string& message) {
    diags_->Error(kExitUsage, {}, "--set \"" + KeysSoFar() + "\": " + message,
                  "write it like key.path=value, list[0]=value or key={a,b}");
    return kError;
  }

  // The argument up to where parsing stopped, values masked: one --set can
  // carry several values, and others may be passwords.
  std::string KeysSoFar() const {
    std::string out;
    size_t end = std::min(pos_, arg_.size());
    for (size_t i = 0; i < end; ++i) {
      out += arg_[i];
      if (arg_[i] == '\\' && i + 1 < end) out += arg_[++i];
      if (arg_[i] != '=' || (i > 0 && arg_[i - 1] == '\\')) continue;
      out += "***";
      char close = i + 1 < end && arg_[i + 1] == '{' ? '}' : ',';
      while (i + 1 < end && arg_[i + 1] != close) i += arg_[i + 1] == '\\' ? 2 : 1;
      if (close == '}' && i + 1 < end) ++i;
    }
    return out;
  }

  // Helm's typedVal: true/false/null (any case) and decimal integers without
  // a leading zero are typed; everything else, floats included, is a string.
  static YAML::Node Typed(const std::string& text) {
    auto is = [&text](std::string_view word) {
      if (text.size() != word.size()) return false;
      for (size_t i = 0; i < text.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
      return true;
    };
    if (is("true")) return YAML::Node("true");
    if (is("false")) return YAML::Node("false");
    if (is("null")) return YAML::Node(YAML::NodeType::Null);
    if (text == "0") return YAML::Node("0");
    if (!text.empty() && text[0] != '0') {
      errno = 0;
      char* end = nullptr;
      long long number = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0 && *end == '\0' && !std::isspace(static_cast<unsigned char>(text[0])))
        return YAML::Node(std::to_string(number));
    }
    YAML::Node string(text);
    string.SetTag("!");
    return string;
  }

  // The value after '=': a {a,b} list or a scalar up to the next ','.
  Status Value(YAML::Node* value) {
    if (pos_ < arg_.size() && arg_[pos_] == '{') {
      ++pos_;
      *value = YAML::Node(YAML::NodeType::Sequence);
      if (pos_ < arg_.size() && arg_[pos_] == '}') {
        ++pos_;  // {} is an empty list
      } else {
        for (;;) {
          Piece item = Until(",}");
          if (item.stop == 0) return Fail("a list must end with '}'");
          value->push_back(Typed(item.text));
          if (item.stop == '}') break;
        }
      }
      if (pos_ == arg_.size()) return kEnd;
      if (arg_[pos_] != ',') return Fail("unexpected text after '}'");
      ++pos_;
      return kNext;
    }
    Piece scalar = Until(",");
    *value = Typed(scalar.text);
    return scalar.stop == ',' ? kNext : kEnd;
  }

  bool Index(long* index) {
    Piece digits = Until("]");
    if (digits.stop != ']') {
      Fail("missing ']' after a list index");
      return false;
    }
    char* end = nullptr;
    errno = 0;
    *index = std::strtol(digits.text.c_str(), &end, 10);
    if (digits.text.empty() || *end != '\0' || errno != 0 || *index < 0) {
      Fail("list index \"" + digits.text + "\" is not a non-negative integer");
      return false;
    }
    if (*index > kMaxSetIndex) {
      Fail("list index " + digits.text + " is greater than the maximum " + std::to_string(kMaxSetIndex));
      return false;
    }
    return true;
  }

  static void EnsureType(YAML::Node node, YAML::NodeType::value type) {
    if (node.Type() != type) node = YAML::Node(type);
  }

  // The const lookup does not add the key; a missing key is an invalid node.
  static void EnsureType(YAML::Node map, const std::string& key, YAML::NodeType::value type) {
    const YAML::Node existing = static_cast<const YAML::Node&>(map)[key];
    if (!existing || existing.Type() != type) map[key] = YAML::Node(type);
  }

  Status Key(YAML::Node map, int nesting) {
    Piece key = Until("=[,.");
    if (key.stop == 0) {
      if (key.text.empty() && nesting == 0) return kEnd;  // "a=1," may end with its comma, as in Helm
      return Fail("key \"" + key.text + "\" has no value");
    }
    if (key.text.empty()) return Fail("empty key");
    switch (key.stop) {
      case '=': {
        YAML::Node value;
        Status status = Value(&value);
        if (status == kError) return status;
        if (value.IsNull())
          map.remove(key.text);
        else
          map[key.text] = value;
        return status;
      }
      case '.': {
        if (++nesting > kMaxSetNesting)
          return Fail("keys are nested deeper than " + std::to_string(kMaxSetNesting) + " levels");
        EnsureType(map, key.text, YAML::NodeType::Map);
        return Key(map[key.text], nesting);
      }
      case '[': {
        long index;
        if (!Index(&index)) return kError;
        EnsureType(map, key.text, YAML::NodeType::Sequence);
        return ListItem(map[key.text], index, key.text + "[" + std::to_string(index) + "]", nesting);
      }
      default:
        return Fail("key \"" + key.text + "\" has no value");
    }
  }

  // After "key[index]": '=', '.' or another '['.
  Status ListItem(YAML::Node list, long index, const std::string& shown, int nesting) {
    Piece rest = Until("[.=");
    if (!rest.text.empty()) return Fail("unexpected \"" + rest.text + "\" after " + shown);
    if (rest.stop == 0) return Fail("key \"" + shown + "\" has no value");
    // yaml-cpp turns a sequence into a map when an index past its end is
    // assigned, so pad with nulls first, like Helm.
    while (list.size() <= static_cast<size_t>(index)) list.push_back(YAML::Node(YAML::NodeType::Null));
    YAML::Node item = list[index];
    switch (rest.stop) {
      case '=': {
        YAML::Node value;
        Status status = Value(&value);
        if (status != kError) list[index] = value;
        return status;
      }
      case '.':
        if (++nesting > kMaxSetNesting)
          return Fail("keys are nested deeper than " + std::to_string(kMaxSetNesting) + " levels");
        EnsureType(item, YAML::NodeType::Map);
        return Key(list[index], nesting);
      default: {
        long next;
        if (!Index(&next)) return kError;
        EnsureType(item, YAML::NodeType::Sequence);
        return ListItem(list[index], next, shown + "[" + std::to_string(next) + "]", nesting);
      }
    }
  }

  std::string_view arg_;
  size_t pos_ = 0;
  Diagnostics* diags_;
};

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
  for (const std::string& set : sets) ok = SetParser(set, diags).Apply(*merged) && ok;
  return ok;
}

void MergeValues(YAML::Node into, const YAML::Node& from) { Merge(into, from); }

}  // namespace hostgraft
