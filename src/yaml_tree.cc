#include "yaml_tree.h"

#include <map>

#include "document.h"
#include "yaml_reader.h"
#include "yaml_resolve.h"

namespace hostgraft {

const Node* Node::Get(std::string_view key) const {
  int i = KeyIndex(key);
  return i < 0 ? nullptr : ValueAt(i);
}

int Node::KeyIndex(std::string_view key) const {
  if (!IsMap()) return -1;
  // The last of duplicate keys, as Helm and the API server read them.
  for (size_t i = Size(); i-- > 0;)
    if (KeyAt(i)->IsScalar() && KeyAt(i)->value == key) return static_cast<int>(i);
  return -1;
}

const Node* Node::At(std::string_view dotted) const {
  const Node* n = this;
  while (n && !dotted.empty()) {
    size_t dot = dotted.find('.');
    n = n->Get(dotted.substr(0, dot));
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return n;
}

size_t Node::ContentEnd() const {
  if (alias || IsScalar() || flow || children.empty()) return end;
  return children.back()->ContentEnd();
}

const Node* Present(const Node* map, std::string_view key) {
  const Node* n = map && map->IsMap() ? map->Get(key) : nullptr;
  bool null = !n || (n->IsScalar() && n->style == ScalarStyle::kPlain && n->tag.empty() &&
                     ResolvePlainScalar(n->value).type == ScalarType::kNull);
  return null ? nullptr : n;
}

std::string PathOf(const Node* node) {
  std::vector<std::string> parts;  // leaf first: "hosts", "[0]", "servers", "spec"
  for (const Node* n = node; n->parent; n = n->parent) {
    size_t i = n->index;
    parts.push_back(n->parent->IsMap() ? n->parent->children[i & ~size_t{1}]->value : "[" + std::to_string(i) + "]");
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    path += (path.empty() || (*it)[0] == '[' ? "" : ".") + *it;
  return path;
}

namespace {

// Marks an anchored node that an alias refers to, and all inside it, as
// shared; a subtree already marked is skipped, so many aliases of one
// anchor cost one walk.
void MarkShared(Node* anchored) {
  std::vector<Node*> todo{anchored};
  while (!todo.empty()) {
    Node* n = todo.back();
    todo.pop_back();
    if (n->shared) continue;
    n->shared = true;
    for (const Node* c : n->children) todo.push_back(const_cast<Node*>(c));
  }
}

// libyaml counts characters; splices need bytes. Only documents with
// non-ASCII bytes pay for the table.
class CharToByte {
 public:
  CharToByte(std::string_view text, size_t base) : base_(base) {
    bool ascii = true;
    for (unsigned char c : text)
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) return;
    for (size_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) table_.push_back(i);
    table_.push_back(text.size());
  }
  size_t operator()(size_t index) const {
    if (table_.empty()) return base_ + index;
    return base_ + (index < table_.size() ? table_[index] : table_.back());
  }

 private:
  size_t base_;
  std::vector<size_t> table_;
};

ScalarStyle StyleOf(yaml_scalar_style_t s) {
  switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return ScalarStyle::kSingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return ScalarStyle::kDoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE: return ScalarStyle::kLiteral;
    case YAML_FOLDED_SCALAR_STYLE: return ScalarStyle::kFolded;
    default: return ScalarStyle::kPlain;
  }
}

}  // namespace

Tree::Tree(std::string_view text, size_t body_offset, int first_line) {
  std::string_view body = text.substr(body_offset);
  CharToByte to_byte(body, body_offset);
  // The scan has checked the document; its duplicate keys stay (the last
  // one wins, as in Helm).
  YamlReadOptions options;
  options.duplicate_keys = DuplicateKeys::kIgnore;
  options.first_line = first_line;
  YamlReader reader(body, options);
  std::vector<Node*> stack;
  std::map<std::string, Node*> anchors;
  auto attach = [&](Node* n) {
    if (stack.empty()) {
      root_ = n;
      return;
    }
    n->index = stack.back()->children.size();
    stack.back()->children.push_back(n);
  };
  auto make = [&](const yaml_event_t& e, NodeType type) {
    Node& n = nodes_.emplace_back();
    n.type = type;
    n.begin = to_byte(e.start_mark.index);
    n.end = to_byte(e.end_mark.index);
    n.line = reader.line();
    n.column = static_cast<int>(e.start_mark.column);
    n.in_flow = !stack.empty() && (stack.back()->flow || stack.back()->in_flow);
    n.parent = stack.empty() ? nullptr : stack.back();
    return &n;
  };
  while (reader.Next()) {
    const yaml_event_t& e = reader.event();
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        Node* n = make(e, NodeType::kScalar);
        n->value.assign(reader.scalar());
        n->style = StyleOf(e.data.scalar.style);
        if (e.data.scalar.tag) n->tag = reinterpret_cast<const char*>(e.data.scalar.tag);
        if (e.data.scalar.anchor) anchors[reinterpret_cast<const char*>(e.data.scalar.anchor)] = n;
        attach(n);
        break;
      }
      case YAML_ALIAS_EVENT: {
        // The reader refuses an alias whose anchor is not complete before it.
        Node* anchored = anchors.at(reinterpret_cast<const char*>(e.data.alias.anchor));
        // Readers see the anchored node's content; edits reach neither.
        Node* alias = make(e, anchored->type);
        alias->style = anchored->style;
        alias->flow = anchored->flow;
        alias->value = anchored->value;
        alias->tag = anchored->tag;
        alias->children = anchored->children;
        alias->alias = true;
        alias->shared = true;
        MarkShared(anchored);
        attach(alias);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = e.type == YAML_SEQUENCE_START_EVENT;
        Node* n = make(e, seq ? NodeType::kSequence : NodeType::kMapping);
        n->flow = seq ? e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                      : e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        const yaml_char_t* anchor = seq ? e.data.sequence_start.anchor : e.data.mapping_start.anchor;
        const yaml_char_t* tag = seq ? e.data.sequence_start.tag : e.data.mapping_start.tag;
        if (tag) n->tag = reinterpret_cast<const char*>(tag);
        if (anchor) anchors[reinterpret_cast<const char*>(anchor)] = n;
        attach(n);
        stack.push_back(n);
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        stack.back()->end = to_byte(e.end_mark.index);
        stack.pop_back();
        break;
      default: break;
    }
  }
  if (reader.error()) root_ = nullptr;
}

const Tree& Document::tree() const {
  if (!tree_) const_cast<Document*>(this)->tree_ = std::make_shared<Tree>(text, body_offset, first_line);
  return *tree_;
}

}  // namespace hostgraft
