#include "fast_scan.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_set>
#include <vector>

namespace hostgraft {
namespace {

// libyaml forgets a simple key 1024 characters after its start (and fails
// when the key was required); bytes are never fewer than characters.
constexpr size_t kMaxKeyBytes = 1000;

// Keys a mapping compares one by one before it hashes them.
constexpr size_t kLinearKeys = 16;

// ---- Characters, as libyaml's reader and scanner see them ----

// Whether none of the 8 bytes is below 0x20 or above 0x7E (SWAR, exact as a
// whole: borrows and carries only add flags above a flagged byte).
bool AllPrintableAscii(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  uint64_t above_tilde = ((x + kOnes) | x) & kHigh;
  return (below_space | above_tilde) == 0;
}

// The width of the UTF-8 character at `p` when libyaml reads it as a
// printable character that is neither a line break (NEL, LS, PS) nor a BOM
// (skipped at line starts); 0 otherwise (invalid, overlong, surrogate, C1
// control, U+FFFE/U+FFFF).
size_t PrintableUtf8Width(const char* p, const char* end) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(p[i]); };
  unsigned lead = byte(0);
  if (lead < 0xC2 || lead > 0xF4) return 0;
  size_t width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (static_cast<size_t>(end - p) < width) return 0;
  uint32_t value = lead & (0x7F >> width);
  for (size_t i = 1; i < width; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    value = value << 6 | (byte(i) & 0x3F);
  }
  uint32_t least = width == 2 ? 0xA0 : width == 3 ? 0x800 : 0x10000;
  if (value < least || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  if (value == 0x2028 || value == 0x2029 || value == 0xFEFF || value == 0xFFFE || value == 0xFFFF) return 0;
  return width;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

const char* SkipSpaces(const char* p, const char* end) {
  while (p < end && *p == ' ') ++p;
  return p;
}

// A column-0 `---` or `...` that libyaml reads as a document marker.
bool IsMarker(const char* p, const char* end, char c) {
  return end - p >= 3 && p[0] == c && p[1] == c && p[2] == c && (end - p == 3 || IsBlank(p[3]));
}

// `-` followed by a blank or the line end: a block sequence entry.
bool IsEntry(const char* p, const char* end) { return *p == '-' && (p + 1 == end || IsBlank(p[1])); }

// Whether libyaml starts a plain scalar at `p` in the block context.
bool StartsPlain(const char* p, const char* end) {
  switch (*p) {
    case '-':
    case '?':
    case ':': return p + 1 < end && !IsBlank(p[1]);
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
    case '|': case '>': case '\'': case '"': case '%': case '@': case '`': return false;
    default: return !IsBlank(*p);
  }
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The end of a valid escape sequence starting at the backslash `p` in a
// double-quoted scalar (libyaml's set), or nullptr.
const char* EscapeEnd(const char* p, const char* end) {
  if (end - p < 2) return nullptr;  // an escaped line break: a multi-line scalar
  size_t digits = 0;
  switch (p[1]) {
    case '0': case 'a': case 'b': case 't': case '\t': case 'n': case 'v': case 'f': case 'r': case 'e':
    case ' ': case '"': case '/': case '\\': case 'N': case '_': case 'L': case 'P': return p + 2;
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    default: return nullptr;
  }
  if (static_cast<size_t>(end - p - 2) < digits) return nullptr;
  uint32_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    char c = p[2 + i];
    if (!IsHex(c)) return nullptr;
    value = value << 4 | static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return nullptr;
  return p + 2 + digits;
}

// One scalar on one line, plain or quoted, and what follows it.
struct Scalar {
  std::string_view text;  // as libyaml reads it when `exact`, else the raw quoted text
  bool exact = true;      // no escape to decode
  bool key = false;       // followed by `:` and a blank or the line end
  const char* next = nullptr;  // after the `:` of a key, else the line end or a comment's `#`
};

// The quoted scalar at `p` closed on this line, or false.
bool ReadQuoted(const char* p, const char* end, Scalar* s) {
  char quote = *p;
  const char* q = p + 1;
  for (;;) {
    if (q == end) return false;
    if (*q == quote) {
      if (quote == '\'' && q + 1 < end && q[1] == '\'') {
        s->exact = false;
        q += 2;
        continue;
      }
      break;
    }
    if (quote == '"' && *q == '\\') {
      s->exact = false;
      if (!(q = EscapeEnd(q, end))) return false;
      continue;
    }
    ++q;
  }
  s->text = std::string_view(p + 1, q - p - 1);
  const char* after = SkipSpaces(q + 1, end);
  if (after < end && *after == ':' && (after + 1 == end || after[1] == ' ')) {
    s->key = true;
    s->next = after + 1;
    return static_cast<size_t>(after - p) <= kMaxKeyBytes;
  }
  s->next = after;
  return after == end || (*after == '#' && after > q + 1);
}

// The plain scalar at `p` as libyaml's block scanner reads it on one line: up
// to a `:` before a blank or the line end, a `#` after blanks, or the line
// end, without trailing blanks.
void ReadPlain(const char* p, const char* end, Scalar* s) {
  const char* q = p;
  const char* last = p;
  for (;;) {
    while (q < end && !IsBlank(*q)) {
      if (*q == ':' && (q + 1 == end || IsBlank(q[1]))) {
        s->text = std::string_view(p, last - p);
        s->key = true;
        s->next = q + 1;
        return;
      }
      last = ++q;
    }
    while (q < end && IsBlank(*q)) ++q;
    if (q == end || *q == '#') break;
  }
  s->text = std::string_view(p, last - p);
  s->next = q;
}

bool ReadScalar(const char* p, const char* end, Scalar* s) {
  if (*p == '"' || *p == '\'') return ReadQuoted(p, end, s);
  if (!StartsPlain(p, end)) return false;
  ReadPlain(p, end, s);
  return !s->key || static_cast<size_t>(s->next - 1 - p) <= kMaxKeyBytes;
}

struct Line {
  const char* begin;
  const char* end;        // the '\n' or the end of the body
  const char* first_tab;  // or nullptr
};

// A block collection open at a column, as libyaml's indentation stack and
// parser states hold it.
struct Frame {
  size_t column = 0;
  bool mapping = false;
  bool indentless = false;  // a sequence at its parent mapping's column
  bool awaiting = false;    // mapping: a key's value is still to come; sequence: an item is
  bool hashed = false;      // mapping: its keys are in the key set of its depth
  std::string_view path_key;  // the key this collection is the value of, when the parent is a mapping
  std::string_view key;       // mapping: the key being read
  size_t keys_begin = 0;      // mapping: its keys in Scratch::keys (unless hashed)
};

// Buffers reused from one document to the next: a scan allocates nothing once
// they have grown.
struct Scratch {
  std::vector<Frame> stack;
  std::vector<std::string_view> keys;
  std::vector<std::unordered_set<std::string_view>> key_sets;  // by depth
};

// A literal or folded block scalar being skipped, with libyaml's rule for its
// indentation (yaml_parser_scan_block_scalar_breaks).
struct BlockScalar {
  bool active = false;
  size_t indent = 0;  // 0: not yet known
  size_t parent_indent = 0;
  size_t max_blank_indent = 0;
};

class FastScanner {
 public:
  FastScanner(std::string_view body, const ReadLimits& limits, ScanFacts* facts, Scratch* scratch)
      : pos_(body.data()),
        end_(body.data() + body.size()),
        limits_(limits),
        facts_(facts),
        stack_(scratch->stack),
        keys_(scratch->keys),
        key_sets_(scratch->key_sets) {
    stack_.clear();
    keys_.clear();
  }

  bool Run() {
    while (pos_ < end_) {
      Line line;
      if (!ReadLine(&line)) return false;
      bool in_block_scalar = false;
      if (block_.active && !BlockScalarLine(line, &in_block_scalar)) return false;
      if (!in_block_scalar && !StructureLine(line)) return false;
    }
    while (!stack_.empty())
      if (!Pop()) return false;
    if (start_seen_ && !root_seen_ && !CountNode()) return false;  // libyaml's empty root scalar
    facts_->has_node = root_seen_;
    return true;
  }

 private:
  // Finds the line's end and checks that libyaml's reader takes every byte of
  // it (tabs are judged by where they are).
  bool ReadLine(Line* line) {
    line->begin = pos_;
    line->first_tab = nullptr;
    const char* p = pos_;
    for (;;) {
      while (end_ - p >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        if (!AllPrintableAscii(word)) break;
        p += 8;
      }
      while (p < end_ && static_cast<unsigned char>(*p - 0x20) < 0x5F) ++p;
      if (p == end_ || *p == '\n') break;
      if (*p == '\t') {
        if (!line->first_tab) line->first_tab = p;
        ++p;
      } else if (size_t width = PrintableUtf8Width(p, end_)) {
        p += width;
      } else {
        return false;  // control characters, DEL, a lone CR, invalid UTF-8, breaks and BOMs libyaml sees
      }
    }
    line->end = p;
    pos_ = p == end_ ? p : p + 1;
    return true;
  }

  // A line while a block scalar is open: its text, a blank line, or the first
  // line past it (`*in_scalar` false).
  bool BlockScalarLine(const Line& line, bool* in_scalar) {
    const char* p = SkipSpaces(line.begin, line.end);
    size_t spaces = p - line.begin;
    bool blank = p == line.end;
    if (block_.indent == 0) {
      block_.max_blank_indent = std::max(block_.max_blank_indent, spaces);
      if (!blank && *p == '\t') return false;  // a tab where the indentation is being found
      if (blank) {
        *in_scalar = true;
        return true;
      }
      block_.indent = std::max({block_.max_blank_indent, block_.parent_indent + 1, size_t{1}});
    }
    if (spaces >= block_.indent || blank) {
      *in_scalar = true;
      return true;
    }
    if (*p == '\t') return false;  // a tab inside the indentation
    block_.active = false;
    return true;
  }

  bool StructureLine(const Line& line) {
    end_of_line_ = line.end;
    const char* p = SkipSpaces(line.begin, line.end);
    if (p == line.end || *p == '#') return true;  // blank or comment
    size_t column = p - line.begin;
    if (column == 0) {
      if (IsMarker(p, line.end, '-')) return DocumentStart(p + 3) && TabsOnlyInComment(line);
      if (IsMarker(p, line.end, '.') || *p == '%') return false;
    }
    while (!stack_.empty() && stack_.back().column > column)
      if (!Pop()) return false;
    bool entry = IsEntry(p, line.end);
    return Attach(column, entry) && LineNodes(line, p, entry) && TabsOnlyInComment(line);
  }

  bool TabsOnlyInComment(const Line& line) const { return !line.first_tab || line.first_tab >= comment_; }

  bool DocumentStart(const char* p) {
    if (start_seen_ || root_seen_) return false;
    start_seen_ = true;
    return EndOfLine(SkipSpaces(p, end_of_line_));
  }

  // Finds the collection the line's first node belongs to: the top one at
  // the same column, or a new one where a value is awaited.
  bool Attach(size_t column, bool entry) {
    if (!stack_.empty() && stack_.back().column == column) {
      Frame& top = stack_.back();
      if (entry) {
        if (top.mapping) return top.awaiting && Push(false, column, true);
        return Resolve();
      }
      if (!top.mapping) {
        if (!top.indentless || !Pop()) return false;
      }
      return Resolve();
    }
    if (stack_.empty() ? root_seen_ : !stack_.back().awaiting) return false;
    return Push(!entry, column, false);
  }

  // The nodes of one line from its first one: entries (each `- ` may open
  // another sequence), then a key with its value, a scalar item, or nothing.
  bool LineNodes(const Line& line, const char* p, bool entry) {
    bool after_entry = false;
    while (entry) {
      stack_.back().awaiting = true;
      p = SkipSpaces(p + 1, line.end);
      if (p == line.end || *p == '#') return EndOfLine(p);
      after_entry = true;
      entry = IsEntry(p, line.end);
      if (entry && !Push(false, p - line.begin, false)) return false;
    }
    if (after_entry && (*p == '|' || *p == '>')) return BlockScalarHeader(p);
    Scalar s;
    if (!ReadScalar(p, line.end, &s)) return false;
    if (!s.key) return after_entry && ScalarValue(s) && EndOfLine(s.next);
    if (after_entry && !Push(true, p - line.begin, false)) return false;
    return s.exact && AddKey(s.text) && Value(s.next);
  }

  // What follows `key:`.
  bool Value(const char* p) {
    p = SkipSpaces(p, end_of_line_);
    if (p == end_of_line_ || *p == '#') return EndOfLine(p);
    if (*p == '|' || *p == '>') return BlockScalarHeader(p);
    Scalar s;
    return ReadScalar(p, end_of_line_, &s) && !s.key && ScalarValue(s) && EndOfLine(s.next);
  }

  // `|` or `>` with optional chomping and indentation indicators, then only
  // a comment.
  bool BlockScalarHeader(const char* p) {
    if (IdentitySlot()) return false;
    size_t increment = 0;
    auto digit = [&](const char* q) { return q < end_of_line_ && *q >= '1' && *q <= '9'; };
    auto chomping = [&](const char* q) { return q < end_of_line_ && (*q == '+' || *q == '-'); };
    ++p;
    if (chomping(p)) {
      ++p;
      if (digit(p)) increment = *p++ - '0';
    } else if (digit(p)) {
      increment = *p++ - '0';
      if (chomping(p)) ++p;
    }
    const char* q = SkipSpaces(p, end_of_line_);
    if (q < end_of_line_ && !(*q == '#' && q > p)) return false;
    if (!CountNode()) return false;
    Frame& top = stack_.back();
    top.awaiting = false;
    block_ = BlockScalar{true, increment ? top.column + increment : 0, top.column, 0};
    return EndOfLine(q);
  }

  bool EndOfLine(const char* p) {
    comment_ = p;
    return p == end_of_line_ || *p == '#';
  }

  bool CountNode() { return ++nodes_ <= limits_.max_alias_expansion; }

  bool Push(bool mapping, size_t column, bool indentless) {
    if (static_cast<long long>(stack_.size()) >= limits_.max_depth || !CountNode()) return false;
    Frame f;
    f.column = column;
    f.mapping = mapping;
    f.indentless = indentless;
    f.keys_begin = keys_.size();
    if (stack_.empty()) {
      root_seen_ = true;
    } else {
      Frame& parent = stack_.back();
      if (parent.mapping) f.path_key = parent.key;
      parent.awaiting = false;
    }
    stack_.push_back(f);
    return true;
  }

  bool Pop() {
    if (!Resolve()) return false;
    keys_.resize(stack_.back().keys_begin);
    stack_.pop_back();
    return true;
  }

  // The top collection's awaited value or item, if any, is an empty scalar.
  bool Resolve() {
    Frame& top = stack_.back();
    if (!top.awaiting) return true;
    top.awaiting = false;
    if (auto* slot = IdentitySlot()) *slot = std::string_view();
    return CountNode();
  }

  bool ScalarValue(const Scalar& s) {
    if (auto* slot = IdentitySlot()) {
      if (!s.exact) return false;
      *slot = s.text;
    }
    stack_.back().awaiting = false;
    return CountNode();
  }

  bool AddKey(std::string_view key) {
    Frame& top = stack_.back();
    if (!IsNewKey(&top, key)) return false;  // a duplicate: libyaml's scan reports it
    top.key = key;
    top.awaiting = true;
    return CountNode();
  }

  bool IsNewKey(Frame* top, std::string_view key) {
    if (top->hashed) return key_sets_[stack_.size() - 1].insert(key).second;
    for (size_t i = top->keys_begin; i < keys_.size(); ++i)
      if (keys_[i] == key) return false;
    keys_.push_back(key);
    if (keys_.size() - top->keys_begin > kLinearKeys) {
      if (key_sets_.size() < stack_.size()) key_sets_.resize(stack_.size());
      auto& set = key_sets_[stack_.size() - 1];
      set.clear();
      set.insert(keys_.begin() + top->keys_begin, keys_.end());
      keys_.resize(top->keys_begin);
      top->hashed = true;
    }
    return true;
  }

  // The identity field the value of the top mapping's key fills
  // (IdentityFieldAt), or null.
  std::optional<std::string_view>* IdentitySlot() {
    size_t depth = stack_.size();
    if (depth > 3 || !stack_.back().mapping) return nullptr;
    std::string_view keys[3];
    for (size_t i = 0; i + 1 < depth; ++i) keys[i] = stack_[i + 1].path_key;
    keys[depth - 1] = stack_.back().key;
    switch (IdentityFieldAt({keys, depth})) {
      case IdentityField::kApiVersion: return &facts_->api_version;
      case IdentityField::kKind: return &facts_->kind;
      case IdentityField::kName: return &facts_->name;
      case IdentityField::kNamespace: return &facts_->namespace_;
      case IdentityField::kHelm4Filename: return &facts_->helm4_filename;
      case IdentityField::kNone: break;
    }
    return nullptr;
  }

  const char* pos_;
  const char* end_;
  const char* end_of_line_ = nullptr;
  const char* comment_ = nullptr;  // where the current line's comment starts, or its end
  const ReadLimits& limits_;
  ScanFacts* facts_;
  std::vector<Frame>& stack_;
  std::vector<std::string_view>& keys_;
  std::vector<std::unordered_set<std::string_view>>& key_sets_;
  BlockScalar block_;
  size_t nodes_ = 0;
  bool start_seen_ = false;
  bool root_seen_ = false;
};

}  // namespace

bool FastScanDocument(std::string_view body, const ReadLimits& limits, ScanFacts* facts) {
  thread_local Scratch scratch;
  *facts = ScanFacts();
  return FastScanner(body, limits, facts, &scratch).Run();
}

void ApplyScanFacts(const ScanFacts& facts, Document* doc) {
  if (facts.has_node) doc->has_node = true;
  if (facts.api_version) doc->api_version = *facts.api_version;
  if (facts.kind) doc->kind = *facts.kind;
  if (facts.name) doc->name = *facts.name;
  if (facts.namespace_) doc->namespace_ = *facts.namespace_;
  if (facts.helm4_filename) doc->helm4 = !facts.helm4_filename->empty();
}

}  // namespace hostgraft
