#include "yaml_reader.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

namespace {

// The error of reading `text` to its end, or none.
std::optional<YamlError> ErrorOf(std::string_view text, YamlReadOptions options = {}) {
  YamlReader r(text, options);
  while (r.Next()) {
  }
  return r.error();
}

std::string MessageOf(std::string_view text, YamlReadOptions options = {}) {
  std::optional<YamlError> e = ErrorOf(text, options);
  return e ? "line " + std::to_string(e->line) + ": " + e->message : "";
}

}  // namespace

TEST_CASE("yaml reader: events carry their 1-based line, keys and paths", "[yaml-reader]") {
  YamlReader r("a: 1\nb:\n  - x\n  - c: 2\n");
  std::vector<std::string> seen;
  while (r.Next())
    if (r.type() == YAML_SCALAR_EVENT)
      seen.push_back(std::to_string(r.line()) + (r.is_key() ? " key " : " value ") + r.Path() + "=" +
                     std::string(r.scalar()));
  CHECK_FALSE(r.error());
  CHECK(seen == std::vector<std::string>{"1 key a=a", "1 value a=1", "2 key b=b", "3 value b[0]=x",
                                         "4 key b[1].c=c", "4 value b[1].c=2"});
}

TEST_CASE("yaml reader: depth and key() describe where an event sits", "[yaml-reader]") {
  YamlReader r("metadata:\n  name: x\n");
  std::vector<std::string> seen;
  while (r.Next()) {
    if (r.type() == YAML_MAPPING_START_EVENT) seen.push_back("map at " + std::to_string(r.depth()));
    if (r.type() == YAML_SCALAR_EVENT && !r.is_key())
      seen.push_back(std::string(r.key(0)) + "/" + std::string(r.key(1)) + " at " + std::to_string(r.depth()));
  }
  CHECK(seen == std::vector<std::string>{"map at 0", "map at 1", "metadata/name at 2"});
}

TEST_CASE("yaml reader: a parse error names libyaml's problem, context and line", "[yaml-reader]") {
  std::optional<YamlError> e = ErrorOf("a: 1\nb: \"open\n");
  REQUIRE(e);
  CHECK(e->problem == YamlProblem::kSyntax);
  CHECK(e->line == 3);
  CHECK(e->message == "not valid YAML: found unexpected end of stream (while scanning a quoted scalar)");
  CHECK(e->fix.rfind("correct the YAML at that line", 0) == 0);
  CHECK(MessageOf("a:\n\tb: 1\n") ==
        "line 2: not valid YAML: found character that cannot start any token (while scanning for the next token)");
}

TEST_CASE("yaml reader: nesting deeper than the limit", "[yaml-reader]") {
  CHECK(MessageOf(std::string(257, '[') + std::string(257, ']')) == "line 1: nesting deeper than 256 levels");
  CHECK(MessageOf(std::string(256, '[') + std::string(256, ']')).empty());
  YamlReadOptions shallow;
  shallow.max_depth = 2;
  CHECK(MessageOf("a:\n  b:\n    c: 1\n", shallow) == "line 3: nesting deeper than 2 levels");
}

TEST_CASE("yaml reader: aliases count as the nodes they expand to", "[yaml-reader]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string p(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + p;
    for (int i = 1; i < 10; ++i) bomb += ", *" + p;
    bomb += "]\n";
  }
  std::optional<YamlError> e = ErrorOf(bomb);
  REQUIRE(e);
  CHECK(e->problem == YamlProblem::kAliasBomb);
  CHECK(e->line == 6);
  CHECK(e->message == "aliases expand to more than 1000000 nodes (an alias bomb?)");
  YamlReadOptions small;
  small.max_alias_expansion = 8;
  // The root, key a, the list and its 3 items: 6; key b and the alias (the list again): 5 more.
  CHECK(MessageOf("a: &a [1, 2, 3]\nb: *a\n", small) == "line 2: aliases expand to more than 8 nodes (an alias bomb?)");
  small.max_alias_expansion = 11;
  CHECK(MessageOf("a: &a [1, 2, 3]\nb: *a\n", small).empty());
}

TEST_CASE("yaml reader: an alias needs an anchor defined before it", "[yaml-reader]") {
  CHECK(MessageOf("a: *nowhere\n") == "line 1: alias *nowhere refers to no anchor defined before it");
  CHECK(MessageOf("a: &x [*x]\n") == "line 1: alias *x refers to no anchor defined before it");
  CHECK(MessageOf("a: &x 1\nb: *x\n").empty());
}

TEST_CASE("yaml reader: a second document is refused unless allowed", "[yaml-reader]") {
  CHECK(MessageOf("a: 1\n---\nb: 2\n") == "line 2: a second YAML document begins here; one is expected");
  YamlReadOptions two;
  two.max_documents = 2;
  CHECK(MessageOf("a: &x 1\n---\nb: 2\n", two).empty());
  // Anchors belong to their document.
  CHECK(MessageOf("a: &x 1\n---\nb: *x\n", two) == "line 3: alias *x refers to no anchor defined before it");
}

TEST_CASE("yaml reader: duplicate keys are refused, reported or ignored as the caller asks", "[yaml-reader]") {
  const std::string text = "a: 1\nb:\n  c: 1\n  \"c\": 2\n";
  CHECK(MessageOf(text) == "line 4: duplicate mapping key \"c\" (first at line 3)");
  YamlReadOptions report;
  report.duplicate_keys = DuplicateKeys::kReport;
  YamlReader r(text, report);
  std::vector<std::string> seen;
  while (r.Next())
    if (r.duplicate()) seen.push_back(r.Path() + ": " + r.duplicate()->message);
  CHECK_FALSE(r.error());
  CHECK(seen == std::vector<std::string>{"b.c: duplicate mapping key \"c\" (first at line 3)"});
  YamlReadOptions ignore;
  ignore.duplicate_keys = DuplicateKeys::kIgnore;
  CHECK(MessageOf(text, ignore).empty());
  YamlReadOptions hidden;
  hidden.may_quote = [](std::string_view name) { return name == "a"; };
  CHECK(MessageOf("s3cr3t: 1\ns3cr3t: 2\n", hidden) == "line 2: duplicate mapping key (first at line 1)");
  CHECK(MessageOf("a: 1\na: 2\n", hidden) == "line 2: duplicate mapping key \"a\" (first at line 1)");
  CHECK(MessageOf("a: *s3cr3t\n", hidden) == "line 1: an alias refers to no anchor defined before it");
  CHECK(MessageOf("b: *a\n", hidden) == "line 1: alias *a refers to no anchor defined before it");
}

TEST_CASE("yaml reader: large mappings still find duplicates, equal keys in other mappings are fine",
          "[yaml-reader]") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "k" + std::to_string(i) + ": {k" + std::to_string(i) + ": 1}\n";
  CHECK(MessageOf(text).empty());
  CHECK(MessageOf(text + "k7: 2\n") == "line 101: duplicate mapping key \"k7\" (first at line 8)");
}

TEST_CASE("yaml reader: stops after the stream end and after an error", "[yaml-reader]") {
  YamlReader r("a");
  int events = 0;
  while (r.Next()) ++events;
  CHECK(events == 5);  // stream start, document start, scalar, document end, stream end
  CHECK_FALSE(r.Next());
  YamlReader bad("[");
  while (bad.Next()) {
  }
  REQUIRE(bad.error());
  CHECK_FALSE(bad.Next());
}

TEST_CASE("yaml reader: lines count from the first line the caller gives", "[yaml-reader]") {
  YamlReadOptions options;
  options.first_line = 10;
  CHECK(MessageOf("a: 1\na: 2\n", options) == "line 11: duplicate mapping key \"a\" (first at line 10)");
  CHECK(MessageOf("a: 1\nb: [\n", options).rfind("line 12: not valid YAML", 0) == 0);
  YamlReader r("a: 1\n", options);
  while (r.Next() && r.type() != YAML_SCALAR_EVENT) {
  }
  CHECK(r.line() == 10);
}
