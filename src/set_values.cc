#include "set_values.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string>

namespace hostgraft {
namespace {

// Helm's own limits for --set (pkg/strvals): list index and key nesting.
constexpr long kMaxSetIndex = 65536;
constexpr int kMaxSetNesting = 30;

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

}  // namespace

bool ApplySet(std::string_view arg, YAML::Node values, Diagnostics* diags) {
  return SetParser(arg, diags).Apply(values);
}

}  // namespace hostgraft
