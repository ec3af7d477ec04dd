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
