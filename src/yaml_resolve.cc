#include "yaml_resolve.h"

#include <string>

namespace hostgraft {
namespace {

constexpr std::string_view kDigits = "0123456789";

struct Word {
  std::string_view text;
  ScalarType type;
  bool truth;
};

// The scalars every reader resolves by name (Go yaml.v2's resolve table,
// which holds YAML 1.1's and 1.2's words), and YAML 1.1's value key "=".
constexpr Word kWords[] = {
    {"", ScalarType::kNull, false},       {"~", ScalarType::kNull, false},      {"null", ScalarType::kNull, false},
    {"Null", ScalarType::kNull, false},   {"NULL", ScalarType::kNull, false},   {"y", ScalarType::kBool, true},
    {"Y", ScalarType::kBool, true},       {"yes", ScalarType::kBool, true},     {"Yes", ScalarType::kBool, true},
    {"YES", ScalarType::kBool, true},     {"true", ScalarType::kBool, true},    {"True", ScalarType::kBool, true},
    {"TRUE", ScalarType::kBool, true},    {"on", ScalarType::kBool, true},      {"On", ScalarType::kBool, true},
    {"ON", ScalarType::kBool, true},      {"n", ScalarType::kBool, false},      {"N", ScalarType::kBool, false},
    {"no", ScalarType::kBool, false},     {"No", ScalarType::kBool, false},     {"NO", ScalarType::kBool, false},
    {"false", ScalarType::kBool, false},  {"False", ScalarType::kBool, false},  {"FALSE", ScalarType::kBool, false},
    {"off", ScalarType::kBool, false},    {"Off", ScalarType::kBool, false},    {"OFF", ScalarType::kBool, false},
    {".nan", ScalarType::kFloat, false},  {".NaN", ScalarType::kFloat, false},  {".NAN", ScalarType::kFloat, false},
    {".inf", ScalarType::kFloat, false},  {".Inf", ScalarType::kFloat, false},  {".INF", ScalarType::kFloat, false},
    {"+.inf", ScalarType::kFloat, false}, {"+.Inf", ScalarType::kFloat, false}, {"+.INF", ScalarType::kFloat, false},
    {"-.inf", ScalarType::kFloat, false}, {"-.Inf", ScalarType::kFloat, false}, {"-.INF", ScalarType::kFloat, false},
    {"<<", ScalarType::kMerge, false},    {"=", ScalarType::kMerge, false},
};

// A cursor for the hand-written patterns below (std::regex costs a
// millisecond to compile and is slow to run).
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (done() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  bool EatOneOf(std::string_view set) {
    if (done() || set.find(s_[i_]) == std::string_view::npos) return false;
    ++i_;
    return true;
  }
  // Eats up to `max` characters of `set`; how many.
  size_t EatRun(std::string_view set, size_t max = std::string_view::npos) {
    size_t n = 0;
    while (n < max && EatOneOf(set)) ++n;
    return n;
  }
  bool EatPrefix(std::string_view prefix) {
    if (s_.substr(i_, prefix.size()) != prefix) return false;
    i_ += prefix.size();
    return true;
  }
  std::string_view rest() const { return s_.substr(i_); }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool AllOf(std::string_view s, std::string_view set) {
  return !s.empty() && s.find_first_not_of(set) == std::string_view::npos;
}

// `[eE][-+]?[0-9]+`, when `sign_required` `[eE][-+][0-9]+`; true when
// there is none.
bool OptionalExponent(Cursor& c, bool sign_required = false) {
  if (!c.EatOneOf("eE")) return true;
  if (!c.EatOneOf("+-") && sign_required) return false;
  return c.EatRun(kDigits) > 0;
}

// YAML 1.1 timestamps (the type repository's pattern) and Go yaml.v2's
// (dates with one-digit months and days, one-digit minutes and seconds):
// yyyy-m-d, optionally with [Tt ]h:m:s(.fraction)?(zone)?.
bool IsTimestamp(std::string_view s) {
  Cursor c(s);
  if (c.EatRun(kDigits, 4) != 4 || !c.Eat('-') || !c.EatRun(kDigits, 2) || !c.Eat('-') || !c.EatRun(kDigits, 2))
    return false;
  if (c.done()) return true;
  if (!c.EatOneOf("Tt") && !c.EatRun(" \t")) return false;
  if (!c.EatRun(kDigits, 2) || !c.Eat(':') || !c.EatRun(kDigits, 2) || !c.Eat(':') || !c.EatRun(kDigits, 2))
    return false;
  if (c.Eat('.')) c.EatRun(kDigits);
  if (c.done()) return true;
  c.EatRun(" \t");
  if (c.Eat('Z')) return c.done();
  if (!c.EatOneOf("+-") || !c.EatRun(kDigits, 2)) return false;
  if (c.Eat(':') && c.EatRun(kDigits, 2) != 2) return false;
  return c.done();
}

// Go's strconv.ParseInt(text, 0, 64) syntax, as yaml.v2 calls it after
// removing every '_': 0x/0o/0b prefixes in either case, a leading 0 for
// octal. Out-of-range numbers are numbers too (yaml.v2 reads a float).
bool IsGoInt(std::string_view plain) {
  Cursor c(plain);
  c.EatOneOf("+-");
  if (c.EatPrefix("0x") || c.EatPrefix("0X")) return AllOf(c.rest(), "0123456789abcdefABCDEF");
  if (c.EatPrefix("0o") || c.EatPrefix("0O")) return AllOf(c.rest(), "01234567");
  if (c.EatPrefix("0b") || c.EatPrefix("0B")) return AllOf(c.rest(), "01");
  if (c.Eat('0')) return c.done() || AllOf(c.rest(), "01234567");
  return AllOf(c.rest(), kDigits);
}

// yaml.v2's float pattern `[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?`, on the
// text without '_'.
bool IsGoFloat(std::string_view plain) {
  Cursor c(plain);
  c.EatOneOf("+-");
  size_t digits = c.EatRun(kDigits);
  if (c.Eat('.')) digits = c.EatRun(kDigits);
  return digits > 0 && OptionalExponent(c, /*sign_required=*/true) && c.done();
}

// What yaml.v2 makes of a scalar that starts with a digit or a sign.
ScalarType GoNumber(std::string_view text) {
  std::string plain;
  for (char ch : text)
    if (ch != '_') plain += ch;
  if (IsGoInt(plain)) return ScalarType::kInt;
  if (IsGoFloat(plain)) return ScalarType::kFloat;
  return ScalarType::kString;
}

// `[0-9][0-9_]*(:[0-5]?[0-9])*`: decimal digits, and YAML 1.1's base-60
// groups (1:20 is 80). Like Ruby's Psych, a leading 0 is allowed.
bool EatBase60(Cursor& c) {
  if (!c.EatOneOf(kDigits)) return false;
  c.EatRun("0123456789_");
  while (c.Eat(':')) {
    char first = c.peek();
    size_t n = c.EatRun(kDigits, 2);
    if (n == 0 || (n == 2 && first > '5')) return false;
  }
  return true;
}

// YAML 1.1's int patterns (with '_' anywhere in the digits, base 60) and
// YAML 1.2's core ones (0o octal).
bool IsYaml11Int(std::string_view s) {
  Cursor c(s);
  c.EatOneOf("+-");
  if (c.EatPrefix("0b")) return AllOf(c.rest(), "01_");
  if (c.EatPrefix("0x")) return AllOf(c.rest(), "0123456789abcdefABCDEF_");
  if (c.EatPrefix("0o")) return AllOf(c.rest(), "01234567_");
  return EatBase60(c) && c.done();
}

// YAML 1.1's float patterns (with '_', base 60: 1:20.5) and YAML 1.2's
// core ones (1e5, with no sign in the exponent).
bool IsYaml11Float(std::string_view s) {
  Cursor c(s);
  c.EatOneOf("+-");
  if (c.Eat('.')) return c.EatRun("0123456789_") > 0 && OptionalExponent(c) && c.done();
  Cursor base60 = c;
  if (EatBase60(base60) && base60.Eat('.')) {
    base60.EatRun("0123456789_");
    if (base60.done()) return true;
  }
  if (!c.EatOneOf(kDigits)) return false;
  c.EatRun("0123456789_");
  if (c.Eat('.')) c.EatRun("0123456789_");
  return OptionalExponent(c) && c.done();
}

}  // namespace

ResolvedScalar ResolvePlainScalar(std::string_view text) {
  for (const Word& w : kWords)
    if (w.text == text) return {w.type, w.truth};
  if (IsTimestamp(text)) return {ScalarType::kTimestamp};
  // yaml.v2 tries numbers on text that starts with a digit or a sign (and
  // ".5", which IsYaml11Float covers).
  char first = text[0];
  if (kDigits.find(first) != std::string_view::npos || first == '+' || first == '-')
    if (ScalarType go = GoNumber(text); go != ScalarType::kString) return {go};
  if (IsYaml11Int(text)) return {ScalarType::kInt};
  if (IsYaml11Float(text)) return {ScalarType::kFloat};
  return {};
}

}  // namespace hostgraft
