#include "fast_scan.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "stream_reader.h"

using namespace hostgraft;

namespace {

// What a scan learned, as text: "-" for a field it did not set.
struct Facts {
  bool has_node = false;
  std::string api_version = "-", kind = "-", name = "-", namespace_ = "-";
  bool helm4 = false;

  bool operator==(const Facts&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Facts& f) {
  return out << "{node " << f.has_node << ", apiVersion " << f.api_version << ", kind " << f.kind << ", name "
             << f.name << ", namespace " << f.namespace_ << ", helm4 " << f.helm4 << "}";
}

// A document whose identity fields hold "-", so that fields a scan leaves
// alone stay visible.
Document Unscanned(const std::string& text) {
  Document doc;
  doc.index = 1;
  doc.text = text;
  doc.api_version = doc.kind = doc.name = doc.namespace_ = "-";
  return doc;
}

Facts FactsOf(const Document& doc) {
  return {doc.has_node, doc.api_version, doc.kind, doc.name, doc.namespace_, doc.helm4};
}

// The fast scan's facts, or nullopt when it defers.
std::optional<Facts> FastFacts(const std::string& text, const ReadLimits& limits = {}) {
  ScanFacts facts;
  if (!FastScanDocument(text, limits, &facts)) return std::nullopt;
  Document doc = Unscanned(text);
  ApplyScanFacts(facts, &doc);
  return FactsOf(doc);
}

bool LibyamlAccepts(const std::string& text, ReadLimits limits) {
  limits.fast_scan = false;
  Document doc = Unscanned(text);
  Diagnostics diags;
  return ScanDocument(&doc, limits, &diags);
}

// The libyaml scan's facts; it must accept the document without a word.
Facts LibyamlFacts(const std::string& text, ReadLimits limits = {}) {
  limits.fast_scan = false;
  Document doc = Unscanned(text);
  Diagnostics diags;
  INFO((diags.all().empty() ? std::string() : FormatDiagnostic(diags.all()[0])));
  REQUIRE(ScanDocument(&doc, limits, &diags));
  CHECK(diags.all().empty());
  CHECK_FALSE(doc.json);
  return FactsOf(doc);
}

struct Accepted {
  std::string yaml;
  Facts facts;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("fast scan: charts' block YAML is read with the facts libyaml reads", "[fast_scan]") {
  const Accepted cases[] = {
      {"---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n"
       "data:\n  app.yaml: |\n    server:\n      port: 8080\n",
       {true, "v1", "ConfigMap", "a", "ns", false}},
      {"apiVersion: v1\nkind: Secret\nmetadata:\n  annotations:\n"
       "    postrenderer.helm.sh/postrender-filename: chart/templates/s.yaml\n  name: s\n",
       {true, "v1", "Secret", "s", "-", true}},
      {"apiVersion: 'apps/v1'\nkind: \"Deployment\"\nmetadata:\n  name: 'web'\n  namespace: \"prod\"\n",
       {true, "apps/v1", "Deployment", "web", "prod", false}},
      {"\"kind\": A\n'apiVersion': v1\nmetadata:\n  \"name\": n\n", {true, "v1", "A", "n", "-", false}},
      {"kind: A # trailing comment\nmetadata:   \n  name: x   \n  namespace: y #z\n", {true, "-", "A", "x", "y", false}},
      {"kind:\nmetadata:\n  name:\n  namespace: # none\n", {true, "-", "", "", "", false}},
      {"kind:\n  nested: mapping\nmetadata:\n- name: in-a-sequence\n", {true, "-", "-", "-", "-", false}},
      {"spec:\n  metadata:\n    name: deeper\nkind: K\n", {true, "-", "K", "-", "-", false}},
      {"kind: List\nitems:\n- kind: ConfigMap\n  metadata:\n    name: inner\n", {true, "-", "List", "-", "-", false}},
      {"- - x\n  - y\n- - - z\n-\n- k: v\n  l:\n  - 1\n  -\n", {true, "-", "-", "-", "-", false}},
      {"a: |2\n    more\n  base\nb: >-\n  folded\n  text\nc: |+\n\nd: |-\n   x\n\n   y\ne: |\nkind: K\n",
       {true, "-", "K", "-", "-", false}},
      {"data:\n  s: |\n    --- \n    # text, not a comment\n    key: value\n     - x\n    \tafter the indentation\nkind: K\n",
       {true, "-", "K", "-", "-", false}},
      {"data:\n  s: |\n    a\ttab in the text\n  # a comment after the text\nkind: K\n", {true, "-", "K", "-", "-", false}},
      {"key with spaces: 1\na: x:y\nurl: http://h:8/p#f\nq: \"a: b # c\"\np: b #c\nkind: k:ind\n",
       {true, "-", "k:ind", "-", "-", false}},
      {"metadata:\n  name: \xC3\xA9t\xC3\xA9\n  namespace: \xF0\x9F\x99\x82\n", {true, "-", "-", "\xC3\xA9t\xC3\xA9",
                                                                            "\xF0\x9F\x99\x82", false}},
      {"  kind: A\n  metadata:\n    name: b\n", {true, "-", "A", "b", "-", false}},
      {"escapes: \"x\\ty\\u00e9\\\"\\\\\\/\\x41\\U0001F642\"\nsingle: 'it''s'\nkind: K\n", {true, "-", "K", "-", "-", false}},
      {"-x: 1\n?y: 2\n:z: 3\n---x: 4\nkind: '#'\n", {true, "-", "#", "-", "-", false}},
      {"", {}},
      {"---\n", {}},
      {"# only a comment\n\n   \n", {}},
      {"--- # a comment on the marker\n# Source: x\nkind: K", {true, "-", "K", "-", "-", false}},
  };
  for (const Accepted& c : cases) {
    INFO(c.yaml);
    std::optional<Facts> fast = FastFacts(c.yaml);
    REQUIRE(fast);
    CHECK(*fast == c.facts);
    CHECK(LibyamlFacts(c.yaml) == c.facts);
  }
}

TEST_CASE("fast scan: what is outside the subset is left to libyaml", "[fast_scan]") {
  const char* const deferred[] = {
      "a: &x 1\nb: *x\n",                // anchors and aliases
      "kind: !!str x\n",                 // tags
      "a: {b: 1}\n", "a: [1]\n", "{\"kind\": \"A\"}\n",  // flow collections
      "%YAML 1.1\n---\na: 1\n",          // directives
      "a: 1\n...\n",                     // document end
      "a: 1\n---\nb: 2\n",               // a second document
      "---\n---\n",                      // a second start
      "a:\tb\n", "a:\n\t- b\n", "a: b\t# c\n",  // tabs outside comments
      "? a\n: b\n",                      // complex keys
      "a: b\n  c\n", "- a\n  b\n",       // multi-line plain scalars
      "a: \"b\n  c\"\n", "a: 'b\n  c'\n",  // multi-line quoted scalars
      "\"a\\tb\": 1\n", "'a''b': 1\n",   // escapes in keys
      "kind: \"A\\u0042\"\n", "metadata:\n  name: 'it''s'\n",  // escapes in identity values
      "kind: |\n  A\n",                  // a block scalar as identity
      "a: |0\n  x\n", "a: |x\n", "a: |#c\n  x\n",  // block scalar headers
      "a: |\n  \tx\n", "a: |\n    x\n  \ty\n",       // tabs in a block scalar's indentation
      "a: 1\na: 2\n", "a: 1\n\"a\": 2\n", "s:\n  - k: 1\n    'k': 2\n",  // duplicate keys
      "just text\n", "\"quoted\"\n", "- |\n  x\n---\n",  // root scalars, a marker after content
      "a: \x01\n", "a: \xFF\n", "a: b\rc\n", "a: \x7F\n",  // bytes libyaml refuses
      "a: \xC2\x85\n", "a: \xE2\x80\xA8\n", "\xEF\xBB\xBF" "a: 1\n",  // NEL, LS, BOM
      "a: \xC0\xAF\n", "a: \xED\xA0\x80\n", "a: \xEF\xBF\xBE\n",  // overlong, surrogate, U+FFFE
      "a: 1\nb\n", "a:\n    b: 1\n  c: 2\n", "- a\nb: 1\n", "a: 1\n- b\n",  // structure libyaml refuses
      "a: b: c\n", "a: - b\n", "a: b:\n", "a: \"b\" c\n", "- \"a\" - b\n",
      "a: %x\n", "a: @x\n", "a: `x`\n", "a: ,\n",
      "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: \"\\uD800\"\n",  // bad escapes
  };
  for (const char* yaml : deferred) {
    INFO(yaml);
    CHECK_FALSE(FastFacts(yaml));
  }
  CHECK_FALSE(FastFacts(std::string(1100, 'k') + ": v\n"));  // a key libyaml would not wait for
}

TEST_CASE("fast scan: depth and node limits defer exactly where libyaml would refuse", "[fast_scan]") {
  ReadLimits limits;
  limits.max_depth = 3;
  CHECK(FastFacts("a:\n  b:\n    c: 1\n", limits) == LibyamlFacts("a:\n  b:\n    c: 1\n", limits));
  for (const char* deep : {"a:\n  b:\n    c:\n      d: 1\n", "- - - - x\n", "a:\n- b:\n  - c: 1\n"}) {
    INFO(deep);
    CHECK_FALSE(FastFacts(deep, limits));
    CHECK_FALSE(LibyamlAccepts(deep, limits));
  }
  limits = {};
  limits.max_alias_expansion = 5;  // the mapping, two keys, two values
  CHECK(FastFacts("a: 1\nb:\n", limits) == LibyamlFacts("a: 1\nb:\n", limits));
  CHECK_FALSE(FastFacts("a: 1\nb: 2\nc: 3\n", limits));
  CHECK_FALSE(LibyamlAccepts("a: 1\nb: 2\nc: 3\n", limits));
  limits.max_alias_expansion = 0;  // even the empty scalar of a lone `---` is a node
  CHECK_FALSE(FastFacts("---\n", limits));
  CHECK_FALSE(LibyamlAccepts("---\n", limits));
  CHECK(FastFacts("# nothing\n", limits) == LibyamlFacts("# nothing\n", limits));
}

TEST_CASE("fast scan: a rescan overwrites only the identity fields it reads, like libyaml's", "[fast_scan]") {
  std::string text = "kind: B\nmetadata:\n  labels:\n    a: b\n";
  ScanFacts facts;
  REQUIRE(FastScanDocument(text, ReadLimits{}, &facts));
  Document fast = Unscanned(text);
  ApplyScanFacts(facts, &fast);
  CHECK(FactsOf(fast) == Facts{true, "-", "B", "-", "-", false});
  CHECK(LibyamlFacts(text) == FactsOf(fast));
}

TEST_CASE("fast scan: ScanDocument takes the fast path and falls back to libyaml", "[fast_scan]") {
  for (bool fast : {true, false}) {
    ReadLimits limits = ManifestReadLimits();
    limits.fast_scan = fast;
    Stream stream;
    Diagnostics diags;
    REQUIRE(ReadStream("kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata: {name: b}\n---\nkind: C\nx: 1\nx: 2\n",
                       limits, &stream, &diags));
    REQUIRE(stream.documents.size() == 3);
    CHECK(stream.documents[0].Resource() == "A a");
    CHECK(stream.documents[1].Resource() == "B b");
    REQUIRE(stream.documents[2].duplicate_key);
    CHECK(stream.documents[2].duplicate_key->key == "x");
    CHECK(diags.all().size() == 1);
  }
}

TEST_CASE("fast scan: the bench generator's documents take the fast path with libyaml's facts", "[fast_scan]") {
  std::string out = (std::filesystem::temp_directory_path() / "hostgraft-fast-scan-XXXXXX").string();
  REQUIRE(mkdtemp(out.data()));
  std::string command = "python3 " HOSTGRAFT_SOURCE_DIR "/bench/gen.py --out " + out + " --sizes 400";
  REQUIRE(std::system(command.c_str()) == 0);
  for (const char* file : {"untouched.yaml", "stream.yaml"}) {
    INFO(file);
    std::string input = ReadFile(std::filesystem::path(out) / "400" / file);
    ReadLimits libyaml_only = ManifestReadLimits();
    libyaml_only.fast_scan = false;
    Stream stream;
    Diagnostics diags;
    REQUIRE(ReadStream(input, libyaml_only, &stream, &diags));
    size_t fast = 0;
    for (const Document& doc : stream.documents) {
      ScanFacts facts;
      if (!FastScanDocument(doc.Body(), libyaml_only, &facts)) continue;
      ++fast;
      Document fresh;
      ApplyScanFacts(facts, &fresh);
      CHECK(FactsOf(fresh) == FactsOf(doc));
    }
    CHECK(stream.documents.size() >= 400);
    CHECK(fast * 100 >= stream.documents.size() * 99);
  }
  std::filesystem::remove_all(out);
}
