// A step's result: splices (replace bytes, insert bytes) at the byte ranges
// of the nodes it concerns, applied to the document's original text. What
// an edit does not concern keeps every byte; inserted items and keys copy
// the indentation and style of their siblings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "document.h"
#include "yaml_text.h"
#include "yaml_tree.h"

namespace hostgraft {

// One logical change, for -v and for lint (which reports what render would do).
struct Change {
  std::string step;   // step id, e.g. "request-authentication"
  std::string path;   // YAML path of the change
  int line = 0;
  std::string what;   // "adds jwtRules twin for issuer https://K/..."
};

// A node an edit was refused on, because it is shared through a YAML alias.
struct RefusedEdit {
  std::string path;
  int line = 0;
};

// Every edit refuses a node shared through a YAML alias (Node::shared): the
// edit would change every place that refers to it. Refused edits are listed
// for the caller to warn about, and the Note that follows them is dropped.
class Edits {
 public:
  explicit Edits(const Document& doc) : doc_(doc) {}

  // Replaces a scalar with `value`, in the scalar's quoting style; a block
  // scalar keeps its header line and indentation where they can carry the
  // value (BlockContent), else it is written as a new scalar would be.
  void ReplaceScalar(const Node& scalar, std::string_view value);
  // Inserts `item` after item `after` of a sequence; Append adds at the end.
  // A string item takes the quoting of the item it follows.
  void InsertItem(const Node& seq, size_t after, const Value& item);
  void AppendItem(const Node& seq, const Value& item) { InsertItem(seq, seq.Size() - 1, item); }
  // Inserts `item` before item `before` of a non-empty sequence (where a
  // chart template puts an item first); a string item takes its quoting.
  void InsertItemBefore(const Node& seq, size_t before, const Value& item);
  // Inserts a byte copy of item `i` right after it, with the given scalars
  // inside it replaced (a twin rule).
  void InsertCopy(const Node& seq, size_t i, const std::vector<std::pair<const Node*, std::string>>& replacements);
  // Adds `key: value` as the last entry of a mapping; a string value takes
  // the quoting that all scalar values of the mapping share, if any.
  void AddKey(const Node& map, std::string_view key, const Value& value);
  // Removes the given entries of a mapping with their values: in block style
  // the lines they span (a comment on those lines goes with them; the first
  // entry of a "- key:" list item gives way to the next, or to {} when
  // alone), in flow style the entries and their separators.
  void RemoveKeys(const Node& map, std::vector<size_t> entries);

  // Records what the edits since the last Note did; dropped when one of
  // them was refused.
  void Note(std::string step, std::string path, int line, std::string what);

  bool empty() const { return splices_.empty(); }
  const std::vector<Change>& changes() const { return changes_; }
  const std::vector<RefusedEdit>& refused() const { return refused_; }
  // The document text with every splice applied. Steps edit disjoint
  // nodes; two splices over the same bytes are a bug: false, nothing applied.
  bool Apply(std::string* out) const;

 private:
  struct Splice {
    size_t begin, end;
    std::string text;
  };
  void Add(size_t begin, size_t end, std::string text);
  // True (and recorded) when `node` is shared through an alias.
  bool Refuse(const Node& node);
  size_t LineStart(size_t pos) const;
  size_t LineEndAfter(size_t pos) const;
  size_t DashOf(const Node& item) const;
  int LineIndent(size_t pos) const;
  int SeqIndent() const;
  // Separator between the last two children of a flow collection, or ", ".
  std::string FlowSeparator(const Node& collection) const;
  // Where new block scalar content goes: two spaces in from its key or "-".
  int BlockIndent(const Node& scalar) const;
  std::string ScalarText(const Node& scalar, std::string_view value) const;
  std::optional<std::string> KeptBlockText(const Node& scalar, std::string_view value) const;

  const Document& doc_;
  std::vector<Splice> splices_;
  std::vector<Change> changes_;
  std::vector<RefusedEdit> refused_;
  std::unordered_set<std::string> refused_paths_;  // refused_'s paths, each listed once
  bool refused_since_note_ = false;
};

// Lower-camel YAML path helpers: Path("spec", "hosts") -> "spec.hosts",
// Index("spec.hosts", 2) -> "spec.hosts[2]".
std::string Path(std::string_view parent, std::string_view key);
std::string Index(std::string_view parent, size_t i);

}  // namespace hostgraft
