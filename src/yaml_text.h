// Writing YAML text: the quoting rules that keep strings strings under
// YAML 1.1 (Kubernetes) and 1.2, and a small emitter for the fragments
// hostgraft inserts and the documents it generates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml_tree.h"

namespace hostgraft {

// True when `s` written plain would not read back as the same string under
// YAML 1.1 or 1.2 (bools, nulls, numbers, timestamps, indicators, ...).
bool NeedsQuotes(std::string_view s);

std::string DoubleQuoted(std::string_view s);
std::string SingleQuoted(std::string_view s);  // only for single-line printable text

// A value to insert or generate: a string, a list or an ordered map.
struct Value {
  enum class Type { kString, kList, kMap } type = Type::kString;
  std::string str;
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;
  bool plain = false;  // a scalar copied from a plain node (a number, a bool): written as it was
  // A string's quoting, copied from the siblings of where it goes: single or
  // double quotes stay where the value fits them; kPlain (and block styles):
  // plain when safe, else double-quoted.
  ScalarStyle quoting = ScalarStyle::kPlain;

  Value() = default;
  Value(std::string s) : str(std::move(s)) {}          // NOLINT: strings read naturally
  Value(const char* s) : str(s) {}                      // NOLINT
  static Value List(std::vector<Value> items = {});
  static Value Map(std::vector<std::pair<std::string, Value>> entries = {});
  Value& Add(std::string key, Value v);                 // map: appends an entry
  Value& Push(Value v);                                 // list: appends an item
};

// A copy of a tree node (for generated documents that copy a field).
Value ToValue(const Node& node);

// Block style at `indent` spaces. The first line carries no indentation (the
// caller writes it after "key: " or "- "); ends with a newline.
// `seq_indent`: extra indentation of a list under its key (0 or 2).
std::string RenderBlock(const Value& v, int indent, int seq_indent = 2);
// Flow style on one line; `json` writes JSON.
std::string RenderFlow(const Value& v, bool json);
// Where a scalar is written: only block context takes a literal block, and
// JSON takes no plain string.
enum class ScalarContext : unsigned char { kBlock, kFlow, kJson };
// A scalar in the style `like` (plain stays plain when it can, quotes keep
// their kind where the value fits them, else double quotes); in block
// context multi-line text becomes a literal block at `block_indent`.
std::string RenderScalarLike(ScalarStyle like, std::string_view value, ScalarContext where, int block_indent = 0);
// A scalar for a new position: plain when safe, else double-quoted; a
// multi-line string becomes a literal block at `block_indent`.
std::string RenderScalar(std::string_view value, int block_indent, bool json = false);

// The header of a block scalar ("|", ">-", "|+2  # note"): its style,
// chomping and whether it has an indentation indicator.
struct BlockHeader {
  bool folded = false;  // '>' (else '|')
  char chomping = 0;    // '-' strip, '+' keep, 0 clip
  bool indentation_indicator = false;
};
// The header that `scalar_text` (a block scalar's bytes) starts with.
std::optional<BlockHeader> ReadBlockHeader(std::string_view scalar_text);
// The content lines, at `indent` spaces, that under `header` read back as
// exactly `value`; nullopt when that header cannot carry it (its chomping
// cannot end the value, the value's first line starts with a space and the
// header has no indentation indicator, it holds characters a block scalar
// cannot, or, folded, it is not one line without outer spaces: only such a
// line folds back to itself).
std::optional<std::string> BlockContent(const BlockHeader& header, std::string_view value, int indent);

}  // namespace hostgraft
