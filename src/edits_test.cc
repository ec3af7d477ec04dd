#include "edits.h"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "stream_reader.h"
#include "test_support.h"

using namespace hostgraft;
using hostgraft::test::LineDiff;

namespace {

Document Doc(const std::string& text) {
  Stream s;
  Diagnostics d;
  REQUIRE(ReadStream(text, ReadLimits{}, &s, &d));
  REQUIRE(s.documents.size() == 1);
  return s.documents[0];
}

// The edited text must read back (strings compared as strings) and must
// still scan clean.
std::string Check(const Document& doc, const Edits& e) {
  std::string out;
  REQUIRE(e.Apply(&out));
  Document again = doc;
  again.text = out;
  again.tree_.reset();
  Diagnostics d;
  INFO(out);
  REQUIRE(ScanDocument(&again, ReadLimits{}, &d));
  REQUIRE_NOTHROW(YAML::Load(out));
  return out;
}

}  // namespace

TEST_CASE("replace keeps quoting style and every other byte", "[edits]") {
  std::string text =
      "# lead comment\nspec:\n  # about url\n  a: 'https://d.example.com/x'   # trailing\n"
      "  b: \"https://d.example.com/y\"\n  c: https://d.example.com/z\n  d: \"true\"\n";
  Document doc = Doc(text);
  const Node* spec = doc.tree().root()->Get("spec");
  Edits e(doc);
  e.ReplaceScalar(*spec->Get("a"), "https://k.example.com/x");
  e.ReplaceScalar(*spec->Get("b"), "https://k.example.com/y");
  e.ReplaceScalar(*spec->Get("c"), "yes");
  std::string out = Check(doc, e);
  CHECK(LineDiff(text, out) == std::vector<std::string>{
                                   "-  a: 'https://d.example.com/x'   # trailing",
                                   "-  b: \"https://d.example.com/y\"",
                                   "-  c: https://d.example.com/z",
                                   "+  a: 'https://k.example.com/x'   # trailing",
                                   "+  b: \"https://k.example.com/y\"",
                                   "+  c: \"yes\"",
                               });
  CHECK(YAML::Load(out)["spec"]["c"].as<std::string>() == "yes");
}

TEST_CASE("a multi-line value replacing a plain scalar becomes a literal block", "[edits]") {
  std::string text = "data:\n  rootca.pem: placeholder\n  other: x\n";
  Document doc = Doc(text);
  Edits e(doc);
  std::string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  e.ReplaceScalar(*doc.tree().root()->Get("data")->Get("rootca.pem"), pem);
  std::string out = Check(doc, e);
  CHECK(out == "data:\n  rootca.pem: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n"
               "  other: x\n");
  CHECK(YAML::Load(out)["data"]["rootca.pem"].as<std::string>() == pem);
}

TEST_CASE("insert items copying sibling indentation, block and flow", "[edits]") {
  std::string text =
      "spec:\n  hosts:\n  - a.example.com   # first\n  # between\n  - b.example.com\n  # after\n"
      "  flow: [x, \"y\"]\n  empty: []\nother: 1\n";
  Document doc = Doc(text);
  const Node* spec = doc.tree().root()->Get("spec");
  Edits e(doc);
  e.InsertItem(*spec->Get("hosts"), 0, Value("k.example.com"));
  e.AppendItem(*spec->Get("flow"), Value("true"));
  e.InsertItem(*spec->Get("empty"), 0, Value("z"));
  std::string out = Check(doc, e);
  CHECK(LineDiff(text, out) == std::vector<std::string>{
                                   "+  - k.example.com",
                                   "-  flow: [x, \"y\"]",
                                   "-  empty: []",
                                   "+  flow: [x, \"y\", \"true\"]",
                                   "+  empty: [z]",
                               });
}

TEST_CASE("insert an item before the first, block and flow", "[edits]") {
  std::string text = "env:\n    - name: A\n      value: \"1\"\nflow: [a, b]\n";
  Document doc = Doc(text);
  const Node* root = doc.tree().root();
  Edits e(doc);
  e.InsertItemBefore(*root->Get("env"), 0, Value::Map({{"name", "FIRST"}, {"value", "/etc/ca.pem"}}));
  e.InsertItemBefore(*root->Get("flow"), 1, Value("x"));
  std::string out = Check(doc, e);
  CHECK(out == "env:\n    - name: FIRST\n      value: /etc/ca.pem\n    - name: A\n      value: \"1\"\nflow: [a, x, b]\n");
}

TEST_CASE("a twin copies the item's bytes with the host changed", "[edits]") {
  std::string text =
      "spec:\n  jwtRules:\n    - issuer: \"https://d/auth/realms/r\"   # kept\n      jwksUri: https://d/certs\n"
      "      fromHeaders:\n        - name: X-Access-Token\n    - issuer: other\n";
  Document doc = Doc(text);
  const Node* rules = doc.tree().root()->At("spec.jwtRules");
  Edits e(doc);
  e.InsertCopy(*rules, 0, {{rules->Item(0)->Get("issuer"), "https://k/auth/realms/r"}});
  std::string out = Check(doc, e);
  CHECK(out ==
        "spec:\n  jwtRules:\n    - issuer: \"https://d/auth/realms/r\"   # kept\n      jwksUri: https://d/certs\n"
        "      fromHeaders:\n        - name: X-Access-Token\n"
        "    - issuer: \"https://k/auth/realms/r\"   # kept\n      jwksUri: https://d/certs\n"
        "      fromHeaders:\n        - name: X-Access-Token\n    - issuer: other\n");
}

TEST_CASE("add keys to block, flow and JSON mappings", "[edits]") {
  std::string text = "metadata:\n  name: a   # n\nspec:\n  host: x\n  to: {kind: Service}\n";
  Document doc = Doc(text);
  Edits e(doc);
  Value tls = Value::Map();
  tls.Add("termination", "edge").Add("certificate", "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n");
  e.AddKey(*doc.tree().root()->Get("spec"), "tls", tls);
  e.AddKey(*doc.tree().root()->At("spec.to"), "name", Value("svc"));
  std::string out = Check(doc, e);
  CHECK(out ==
        "metadata:\n  name: a   # n\nspec:\n  host: x\n  to: {kind: Service, name: svc}\n  tls:\n"
        "    termination: edge\n    certificate: |\n      -----BEGIN CERTIFICATE-----\n      AA\n"
        "      -----END CERTIFICATE-----\n");

  std::string json = "{\n  \"spec\": {\n    \"hosts\": [\n      \"a\",\n      \"b\"\n    ]\n  }\n}\n";
  Document jdoc = Doc(json);
  Edits j(jdoc);
  j.AppendItem(*jdoc.tree().root()->At("spec.hosts"), Value("c"));
  j.AddKey(*jdoc.tree().root()->Get("spec"), "n", Value("1"));
  CHECK(Check(jdoc, j) ==
        "{\n  \"spec\": {\n    \"hosts\": [\n      \"a\",\n      \"b\",\n      \"c\"\n    ],\n    \"n\": \"1\"\n  }\n}\n");
}

TEST_CASE("remove keys from block and flow mappings", "[edits]") {
  std::string text =
      "a: 1\n# about b\nb:   # b's own comment\n  c: [x, y]\n  d:\n    - e\n# about f\nf: {g: 1, h: 2, i: 3}\n"
      "j: {k: 1}\n";
  Document doc = Doc(text);
  const Node& root = *doc.tree().root();
  Edits e(doc);
  e.RemoveKeys(root, {1});                // b and everything under it
  e.RemoveKeys(*root.Get("f"), {2, 0});   // first and last flow entries
  e.RemoveKeys(*root.Get("j"), {0});      // the only one
  CHECK(Check(doc, e) == "a: 1\n# about b\n# about f\nf: {h: 2}\nj: {}\n");

  std::string items = "list:\n  - a: 1\n    b: 2\n  - c: 3\n";
  Document idoc = Doc(items);
  Edits i(idoc);
  i.RemoveKeys(*idoc.tree().root()->At("list")->Item(0), {0});
  i.RemoveKeys(*idoc.tree().root()->At("list")->Item(1), {0});
  CHECK(Check(idoc, i) == "list:\n  - b: 2\n  - {}\n");

  std::string json = "{\"a\": 1, \"b\": {\"c\": 2}}\n";
  Document jdoc = Doc(json);
  Edits j(jdoc);
  j.RemoveKeys(*jdoc.tree().root(), {1});
  CHECK(Check(jdoc, j) == "{\"a\": 1}\n");

  // Neighbours in flow style: the run goes with one separator.
  std::string flow = "m: {a: 1, b: 2, c: 3, d: 4}\nn: {a: 1, b: 2, c: 3}\no: {a: 1, b: 2}\n";
  Document fdoc = Doc(flow);
  Edits f(fdoc);
  f.RemoveKeys(*fdoc.tree().root()->Get("m"), {1, 2});
  f.RemoveKeys(*fdoc.tree().root()->Get("n"), {1, 2});
  f.RemoveKeys(*fdoc.tree().root()->Get("o"), {0, 1});
  CHECK(Check(fdoc, f) == "m: {a: 1, d: 4}\nn: {a: 1}\no: {}\n");
}

TEST_CASE("unicode before an edit: byte offsets, not characters", "[edits]") {
  std::string text = "a: Україна 🇺🇦\nb: https://d.example.com\n";
  Document doc = Doc(text);
  Edits e(doc);
  e.ReplaceScalar(*doc.tree().root()->Get("b"), "https://k.example.com");
  CHECK(Check(doc, e) == "a: Україна 🇺🇦\nb: https://k.example.com\n");
}

TEST_CASE("kustomize style lists under new keys are not indented", "[edits]") {
  std::string text = "spec:\n  hosts:\n  - a\n";
  Document doc = Doc(text);
  Edits e(doc);
  e.AddKey(*doc.tree().root()->Get("spec"), "more", Value::List({"b", "c"}));
  CHECK(Check(doc, e) == "spec:\n  hosts:\n  - a\n  more:\n  - b\n  - c\n");
}

TEST_CASE("overlapping splices are refused, not silently dropped", "[edits]") {
  Document doc = Doc("a: x\n");
  Edits e(doc);
  e.ReplaceScalar(*doc.tree().root()->Get("a"), "y");
  e.ReplaceScalar(*doc.tree().root()->Get("a"), "z");
  std::string out;
  CHECK_FALSE(e.Apply(&out));
}

TEST_CASE("an empty value is replaced after its indicator", "[edits]") {
  std::string text = "data:\n  q:\n  n: x\nlist:\n- \n- b\n";
  Document doc = Doc(text);
  Edits e(doc);
  e.ReplaceScalar(*doc.tree().root()->At("data.q"), "v");
  e.ReplaceScalar(*doc.tree().root()->Get("list")->Item(0), "w");
  CHECK(Check(doc, e) == "data:\n  q: v\n  n: x\nlist:\n- w \n- b\n");
}

TEST_CASE("edits refuse nodes shared through an alias, and drop their notes", "[edits]") {
  std::string text = "a: &x\n  - 1\nb: *x\nc:\n  - 2\n";
  Document doc = Doc(text);
  const Node* root = doc.tree().root();
  Edits e(doc);
  e.AppendItem(*root->Get("b"), Value("x"));  // the alias
  e.Note("test", "b", 3, "adds 3");
  e.AppendItem(*root->Get("a"), Value("x"));  // the anchored node
  e.Note("test", "a", 1, "adds 3");
  e.ReplaceScalar(*root->Get("a")->Item(0), "4");  // inside it
  e.Note("test", "a[0]", 2, "sets 4");
  e.AppendItem(*root->Get("c"), Value("x"));
  e.Note("test", "c", 4, "adds 3");
  REQUIRE(e.refused().size() == 3);
  CHECK(e.refused()[0].path == "b");
  CHECK(e.refused()[1].path == "a");
  CHECK(e.refused()[2].path == "a[0]");
  CHECK(e.refused()[2].line == 2);
  REQUIRE(e.changes().size() == 1);
  CHECK(e.changes()[0].path == "c");
  CHECK(Check(doc, e) == "a: &x\n  - 1\nb: *x\nc:\n  - 2\n  - x\n");
}

namespace {

// The scalar at `path` (mapping keys, "[i]" for items) of `text` read again.
std::string ReadBack(const std::string& text, std::initializer_list<std::string_view> path) {
  Document doc = Doc(text);
  const Node* n = doc.tree().root();
  for (std::string_view step : path) {
    REQUIRE(n);
    n = step[0] == '[' ? n->Item(std::stoul(std::string(step.substr(1)))) : n->Get(step);
  }
  REQUIRE(n);
  return n->value;
}

}  // namespace

TEST_CASE("a block scalar keeps its header line and indentation", "[edits][block]") {
  std::string text =
      "data:\n"
      "  lit: |-   # the realm's URL\n"
      "      https://d.example.com/a\n"
      "\n"
      "  clip: |\n    one\n    two\n"
      "  keep: |+\n    x\n\n"
      "  folded: >-\n    https://d.example.com/long\n    /path\n"
      "  folded_clip: >  # folded\n    a\n"
      "  indicator: |2-\n      lead\n    next\n"
      "list:\n- >-\n  in a list\n- |\n  second\nother: x\n";
  Document doc = Doc(text);
  const Node* data = doc.tree().root()->Get("data");
  const Node* list = doc.tree().root()->Get("list");
  Edits e(doc);
  e.ReplaceScalar(*data->Get("lit"), "https://k.example.com/a");
  e.ReplaceScalar(*data->Get("clip"), "three\nfour\n");
  e.ReplaceScalar(*data->Get("keep"), "y\n\n\n");
  e.ReplaceScalar(*data->Get("folded"), "https://k.example.com/long/path");
  e.ReplaceScalar(*data->Get("folded_clip"), "b\n");
  e.ReplaceScalar(*data->Get("indicator"), "  lead2\nnext2");
  e.ReplaceScalar(*list->Item(0), "in the list");
  e.ReplaceScalar(*list->Item(1), "third\n");
  std::string out = Check(doc, e);
  CHECK(out ==
        "data:\n"
        "  lit: |-   # the realm's URL\n"
        "      https://k.example.com/a\n"
        "\n"
        "  clip: |\n    three\n    four\n"
        "  keep: |+\n    y\n\n\n"
        "  folded: >-\n    https://k.example.com/long/path\n"
        "  folded_clip: >  # folded\n    b\n"
        "  indicator: |2-\n      lead2\n    next2\n"
        "list:\n- >-\n  in the list\n- |\n  third\nother: x\n");
  CHECK(ReadBack(out, {"data", "lit"}) == "https://k.example.com/a");
  CHECK(ReadBack(out, {"data", "clip"}) == "three\nfour\n");
  CHECK(ReadBack(out, {"data", "keep"}) == "y\n\n\n");
  CHECK(ReadBack(out, {"data", "folded"}) == "https://k.example.com/long/path");
  CHECK(ReadBack(out, {"data", "folded_clip"}) == "b\n");
  CHECK(ReadBack(out, {"data", "indicator"}) == "  lead2\nnext2");
  CHECK(ReadBack(out, {"list", "[0]"}) == "in the list");
  CHECK(ReadBack(out, {"list", "[1]"}) == "third\n");
}

TEST_CASE("a block scalar whose header cannot carry the value is written as a new scalar", "[edits][block]") {
  std::string text =
      "a:\n"
      "  strip: |-\n    x\n"
      "  clip: |\n    x\n"
      "  keep: |+\n    x\n\n"
      "  lead: |\n    x\n"
      "  fold: >-\n    x\n"
      "  foldlead: >\n    x\n"
      "  tab: |-\n    x\n"
      "  ls: |-\n    x\n"
      "  empty: |2\n"
      "b:\n- k: |-\n    x\n";
  const std::vector<std::pair<std::string, std::string>> values = {
      {"strip", "x\n"},          // strip chomping cannot end in a line break
      {"clip", "x"},             // clip chomping must end in exactly one
      {"keep", "x"},             // keep chomping keeps at least one
      {"lead", "  x\ny\n"},      // a leading space needs an indentation indicator
      {"fold", "x\ny"},          // folding would join the lines
      {"foldlead", " x\n"},      // folding keeps a more indented line as it is
      {"tab", "a\tb"},           // no tab: libyaml reads one at a line start as indentation
      {"ls", "x\u2028y"},        // LS is a line break in YAML
      {"empty", "v"},            // an indicator with no content to measure it by
  };
  Document doc = Doc(text);
  const Node* a = doc.tree().root()->Get("a");
  Edits e(doc);
  for (const auto& [key, value] : values) e.ReplaceScalar(*a->Get(key), value);
  e.ReplaceScalar(*doc.tree().root()->Get("b")->Item(0)->Get("k"), "two\nlines\n");
  std::string out = Check(doc, e);
  CHECK(out ==
        "a:\n"
        "  strip: |\n    x\n"
        "  clip: x\n"
        "  keep: x\n"
        "  lead: \"  x\\ny\\n\"\n"
        "  fold: |-\n    x\n    y\n"
        "  foldlead: \" x\\n\"\n"
        "  tab: \"a\\tb\"\n"
        "  ls: \"x\\Ly\"\n"
        "  empty: v\n"
        "b:\n- k: |\n    two\n    lines\n");
  for (const auto& [key, value] : values) CHECK(ReadBack(out, {"a", key}) == value);
  CHECK(ReadBack(out, {"b", "[0]", "k"}) == "two\nlines\n");
}

TEST_CASE("every block header and value round-trips, the header kept where it can carry the value",
          "[edits][block]") {
  const std::vector<std::string> headers = {"|", "|-", "|+", ">", ">-", ">+", "|2", "|-2", "|2+", ">2-"};
  const std::vector<std::string> values = {
      "new",     "new\n",    "new\n\n",     "",         "\n",         "\n\n",          "two\nlines",
      "two\nlines\n",        "  lead",      "  lead\nx\n",            "\nleading blank\n", "trail \n",
      " both ",  "tab\there", "x\u2028y",   "a\n\n\nb\n", "# no comment\n", "---\n...\n", "a\n   \n",
      "ü\n",     "x\r\ny",   "  \nz",       "a\n  b\n",
  };
  for (const std::string& header : headers) {
    std::string text = "a:\n  b: " + header + "  # note\n    old\n\n  c: x\n";
    for (const std::string& value : values) {
      INFO(header << " " << value);
      Document doc = Doc(text);
      Edits e(doc);
      e.ReplaceScalar(*doc.tree().root()->At("a.b"), value);
      std::string out = Check(doc, e);
      INFO(out);
      CHECK(ReadBack(out, {"a", "b"}) == value);
      CHECK(ReadBack(out, {"a", "c"}) == "x");
      bool kept = out.find("  b: " + header + "  # note\n") != std::string::npos;
      std::optional<BlockHeader> parsed = ReadBlockHeader(header);
      CHECK(kept == BlockContent(*parsed, value, 4).has_value());
    }
  }
}

TEST_CASE("inserted block items copy the quoting of the item beside them", "[edits][quoting]") {
  std::string text =
      "double:\n  - \"a.example.com\"\nsingle:\n  - 'a.example.com'\nplain:\n  - a.example.com\n"
      "mixed:\n  - \"a\"\n  - 'b'\n  - c\n";
  Document doc = Doc(text);
  const Node* root = doc.tree().root();
  Edits e(doc);
  e.AppendItem(*root->Get("double"), Value("k.example.com"));
  e.InsertItemBefore(*root->Get("double"), 0, Value("first"));
  e.AppendItem(*root->Get("single"), Value("it's"));
  e.InsertItemBefore(*root->Get("single"), 0, Value("tab\there"));  // single quotes hold no tab here
  e.AppendItem(*root->Get("plain"), Value("k.example.com"));
  e.InsertItemBefore(*root->Get("plain"), 0, Value("yes"));  // plain would read as a bool
  const Node* mixed = root->Get("mixed");
  e.InsertItem(*mixed, 0, Value("after-double"));
  e.InsertItemBefore(*mixed, 1, Value("before-single"));
  e.AppendItem(*mixed, Value("after-plain"));
  std::string out = Check(doc, e);
  CHECK(out ==
        "double:\n  - \"first\"\n  - \"a.example.com\"\n  - \"k.example.com\"\n"
        "single:\n  - \"tab\\there\"\n  - 'a.example.com'\n  - 'it''s'\n"
        "plain:\n  - \"yes\"\n  - a.example.com\n  - k.example.com\n"
        "mixed:\n  - \"a\"\n  - \"after-double\"\n  - 'before-single'\n  - 'b'\n  - c\n  - after-plain\n");
  CHECK(ReadBack(out, {"single", "[2]"}) == "it's");
  CHECK(ReadBack(out, {"single", "[0]"}) == "tab\there");
  CHECK(ReadBack(out, {"plain", "[0]"}) == "yes");
}

TEST_CASE("inserted flow items copy the quoting of the item beside them", "[edits][quoting]") {
  std::string text = "a: [\"x\", \"y\"]\nb: ['x']\nc: [x, 'y']\nd: []\ne: [1, 2]\n";
  Document doc = Doc(text);
  const Node* root = doc.tree().root();
  Edits e(doc);
  e.AppendItem(*root->Get("a"), Value("z"));
  e.InsertItemBefore(*root->Get("b"), 0, Value("w"));
  e.InsertItem(*root->Get("c"), 0, Value("on"));  // after plain x: quoted as plain must be
  e.AppendItem(*root->Get("c"), Value("z"));
  e.AppendItem(*root->Get("d"), Value("z"));
  e.AppendItem(*root->Get("e"), Value("3"));  // a string after numbers
  std::string out = Check(doc, e);
  CHECK(out == "a: [\"x\", \"y\", \"z\"]\nb: ['w', 'x']\nc: [x, \"on\", 'y', 'z']\nd: [z]\ne: [1, 2, \"3\"]\n");

  std::string json = "{\"hosts\": [1, \"a\"]}\n";
  Document jdoc = Doc(json);
  Edits j(jdoc);
  j.InsertItemBefore(*jdoc.tree().root()->Get("hosts"), 0, Value("b"));  // JSON: no plain string
  CHECK(Check(jdoc, j) == "{\"hosts\": [\"b\", 1, \"a\"]}\n");
}

TEST_CASE("an added key's string value copies the quoting its mapping's values share", "[edits][quoting]") {
  std::string text =
      "metadata:\n  annotations:\n    a: \"1\"\n    b: \"x\"\n  labels:\n    a: x\n    b: \"y\"\n"
      "spec:\n  to: {kind: 'Service'}\n  list:\n  - x\n";
  Document doc = Doc(text);
  const Node* root = doc.tree().root();
  Edits e(doc);
  e.AddKey(*root->At("metadata.annotations"), "c", Value("two"));
  e.AddKey(*root->At("metadata.labels"), "c", Value("z"));  // mixed: plain when safe
  e.AddKey(*root->At("spec.to"), "name", Value("svc"));
  e.AddKey(*root->Get("spec"), "more", Value("yes"));  // no scalar value: plain when safe
  CHECK(Check(doc, e) ==
        "metadata:\n  annotations:\n    a: \"1\"\n    b: \"x\"\n    c: \"two\"\n  labels:\n    a: x\n    b: \"y\"\n"
        "    c: z\nspec:\n  to: {kind: 'Service', name: 'svc'}\n  list:\n  - x\n  more: \"yes\"\n");
}
