// The light tree of one document: nodes with their byte ranges in the
// document's text, built from libyaml events. Steps read it; edits are
// splices at these ranges, so bytes nobody touches stay as they were.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace hostgraft {

enum class NodeType : unsigned char { kScalar, kSequence, kMapping };
enum class ScalarStyle : unsigned char { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };

struct Node {
  NodeType type = NodeType::kScalar;
  ScalarStyle style = ScalarStyle::kPlain;  // scalars
  bool flow = false;                        // collections written [..] / {..}
  // `*name`: begin/end are the alias's own bytes, children the anchored node's.
  bool alias = false;
  // An alias, an anchored node an alias refers to, or anything inside one:
  // an edit there would change every place that refers to it, so Edits
  // refuses it.
  bool shared = false;
  bool in_flow = false;                     // inside a [..] or {..} collection
  size_t begin = 0, end = 0;                // byte range in Document::text
  int line = 0;                             // 1-based line in the stream
  int column = 0;                           // 0-based column
  std::string value;                        // scalar value
  std::string tag;
  std::vector<const Node*> children;        // sequence: items; mapping: key, value, key, value...
  const Node* parent = nullptr;             // where the node is written (an anchored node's children: the anchor)
  size_t index = 0;                         // position in parent->children, so a path costs its depth

  bool IsScalar() const { return type == NodeType::kScalar; }
  bool IsMap() const { return type == NodeType::kMapping; }
  bool IsSeq() const { return type == NodeType::kSequence; }
  // Scalar value; "" for collections.
  std::string_view Str() const { return IsScalar() ? std::string_view(value) : std::string_view(); }
  // Mapping lookup by scalar key; null when absent or not a mapping.
  const Node* Get(std::string_view key) const;
  // Index of a key in a mapping's pairs (the last one of duplicates), or -1.
  int KeyIndex(std::string_view key) const;
  size_t Size() const { return IsMap() ? children.size() / 2 : children.size(); }
  const Node* Item(size_t i) const { return children[i]; }
  const Node* KeyAt(size_t i) const { return children[2 * i]; }
  const Node* ValueAt(size_t i) const { return children[2 * i + 1]; }
  // Follows a dotted path of mapping keys ("spec.tls"); null when absent.
  const Node* At(std::string_view dotted) const;
  // Where the node's own content ends: for block collections, the end of
  // their last value (libyaml ends them at the next token, past comments).
  size_t ContentEnd() const;
};

// "spec.servers[0].hosts": the YAML path of a node of a tree, from its root.
std::string PathOf(const Node* node);

// The value of `key` in `map` unless it is absent or null (an untagged
// plain null: empty, ~, null): what a values reader takes as "not set".
const Node* Present(const Node* map, std::string_view key);

class Tree {
 public:
  // Parses `text` from `body_offset`. The caller has scanned it clean.
  Tree(std::string_view text, size_t body_offset, int first_line);
  const Node* root() const { return root_; }
  bool ok() const { return root_ != nullptr; }

 private:
  std::deque<Node> nodes_;
  const Node* root_ = nullptr;
};

}  // namespace hostgraft
