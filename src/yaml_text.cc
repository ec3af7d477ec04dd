#include "yaml_text.h"

#include "yaml_resolve.h"

namespace hostgraft {
namespace {

void Indent(std::string* out, int n) { out->append(static_cast<size_t>(n), ' '); }

// YAML reads NEL, LS and PS as line breaks and a BOM as a stream mark: raw,
// they fold or split a scalar; only double quotes hold them, escaped.
constexpr std::pair<std::string_view, std::string_view> kUnicodeEscapes[] = {
    {"\xC2\x85", "\\N"}, {"\xE2\x80\xA8", "\\L"}, {"\xE2\x80\xA9", "\\P"}, {"\xEF\xBB\xBF", "\\uFEFF"}};

// The escape of the character that starts at s[i] if it is one of those.
std::optional<std::pair<std::string_view, std::string_view>> UnicodeEscapeAt(std::string_view s, size_t i) {
  for (const auto& e : kUnicodeEscapes)
    if (s.substr(i, e.first.size()) == e.first) return e;
  return std::nullopt;
}

// Text any scalar style holds as it is: no control character (a tab may not
// start a line) and no line break but, when `multi_line`, \n.
bool PrintableText(std::string_view s, bool multi_line) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool ok = c == '\n' ? multi_line : c >= 0x20 && c != 0x7f && !UnicodeEscapeAt(s, i);
    if (!ok) return false;
  }
  return true;
}

// A block scalar's content lines at `indent` spaces; empty lines stay empty.
std::string BlockLines(std::string_view value, int indent) {
  std::string out;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t nl = value.find('\n', pos);
    std::string_view line = value.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty()) Indent(&out, indent);
    out.append(line);
    out += "\n";
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string LiteralBlock(std::string_view value, int indent) {
  std::string out = "|";
  bool ends_nl = !value.empty() && value.back() == '\n';
  bool ends_two = value.size() >= 2 && value.substr(value.size() - 2) == "\n\n";
  if (!ends_nl) out += "-";
  else if (ends_two) out += "+";
  out += "\n";
  return out + BlockLines(value, indent);
}

bool CanBeLiteral(std::string_view s) {
  if (s.find('\n') == std::string_view::npos || !PrintableText(s, true)) return false;
  // Trailing spaces on a line are kept by literal blocks, but a first line
  // that is only spaces confuses indentation detection.
  return s[0] != ' ' && s[0] != '\n';
}

}  // namespace

bool NeedsQuotes(std::string_view s) {
  // A scalar some YAML 1.1 or 1.2 reader types ("yes", "0123", "1.10",
  // "null", "") would not read back as a string if written plain.
  if (ResolvePlainScalar(s).type != ScalarType::kString) return true;
  static const std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  unsigned char first = s[0];
  if (kIndicators.find(first) != std::string_view::npos) {
    // "-x", "?x" and ":x" are plain-safe in block context, but flow context
    // and older parsers disagree; quote them all.
    return true;
  }
  if (first == ' ' || s.back() == ' ' || s.back() == ':') return true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7f) return true;
    if (c == ':' && i + 1 < s.size() && (s[i + 1] == ' ' || s[i + 1] == ',')) return true;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return true;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return true;  // flow-safe
  }
  return false;
}

std::string DoubleQuoted(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (auto e = UnicodeEscapeAt(s, i)) {
      out += e->second;
      i += e->first.size() - 1;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string SingleQuoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.type = Type::kList;
  v.items = std::move(items);
  return v;
}

Value Value::Map(std::vector<std::pair<std::string, Value>> entries) {
  Value v;
  v.type = Type::kMap;
  v.entries = std::move(entries);
  return v;
}

Value& Value::Add(std::string key, Value v) {
  entries.emplace_back(std::move(key), std::move(v));
  return *this;
}

Value& Value::Push(Value v) {
  items.push_back(std::move(v));
  return *this;
}

Value ToValue(const Node& node) {
  if (node.IsScalar()) {
    Value v(node.value);
    v.plain = node.style == ScalarStyle::kPlain && node.tag.empty();
    return v;
  }
  if (node.IsSeq()) {
    Value v = Value::List();
    for (const Node* c : node.children) v.Push(ToValue(*c));
    return v;
  }
  Value v = Value::Map();
  for (size_t i = 0; i < node.Size(); ++i) v.Add(std::string(node.KeyAt(i)->Str()), ToValue(*node.ValueAt(i)));
  return v;
}

std::string RenderScalar(std::string_view value, int block_indent, bool json) {
  return RenderScalarLike(ScalarStyle::kPlain, value, json ? ScalarContext::kJson : ScalarContext::kBlock, block_indent);
}

std::string RenderScalarLike(ScalarStyle like, std::string_view value, ScalarContext where, int block_indent) {
  if (where == ScalarContext::kBlock && CanBeLiteral(value)) return LiteralBlock(value, block_indent);
  bool printable_line = PrintableText(value, false);
  switch (like) {
    case ScalarStyle::kSingleQuoted: return printable_line ? SingleQuoted(value) : DoubleQuoted(value);
    case ScalarStyle::kDoubleQuoted: return DoubleQuoted(value);
    default:
      bool plain = where != ScalarContext::kJson && printable_line && !NeedsQuotes(value);
      return plain ? std::string(value) : DoubleQuoted(value);
  }
}

std::optional<BlockHeader> ReadBlockHeader(std::string_view scalar_text) {
  if (scalar_text.empty() || (scalar_text[0] != '|' && scalar_text[0] != '>')) return std::nullopt;
  BlockHeader header;
  header.folded = scalar_text[0] == '>';
  // The chomping and indentation indicators follow in either order.
  for (size_t i = 1; i < 3 && i < scalar_text.size(); ++i) {
    char c = scalar_text[i];
    if (c == '-' || c == '+') header.chomping = c;
    else if (c >= '1' && c <= '9') header.indentation_indicator = true;
    else break;
  }
  return header;
}

namespace {

// Whether `chomping` ends a block whose content is `body` with `breaks` line
// breaks: strip drops them all, clip keeps one, keep keeps them all. A block
// with no content reads "" under each.
bool ChompingCarries(char chomping, std::string_view body, size_t breaks) {
  if (body.empty()) return breaks == 0;
  switch (chomping) {
    case '-': return breaks == 0;
    case '+': return breaks >= 1;
    default: return breaks == 1;
  }
}

// A first line that starts with a space would be read as indentation, unless
// an indentation indicator says where the content starts.
bool FirstLineIndented(std::string_view body) {
  size_t first = body.find_first_not_of('\n');
  return first != std::string_view::npos && body[first] == ' ';
}

// Folding joins lines and keeps "more indented" ones; one line without outer
// spaces is the text it folds back to.
bool FoldsToItself(std::string_view body) {
  return body.find('\n') == std::string_view::npos && (body.empty() || (body.front() != ' ' && body.back() != ' '));
}

}  // namespace

std::optional<std::string> BlockContent(const BlockHeader& header, std::string_view value, int indent) {
  size_t last = value.find_last_not_of('\n');
  std::string_view body = value.substr(0, last == std::string_view::npos ? 0 : last + 1);
  if (indent < 1 || !PrintableText(value, true) || !ChompingCarries(header.chomping, body, value.size() - body.size()) ||
      (header.folded && !FoldsToItself(body)) || (!header.indentation_indicator && FirstLineIndented(body)))
    return std::nullopt;
  return BlockLines(value, indent);
}

std::string RenderBlock(const Value& v, int indent, int seq_indent) {
  std::string out;
  switch (v.type) {
    case Value::Type::kString:
      if (v.plain && !v.str.empty()) return v.str + "\n";
      return RenderScalarLike(v.quoting, v.str, ScalarContext::kBlock, indent) + (CanBeLiteral(v.str) ? "" : "\n");
    case Value::Type::kList:
      if (v.items.empty()) return "[]\n";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) Indent(&out, indent);
        out += "- " + RenderBlock(v.items[i], indent + 2, seq_indent);
      }
      return out;
    case Value::Type::kMap:
      if (v.entries.empty()) return "{}\n";
      for (size_t i = 0; i < v.entries.size(); ++i) {
        const auto& [key, val] = v.entries[i];
        if (i > 0) Indent(&out, indent);
        out += (NeedsQuotes(key) ? DoubleQuoted(key) : key) + ":";
        if (val.type == Value::Type::kString || (val.type == Value::Type::kList && val.items.empty()) ||
            (val.type == Value::Type::kMap && val.entries.empty())) {
          out += " " + RenderBlock(val, indent + 2, seq_indent);
        } else if (val.type == Value::Type::kList) {
          out += "\n";
          Indent(&out, indent + seq_indent);
          out += RenderBlock(val, indent + seq_indent, seq_indent);
        } else {
          out += "\n";
          Indent(&out, indent + 2);
          out += RenderBlock(val, indent + 2, seq_indent);
        }
      }
      return out;
  }
  return out;
}

std::string RenderFlow(const Value& v, bool json) {
  std::string out;
  switch (v.type) {
    case Value::Type::kString:
      if (v.plain && !v.str.empty() && v.str.find_first_of(",[]{}#") == std::string::npos) return v.str;
      return RenderScalarLike(v.quoting, v.str, json ? ScalarContext::kJson : ScalarContext::kFlow);
    case Value::Type::kList:
      out = "[";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + RenderFlow(v.items[i], json);
      return out + "]";
    case Value::Type::kMap:
      out = "{";
      for (size_t i = 0; i < v.entries.size(); ++i) {
        const auto& [key, val] = v.entries[i];
        out += (i ? ", " : "") + (json || NeedsQuotes(key) ? DoubleQuoted(key) : key) + ": " + RenderFlow(val, json);
      }
      return out + "}";
  }
  return out;
}

}  // namespace hostgraft
