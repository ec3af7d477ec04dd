#include "edits.h"

#include <algorithm>

namespace hostgraft {
namespace {

// The column of s[pos] in its line.
size_t ColumnIn(std::string_view s, size_t pos) {
  size_t nl = s.rfind('\n', pos);
  return nl == std::string_view::npos ? pos : pos - nl - 1;
}

// The indentation of a block scalar's `content` (its bytes after the header
// line): the spaces before its first character, less those that belong to
// its `value`; -1 when it has no character.
int ContentIndent(std::string_view content, std::string_view value) {
  size_t first = content.find_first_not_of(" \n");
  size_t own = value.find_first_not_of(" \n");
  if (first == std::string_view::npos || own == std::string_view::npos) return -1;
  return static_cast<int>(ColumnIn(content, first)) - static_cast<int>(ColumnIn(value, own));
}

// Where a block scalar's content lines end in its bytes `text`: before the
// blank lines that follow them, which belong to the value only when kept.
size_t ContentLinesEnd(std::string_view text, size_t content, const BlockHeader& header) {
  if (header.chomping == '+') return text.size();
  size_t last = text.find_last_not_of('\n');  // never npos: the header is there
  if (last < content) return content;
  size_t nl = text.find('\n', last);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

// `item` in the quoting of `sibling`, the item it goes next to.
Value QuotedLike(const Node& sibling, Value item) {
  if (item.type == Value::Type::kString && sibling.IsScalar()) item.quoting = sibling.style;
  return item;
}

// `value` in the quoting every scalar value of `map` shares, if they share
// one: values often mix styles (a plain name beside a quoted HTML text), and
// only a common style is the mapping's own.
Value QuotedLikeValues(const Node& map, Value value) {
  const Node* like = nullptr;
  for (size_t i = 0; i < map.Size(); ++i) {
    const Node* v = map.ValueAt(i);
    if (!v->IsScalar()) continue;
    if (like && like->style != v->style) return value;
    like = v;
  }
  return like ? QuotedLike(*like, std::move(value)) : value;
}

}  // namespace

std::string Path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

std::string Index(std::string_view parent, size_t i) { return std::string(parent) + "[" + std::to_string(i) + "]"; }

void Edits::Add(size_t begin, size_t end, std::string text) { splices_.push_back({begin, end, std::move(text)}); }

void Edits::Note(std::string step, std::string path, int line, std::string what) {
  if (!refused_since_note_) changes_.push_back({std::move(step), std::move(path), line, std::move(what)});
  refused_since_note_ = false;
}

bool Edits::Refuse(const Node& node) {
  if (!node.shared) return false;
  refused_since_note_ = true;
  std::string path = PathOf(&node);
  if (refused_paths_.insert(path).second) refused_.push_back({std::move(path), node.line});
  return true;
}

size_t Edits::LineStart(size_t pos) const {
  size_t nl = doc_.text.rfind('\n', pos == 0 ? 0 : pos - 1);
  if (pos == 0 || nl == std::string::npos) return doc_.body_offset;
  return nl + 1;
}

size_t Edits::LineEndAfter(size_t pos) const {
  std::string_view t = doc_.text;
  if (pos > 0 && t[pos - 1] == '\n') return pos;
  size_t nl = t.find('\n', pos);
  return nl == std::string::npos ? t.size() : nl + 1;
}

size_t Edits::DashOf(const Node& item) const {
  size_t p = item.begin;
  while (p > 0 && doc_.text[p] != '-') --p;
  return p;
}

int Edits::LineIndent(size_t pos) const {
  size_t start = LineStart(pos);
  size_t p = start;
  while (p < doc_.text.size() && doc_.text[p] == ' ') ++p;
  return static_cast<int>(p - start);
}

// Whether this document indents block lists under their key ("key:\n  - a")
// or not ("key:\n- a", kustomize's style).
int Edits::SeqIndent() const {
  std::vector<const Node*> todo{doc_.tree().root()};
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    if (!n || n->flow || n->alias) continue;
    if (n->IsMap()) {
      for (size_t i = 0; i < n->Size(); ++i) {
        const Node* v = n->ValueAt(i);
        if (v->IsSeq() && !v->flow && !v->alias && !v->children.empty())
          return v->column > n->KeyAt(i)->column ? v->column - n->KeyAt(i)->column : 0;
        todo.push_back(v);
      }
    } else if (n->IsSeq()) {
      for (const Node* c : n->children) todo.push_back(c);
    }
  }
  return 2;
}

std::string Edits::FlowSeparator(const Node& c) const {
  // Between the end of the second-to-last entry and the start of the last.
  size_t n = c.children.size();
  size_t step = c.IsMap() ? 2 : 1;
  if (n < 2 * step) {
    // One entry: a pretty-printed collection puts each entry on its own line.
    std::string lead(doc_.text.substr(c.begin + 1, c.children[0]->begin - c.begin - 1));
    size_t nl = lead.rfind('\n');
    if (nl == std::string::npos) return ", ";
    lead.replace(0, nl, ",");  // "," then the line break and indentation
    return lead;
  }
  const Node* before = c.children[n - step - 1];
  const Node* last = c.children[n - step];
  std::string sep(doc_.text.substr(before->ContentEnd(), last->begin - before->ContentEnd()));
  return sep.find(',') == std::string::npos ? ", " : sep;
}

int Edits::BlockIndent(const Node& scalar) const {
  const Node* parent = scalar.parent;
  if (parent && parent->IsMap()) return parent->KeyAt(scalar.index / 2)->column + 2;
  if (parent && parent->IsSeq()) {
    size_t dash = DashOf(scalar);
    return static_cast<int>(dash - LineStart(dash)) + 2;
  }
  return LineIndent(scalar.begin) + 2;
}

std::optional<std::string> Edits::KeptBlockText(const Node& scalar, std::string_view value) const {
  std::string_view text = doc_.text.substr(scalar.begin, scalar.end - scalar.begin);
  std::optional<BlockHeader> header = ReadBlockHeader(text);
  size_t content = text.find('\n') + 1;  // npos + 1 == 0: nothing after the header line
  if (!header || content == 0) return std::nullopt;
  int indent = ContentIndent(text.substr(content), scalar.value);
  // An empty block: content goes where a new one's would, unless an
  // indentation indicator (relative to a parent not at hand) says otherwise.
  if (indent < 0 && !header->indentation_indicator) indent = BlockIndent(scalar);
  std::optional<std::string> lines = BlockContent(*header, value, indent);
  if (!lines) return std::nullopt;
  return std::string(text.substr(0, content)) + *lines + std::string(text.substr(ContentLinesEnd(text, content, *header)));
}

std::string Edits::ScalarText(const Node& scalar, std::string_view value) const {
  if (scalar.in_flow || doc_.json)
    return RenderScalarLike(scalar.style, value, doc_.json ? ScalarContext::kJson : ScalarContext::kFlow);
  bool was_block = scalar.style == ScalarStyle::kLiteral || scalar.style == ScalarStyle::kFolded;
  if (was_block)
    if (std::optional<std::string> kept = KeptBlockText(scalar, value)) return *kept;
  std::string text = RenderScalarLike(scalar.style, value, ScalarContext::kBlock, BlockIndent(scalar));
  bool is_block = !text.empty() && text[0] == '|';
  if (is_block && !was_block) {
    text.pop_back();  // the original line end follows the scalar
  } else if (is_block && was_block && text[1] != '+') {
    // Keep the blank lines that followed the original block (a new block
    // with keep chomping would read them as its own).
    std::string_view orig(doc_.text.data() + scalar.begin, scalar.end - scalar.begin);
    size_t trailing = orig.size() - orig.find_last_not_of('\n') - 1;
    if (trailing > 1) text.append(trailing - 1, '\n');
  } else if (!is_block && was_block) {
    text += "\n";
  }
  // An empty value ("key:" then a line end) sits right after its indicator.
  if (scalar.style == ScalarStyle::kPlain && scalar.begin == scalar.end) text.insert(0, " ");
  return text;
}

void Edits::ReplaceScalar(const Node& scalar, std::string_view value) {
  if (Refuse(scalar)) return;
  Add(scalar.begin, scalar.end, ScalarText(scalar, value));
}

void Edits::InsertItem(const Node& seq, size_t after, const Value& item) {
  if (Refuse(seq)) return;
  if (seq.flow && seq.children.empty()) {
    Add(seq.begin + 1, seq.begin + 1, RenderFlow(item, doc_.json));
    return;
  }
  const Node& prev = *seq.Item(after);
  Value styled = QuotedLike(prev, item);
  if (seq.flow) {
    size_t pos = prev.ContentEnd();
    Add(pos, pos, FlowSeparator(seq) + RenderFlow(styled, doc_.json));
    return;
  }
  size_t dash = DashOf(prev);
  int column = static_cast<int>(dash - LineStart(dash));
  size_t pos = LineEndAfter(prev.ContentEnd());
  std::string text(column, ' ');
  text += "- " + RenderBlock(styled, column + 2, SeqIndent());
  if (pos == doc_.text.size() && doc_.text.back() != '\n') text = "\n" + text;
  Add(pos, pos, std::move(text));
}

void Edits::InsertItemBefore(const Node& seq, size_t before, const Value& item) {
  if (Refuse(seq)) return;
  const Node& next = *seq.Item(before);
  Value styled = QuotedLike(next, item);
  if (seq.flow) {
    Add(next.begin, next.begin, RenderFlow(styled, doc_.json) + ", ");
    return;
  }
  size_t dash = DashOf(next);
  int column = static_cast<int>(dash - LineStart(dash));
  std::string text = "- " + RenderBlock(styled, column + 2, SeqIndent());
  text.append(column, ' ');
  Add(dash, dash, std::move(text));
}

void Edits::InsertCopy(const Node& seq, size_t i,
                       const std::vector<std::pair<const Node*, std::string>>& replacements) {
  const Node& item = *seq.Item(i);
  // The copy's bytes are the item's, so an alias item (or one inside an
  // anchor) is refused like the sequence itself.
  if (Refuse(seq) || Refuse(item)) return;
  size_t from = item.begin, to = item.ContentEnd();
  std::string prefix;
  if (!seq.flow) {
    from = DashOf(item);
    prefix.assign(from - LineStart(from), ' ');
    to = LineEndAfter(to);
  }
  std::vector<std::pair<const Node*, std::string>> sorted = replacements;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first->begin < b.first->begin; });
  std::string copy = prefix;
  size_t at = from;
  for (const auto& [node, value] : sorted) {
    copy.append(doc_.text, at, node->begin - at);
    copy += ScalarText(*node, value);
    at = node->end;
  }
  copy.append(doc_.text, at, to - at);
  if (seq.flow) {
    Add(to, to, FlowSeparator(seq) + copy);
    return;
  }
  if (copy.back() != '\n') copy += "\n";
  if (to == doc_.text.size() && doc_.text.back() != '\n') copy = "\n" + copy.substr(0, copy.size() - 1);
  Add(to, to, std::move(copy));
}

void Edits::AddKey(const Node& map, std::string_view key, const Value& value) {
  if (Refuse(map)) return;
  bool json = doc_.json;
  std::string key_text = json || NeedsQuotes(key) ? DoubleQuoted(key) : std::string(key);
  Value styled = QuotedLikeValues(map, value);
  if (map.flow) {
    std::string entry = key_text + ": " + RenderFlow(styled, json);
    if (map.children.empty()) {
      Add(map.begin + 1, map.begin + 1, entry);
      return;
    }
    size_t pos = map.children.back()->ContentEnd();
    Add(pos, pos, FlowSeparator(map) + entry);
    return;
  }
  int column = map.KeyAt(0)->column;
  size_t pos = LineEndAfter(map.ContentEnd());
  std::string text(column, ' ');
  text += RenderBlock(Value::Map({{std::string(key), styled}}), column, SeqIndent());
  if (pos == doc_.text.size() && doc_.text.back() != '\n') text = "\n" + text;
  Add(pos, pos, std::move(text));
}

void Edits::RemoveKeys(const Node& map, std::vector<size_t> entries) {
  // Removing an anchored value would leave its aliases dangling.
  if (Refuse(map) || std::any_of(entries.begin(), entries.end(), [&](size_t i) { return Refuse(*map.ValueAt(i)); }))
    return;
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  for (size_t e = 0; e < entries.size(); ++e) {
    size_t i = entries[e];
    const Node& key = *map.KeyAt(i);
    const Node& value = *map.ValueAt(i);
    if (map.flow) {
      // A run of neighbouring entries goes with the separators between them
      // and one separator beside it.
      size_t last = i;
      while (e + 1 < entries.size() && entries[e + 1] == last + 1) last = entries[++e];
      if (last + 1 < map.Size())
        Add(key.begin, map.KeyAt(last + 1)->begin, "");
      else if (i > 0)
        Add(map.ValueAt(i - 1)->ContentEnd(), map.ValueAt(last)->ContentEnd(), "");
      else
        Add(key.begin, map.ValueAt(last)->ContentEnd(), "");
      continue;
    }
    size_t line = LineStart(key.begin);
    if (doc_.text.find_first_not_of(' ', line) == key.begin)
      Add(line, LineEndAfter(value.ContentEnd()), "");
    else if (i + 1 < map.Size())  // "- key: v" starting a list item: the next key takes its place
      Add(key.begin, map.KeyAt(i + 1)->begin, "");
    else
      Add(key.begin, value.ContentEnd(), "{}");
  }
}

bool Edits::Apply(std::string* out) const {
  std::vector<Splice> sorted = splices_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
  out->clear();
  out->reserve(doc_.text.size() + 256);
  size_t at = 0;
  for (const Splice& s : sorted) {
    if (s.begin < at) return false;
    out->append(doc_.text, at, s.begin - at);
    *out += s.text;
    at = s.end;
  }
  out->append(doc_.text, at, std::string::npos);
  return true;
}

}  // namespace hostgraft
