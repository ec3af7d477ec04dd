#include "yaml_text.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace hostgraft;
using hostgraft::test::RunProgram;

namespace {

// Strings that a YAML 1.1 reader (Kubernetes, PyYAML) or a 1.2 reader would
// turn into something else when written plain.
const std::vector<std::string> kTricky = {
    "true", "True", "yes", "Yes", "on", "ON", "off", "no", "y", "n", "null", "Null", "~", "", "0123", "0o17", "0x1F",
    "1.10", "1e3", "1_000", "-1", "+1", ".5", ".inf", "-.inf", ".nan", "12:30:00", "2026-06-01", "2026-06-01T00:00:00Z",
    "<<", "=", "- a", "? a", ": a", "a: b", "a #b", "#a", "&a", "*a", "!a", "|", ">", "'q'", "\"q\"", "%a", "@a",
    "`a", " lead", "trail ", "a,b", "[a]", "{a}", "tab\there", "ünïcödé", "Bearer ", "x:", "http://a:80/b",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "two\nlines", "ends\n\n", "\nleading newline",
    "line\u2028separator", "next\u0085line",
};

// Reads `yaml` with PyYAML (a YAML 1.1 reader) and returns the JSON of it.
std::string PyYamlJson(const std::string& yaml) {
  auto r = RunProgram({"python3", "-c",
                       "import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin.read()), sort_keys=True))"},
                      yaml);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string Json(const std::vector<std::string>& strings) {
  auto r = RunProgram({"python3", "-c", "import sys, json; print(json.dumps(sys.stdin.read().split('\\x00')[:-1], sort_keys=True))"},
                      [&] {
                        std::string s;
                        for (const auto& x : strings) s += x + '\0';
                        return s;
                      }());
  return r.out;
}

}  // namespace

TEST_CASE("generated strings read back as the same strings under YAML 1.1", "[yaml-text]") {
  Value block = Value::List();
  for (const std::string& s : kTricky) block.Push(Value(s));
  std::string text = RenderBlock(Value::Map({{"items", block}}), 0);
  std::string flow = RenderFlow(block, false);
  std::string json = RenderFlow(block, true);
  std::string expected = Json(kTricky);
  INFO(text);
  CHECK(PyYamlJson(text) == "{\"items\": " + expected.substr(0, expected.size() - 1) + "}\n");
  CHECK(PyYamlJson(flow) == expected);
  CHECK(PyYamlJson(json) == expected);
}

TEST_CASE("PEM blocks are written in literal style", "[yaml-text]") {
  Value v = Value::Map({{"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"},
                        {"noeol", "a\nb"}});
  CHECK(RenderBlock(v, 0) ==
        "certificate: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n  -----END CERTIFICATE-----\nnoeol: |-\n  a\n  b\n");
}

TEST_CASE("plain values copied from the tree stay plain", "[yaml-text]") {
  Value v = Value::Map({{"weight", Value("100")}, {"name", Value("100")}});
  v.entries[0].second.plain = true;
  CHECK(RenderBlock(v, 0) == "weight: 100\nname: \"100\"\n");
}

TEST_CASE("quoted keys that need it", "[yaml-text]") {
  CHECK(RenderBlock(Value::Map({{"on", "x"}, {"a.b/c", "y"}}), 0) == "\"on\": x\na.b/c: \"y\"\n");
}

TEST_CASE("strings quoted like a sibling read back as the same strings under YAML 1.1", "[yaml-text][quoting]") {
  for (ScalarStyle style : {ScalarStyle::kPlain, ScalarStyle::kSingleQuoted, ScalarStyle::kDoubleQuoted}) {
    Value block = Value::List();
    for (const std::string& s : kTricky) {
      Value v(s);
      v.quoting = style;
      block.Push(v);
    }
    std::string text = RenderBlock(Value::Map({{"items", block}}), 0);
    std::string flow = RenderFlow(block, false);
    std::string expected = Json(kTricky);
    INFO(text);
    CHECK(PyYamlJson(text) == "{\"items\": " + expected.substr(0, expected.size() - 1) + "}\n");
    CHECK(PyYamlJson(flow) == expected);
  }
}

TEST_CASE("a scalar keeps its sibling's quoting where the value fits it", "[yaml-text][quoting]") {
  using S = ScalarStyle;
  using C = ScalarContext;
  CHECK(RenderScalarLike(S::kSingleQuoted, "it's", C::kFlow) == "'it''s'");
  CHECK(RenderScalarLike(S::kSingleQuoted, "a\tb", C::kFlow) == "\"a\\tb\"");
  CHECK(RenderScalarLike(S::kSingleQuoted, "a\nb", C::kFlow) == "\"a\\nb\"");
  CHECK(RenderScalarLike(S::kSingleQuoted, "a\nb", C::kBlock, 2) == "|-\n  a\n  b\n");
  CHECK(RenderScalarLike(S::kDoubleQuoted, "host", C::kFlow) == "\"host\"");
  CHECK(RenderScalarLike(S::kPlain, "host", C::kFlow) == "host");
  CHECK(RenderScalarLike(S::kPlain, "on", C::kBlock) == "\"on\"");
  CHECK(RenderScalarLike(S::kPlain, "host", C::kJson) == "\"host\"");
  CHECK(RenderScalarLike(S::kSingleQuoted, "host", C::kJson) == "'host'");
  CHECK(RenderScalarLike(S::kFolded, "host", C::kBlock) == "host");
  // NEL, LS and PS are line breaks to YAML: only escaped in double quotes.
  CHECK(RenderScalarLike(S::kPlain, "a\u2028b\u2029c\u0085d", C::kFlow) == "\"a\\Lb\\Pc\\Nd\"");
  CHECK(RenderScalarLike(S::kSingleQuoted, "a\u2028b", C::kFlow) == "\"a\\Lb\"");
}

TEST_CASE("a block header carries the values its chomping, indentation and folding can", "[yaml-text][block]") {
  auto header = [](const char* text) { return *ReadBlockHeader(text); };
  CHECK_FALSE(ReadBlockHeader("'quoted'"));
  CHECK(header(">-2 # c").folded);
  CHECK(header(">-2 # c").chomping == '-');
  CHECK(header("|2+").chomping == '+');
  CHECK(header("|2+").indentation_indicator);
  CHECK_FALSE(header("| # 2").indentation_indicator);
  CHECK(header("|  # +").chomping == 0);

  CHECK(BlockContent(header("|-"), "a\n\nb", 4) == "    a\n\n    b\n");
  CHECK(BlockContent(header("|"), "a\n", 2) == "  a\n");
  CHECK(BlockContent(header("|+"), "a\n\n", 2) == "  a\n\n");
  CHECK(BlockContent(header("|"), "", 2) == "");
  CHECK(BlockContent(header("|2"), "  a\n", 2) == "    a\n");
  CHECK(BlockContent(header(">-"), "one line", 2) == "  one line\n");
  CHECK(BlockContent(header(">"), "one line\n", 2) == "  one line\n");
  CHECK_FALSE(BlockContent(header("|-"), "a\n", 2));     // strip: no final line break
  CHECK_FALSE(BlockContent(header("|"), "a\n\n", 2));    // clip: exactly one
  CHECK_FALSE(BlockContent(header("|+"), "a", 2));       // keep: at least one
  CHECK_FALSE(BlockContent(header("|"), "\n", 2));       // no content reads ""
  CHECK_FALSE(BlockContent(header("|"), "  a\n", 2));    // indentation would swallow the spaces
  CHECK_FALSE(BlockContent(header(">-"), "a\nb", 2));    // folding would join the lines
  CHECK_FALSE(BlockContent(header(">-"), "a ", 2));
  CHECK_FALSE(BlockContent(header("|-"), "a\tb", 2));
  CHECK_FALSE(BlockContent(header("|-"), "a\rb", 2));
  CHECK_FALSE(BlockContent(header("|-"), "a\u2028b", 2));
  CHECK_FALSE(BlockContent(header("|-"), "a", 0));       // a root block scalar's content
}
