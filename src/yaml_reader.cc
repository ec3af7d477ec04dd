#include "yaml_reader.h"

namespace hostgraft {
namespace {

// Past this many keys a mapping looks its keys up in a hash map.
constexpr size_t kLinearKeys = 32;

const char* AnchorOf(const yaml_event_t& e) {
  const yaml_char_t* anchor = nullptr;
  switch (e.type) {
    case YAML_SCALAR_EVENT: anchor = e.data.scalar.anchor; break;
    case YAML_SEQUENCE_START_EVENT: anchor = e.data.sequence_start.anchor; break;
    case YAML_MAPPING_START_EVENT: anchor = e.data.mapping_start.anchor; break;
    default: break;
  }
  return reinterpret_cast<const char*>(anchor);
}

bool IsNode(yaml_event_type_t type) {
  return type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT || type == YAML_SEQUENCE_START_EVENT ||
         type == YAML_MAPPING_START_EVENT;
}

bool StartsCollection(yaml_event_type_t type) {
  return type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
}

}  // namespace

YamlReader::YamlReader(std::string_view text, YamlReadOptions options) : options_(options) {
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

YamlReader::~YamlReader() {
  if (has_event_) yaml_event_delete(&event_);
  yaml_parser_delete(&parser_);
}

std::string_view YamlReader::scalar() const {
  return {reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length};
}

size_t YamlReader::depth() const { return frames_.size() - (StartsCollection(event_.type) ? 1 : 0); }

std::string YamlReader::Path() const {
  std::string path;
  for (size_t i = 0; i < depth(); ++i) {
    const Frame& f = frames_[i];
    if (f.mapping) path += (path.empty() ? "" : ".") + f.key;
    else path += "[" + std::to_string(f.items - 1) + "]";
  }
  return path;
}

bool YamlReader::Fail(YamlProblem problem, int line, std::string message, std::string fix) {
  error_ = YamlError{problem, line, std::move(message), std::move(fix)};
  return false;
}

bool YamlReader::SyntaxError() {
  std::string message = std::string("not valid YAML: ") + (parser_.problem ? parser_.problem : "parse error");
  if (parser_.context) message += std::string(" (") + parser_.context + ")";
  return Fail(YamlProblem::kSyntax, options_.first_line + static_cast<int>(parser_.problem_mark.line), std::move(message),
              "correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start "
              "with '*', '&', '!', '{' or '[')");
}

bool YamlReader::Next() {
  if (has_event_) yaml_event_delete(&event_);
  has_event_ = false;
  duplicate_.reset();
  is_key_ = false;
  if (ended_ || error_) return false;
  if (!yaml_parser_parse(&parser_, &event_)) return SyntaxError();
  has_event_ = true;
  switch (event_.type) {
    case YAML_STREAM_END_EVENT: ended_ = true; return true;
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ > options_.max_documents)
        return Fail(YamlProblem::kSecondDocument, line(), "a second YAML document begins here; one is expected",
                    "split the documents into files of their own");
      anchor_sizes_.clear();  // anchors belong to their document
      expanded_ = 0;
      return true;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      Frame& f = frames_.back();
      if (!f.anchor.empty()) anchor_sizes_[f.anchor] = expanded_ - f.expanded_at_start;
      frames_.pop_back();
      return true;
    }
    default: return IsNode(event_.type) ? Node() : true;
  }
}

// Places the node in its parent, counts the nodes it expands to and opens
// a collection.
bool YamlReader::Node() {
  if (!frames_.empty()) {
    Frame& parent = frames_.back();
    if (parent.mapping) {
      is_key_ = parent.want_key;
      parent.want_key = !parent.want_key;
      if (is_key_ && !Key()) return false;
    } else {
      ++parent.items;
    }
  }
  const char* anchor = AnchorOf(event_);
  switch (event_.type) {
    case YAML_SCALAR_EVENT:
      ++expanded_;
      if (anchor) anchor_sizes_[anchor] = 1;
      break;
    case YAML_ALIAS_EVENT: {
      const char* name = reinterpret_cast<const char*>(event_.data.alias.anchor);
      auto it = anchor_sizes_.find(name);
      if (it == anchor_sizes_.end())
        return Fail(YamlProblem::kUnknownAlias, line(),
                    (MayQuote(name) ? std::string("alias *") + name : std::string("an alias")) +
                        " refers to no anchor defined before it",
                    "define the anchor (&name) before the alias that uses it");
      expanded_ += it->second;
      break;
    }
    default: {
      if (static_cast<int>(frames_.size()) >= options_.max_depth)
        return Fail(YamlProblem::kTooDeep, line(), "nesting deeper than " + std::to_string(options_.max_depth) + " levels",
                    "flatten the structure");
      Frame& f = frames_.emplace_back();
      f.mapping = event_.type == YAML_MAPPING_START_EVENT;
      f.expanded_at_start = expanded_++;
      if (anchor) f.anchor = anchor;
    }
  }
  if (expanded_ > options_.max_alias_expansion)
    return Fail(YamlProblem::kAliasBomb, line(),
                "aliases expand to more than " + std::to_string(options_.max_alias_expansion) +
                    " nodes (an alias bomb?)",
                "write the values out instead of nesting aliases");
  return true;
}

// A key of the mapping on top: remembered for Path(), and checked against
// the keys before it. Keys that are not scalars are not compared.
bool YamlReader::Key() {
  Frame& f = frames_.back();
  if (event_.type != YAML_SCALAR_EVENT) {
    f.key.clear();
    return true;
  }
  f.key.assign(scalar());
  if (options_.duplicate_keys == DuplicateKeys::kIgnore) return true;
  int first = FirstLineOfKey(f, line());
  if (first == 0) return true;
  YamlError dup{YamlProblem::kDuplicateKey, line(),
                "duplicate mapping key" + (MayQuote(f.key) ? " \"" + f.key + "\"" : std::string()) + " (first at line " +
                    std::to_string(first) + ")",
                "keep one of the two: Helm would take the last one silently, hostgraft does not guess"};
  if (options_.duplicate_keys == DuplicateKeys::kRefuse) {
    error_ = std::move(dup);
    return false;
  }
  duplicate_ = std::move(dup);
  return true;
}

// The line of an earlier equal key, or 0 after recording this one.
int YamlReader::FirstLineOfKey(Frame& f, int line) {
  const std::string& key = f.key;
  if (f.key_lines.empty() && f.keys.size() < kLinearKeys) {
    for (const auto& [k, l] : f.keys)
      if (k == key) return l;
    f.keys.emplace_back(key, line);
    return 0;
  }
  if (f.key_lines.empty()) {
    for (auto& [k, l] : f.keys) f.key_lines.emplace(std::move(k), l);
    f.keys.clear();
  }
  auto [it, inserted] = f.key_lines.emplace(key, line);
  return inserted ? 0 : it->second;
}

}  // namespace hostgraft
