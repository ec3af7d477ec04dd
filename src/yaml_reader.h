// The one libyaml event reader behind every YAML input hostgraft reads
// (manifest documents, values files, secret files, plugin configs): one set
// of limits, one set of messages, and the line of every event. Each caller
// keeps its own policy (how strict about duplicate keys, which keys a
// message may quote) through YamlReadOptions, not through its own loop.
#pragma once

#include <yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hostgraft {

inline constexpr int kMaxYamlDepth = 256;
// Nodes an alias-expanding reader (yaml-cpp, Helm) would build: the guard
// against alias bombs ("billion laughs").
inline constexpr size_t kMaxYamlAliasExpansion = 1000000;

enum class DuplicateKeys {
  kRefuse,  // a duplicate mapping key is an error
  kReport,  // duplicate() describes it; the caller decides
  kIgnore,  // not tracked (the tree of a document already scanned)
};

struct YamlReadOptions {
  int max_depth = kMaxYamlDepth;
  size_t max_alias_expansion = kMaxYamlAliasExpansion;
  int max_documents = 1;
  // The number of the text's first line: lines are counted from it, so a
  // document read out of a stream is numbered as the stream is.
  int first_line = 1;
  DuplicateKeys duplicate_keys = DuplicateKeys::kRefuse;
  // Whether a message may quote this key or anchor name; null: any. A
  // secret file's names are part of its contents (DESIGN.md section 11).
  bool (*may_quote)(std::string_view name) = nullptr;
};

enum class YamlProblem { kSyntax, kTooDeep, kAliasBomb, kUnknownAlias, kSecondDocument, kDuplicateKey };

struct YamlError {
  YamlProblem problem = YamlProblem::kSyntax;
  int line = 0;  // counted from YamlReadOptions::first_line
  std::string message;
  std::string fix;
};

class YamlReader {
 public:
  explicit YamlReader(std::string_view text, YamlReadOptions options = {});
  ~YamlReader();
  YamlReader(const YamlReader&) = delete;
  YamlReader& operator=(const YamlReader&) = delete;

  // Reads the next event, the stream end included. False on an error
  // (error() says which) and once the stream end has been read.
  bool Next();
  const std::optional<YamlError>& error() const { return error_; }

  const yaml_event_t& event() const { return event_; }
  yaml_event_type_t type() const { return event_.type; }
  // The line where the current event starts.
  int line() const { return options_.first_line + static_cast<int>(event_.start_mark.line); }
  // A scalar event's text.
  std::string_view scalar() const;
  // The current node is a mapping key.
  bool is_key() const { return is_key_; }
  // Collections open around the current event (not counting one it starts).
  size_t depth() const;
  // The key being read in the mapping open at `level` (0: the root); "" for
  // a sequence or a key that is not a scalar.
  std::string_view key(size_t level) const { return frames_[level].key; }
  // "spec.list[0].a": the YAML path of the current node.
  std::string Path() const;
  // DuplicateKeys::kReport: the error a repeated key would be, for the
  // current key event; null otherwise.
  const YamlError* duplicate() const { return duplicate_ ? &*duplicate_ : nullptr; }

 private:
  struct Frame {
    bool mapping = false;
    bool want_key = true;      // mapping: the next node is a key
    std::string key;           // mapping: the key being read
    size_t items = 0;          // sequence: items begun
    size_t expanded_at_start = 0;
    std::string anchor;
    // Keys read so far with their lines; a map once the mapping grows large.
    std::vector<std::pair<std::string, int>> keys;
    std::unordered_map<std::string, int> key_lines;
  };

  bool Fail(YamlProblem problem, int line, std::string message, std::string fix);
  bool MayQuote(std::string_view name) const { return !options_.may_quote || options_.may_quote(name); }
  bool SyntaxError();
  bool Node();
  bool Key();
  int FirstLineOfKey(Frame& frame, int line);

  yaml_parser_t parser_;
  yaml_event_t event_{};
  bool has_event_ = false;
  bool ended_ = false;
  YamlReadOptions options_;
  std::optional<YamlError> error_;
  std::optional<YamlError> duplicate_;
  bool is_key_ = false;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, size_t> anchor_sizes_;  // complete anchors: nodes they expand to
  size_t expanded_ = 0;
  int documents_ = 0;
};

}  // namespace hostgraft
