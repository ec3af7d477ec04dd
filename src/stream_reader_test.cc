#include "stream_reader.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>

using namespace hostgraft;

namespace {

Stream ReadOk(const std::string& text) {
  Stream s;
  Diagnostics d;
  bool ok = ReadStream(text, ReadLimits{}, &s, &d);
  INFO((d.all().empty() ? std::string() : FormatDiagnostic(d.all()[0])));
  REQUIRE(ok);
  return s;
}

std::string Joined(const Stream& s) {
  std::string out;
  for (const Document& d : s.documents) out += d.text;
  return out;
}

std::string FirstError(const std::string& text, ReadLimits limits = {}) {
  Stream s;
  Diagnostics d;
  CHECK_FALSE(ReadStream(text, limits, &s, &d));
  REQUIRE(!d.all().empty());
  CHECK(d.exit_code() == kExitBadInput);
  return FormatDiagnostic(d.all()[0]);
}

}  // namespace

TEST_CASE("documents split at column-0 markers, leading comments go with what follows", "[read]") {
  std::string text =
      "---\n# Source: a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n"
      "data:\n  x: |\n    ---\n    ...\n---\n# Source: b.yaml\nkind: Secret\n...\n# about c\n---\nkind: C\n";
  Stream s = ReadOk(text);
  REQUIRE(s.documents.size() == 3);
  CHECK(Joined(s) == text);
  CHECK(s.documents[0].kind == "ConfigMap");
  CHECK(s.documents[0].Resource() == "ConfigMap ns/a");
  CHECK(s.documents[1].text == "---\n# Source: b.yaml\nkind: Secret\n...\n");
  CHECK(s.documents[2].text == "# about c\n---\nkind: C\n");
  CHECK(s.documents[2].first_line == 16);
}

TEST_CASE("CRLF becomes LF, BOM and missing final newline are kept", "[read]") {
  Stream s = ReadOk("\xEF\xBB\xBFkind: A\r\n---\r\nkind: B");
  REQUIRE(s.documents.size() == 2);
  CHECK(s.documents[0].text == "\xEF\xBB\xBFkind: A\n");
  CHECK(s.documents[0].kind == "A");
  CHECK(s.documents[1].text == "---\nkind: B");
  CHECK_FALSE(s.ends_with_newline);
}

TEST_CASE("helm 4 filename annotation and JSON documents are recognised", "[read]") {
  Stream s = ReadOk(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n"
      "    postrenderer.helm.sh/postrender-filename: chart/templates/a.yaml\n---\n"
      "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"s\"}}\n");
  CHECK(s.helm4);
  CHECK(s.documents[0].helm4);
  CHECK(s.documents[1].json);
  CHECK(s.documents[1].kind == "Secret");
  CHECK(s.documents[1].name == "s");
}

TEST_CASE("empty documents and comment-only documents pass", "[read]") {
  std::string text = "---\n---\n# only a comment\n---\nkind: A\n";
  Stream s = ReadOk(text);
  CHECK(Joined(s) == text);
  CHECK(s.documents.size() == 3);
}

TEST_CASE("malformed input names document and line", "[read]") {
  CHECK(FirstError("kind: A\n---\nkind: B\nmetadata:\n  name: x\n  name: y\n") ==
        "error: document 2 (B x), line 6: duplicate mapping key \"name\" (first at line 5)\n"
        "  fix: keep one of the two: Helm would take the last one silently, hostgraft does not guess");
  CHECK(FirstError("a: \"unterminated\n") .find("document 1, line") != std::string::npos);
  CHECK(FirstError("a:\n\t- b\n").find("line 2") != std::string::npos);
  CHECK(FirstError("a: *nothing\n").find("alias *nothing refers to no anchor") != std::string::npos);
  CHECK(FirstError("   \n\n").find("no YAML documents") != std::string::npos);
  CHECK(FirstError("").find("Helm would install an empty release") != std::string::npos);
}

TEST_CASE("limits: depth, alias expansion, document size", "[read]") {
  std::string deep(300, '[');
  deep += std::string(300, ']');
  CHECK(FirstError(deep).find("nesting deeper than 256") != std::string::npos);
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  CHECK(FirstError(bomb).find("alias bomb") != std::string::npos);
  ReadLimits small;
  small.max_document_bytes = 8;
  CHECK(FirstError("a: 123456789\n", small) == "error: document 1, line 1: document is larger than 8 bytes");
}

TEST_CASE("limits: total input size and number of documents", "[read]") {
  ReadLimits small;
  small.max_input_bytes = 16;
  CHECK(FirstError("a: 1\n---\nb: 2\n---\nc: 3\n", small) ==
        "error: input is larger than 16 bytes\n"
        "  fix: set HOSTGRAFT_MAX_INPUT_MB to a larger number of MiB if the input is what you meant");
  small = {};
  small.max_documents = 2;
  CHECK(FirstError("a: 1\n---\nb: 2\n---\nc: 3\n", small) == "error: input has more than 2 documents");
  CHECK(ReadOk("a: 1\n---\nb: 2\n").documents.size() == 2);
}

TEST_CASE("limits: HOSTGRAFT_MAX_INPUT_MB sets the total input limit", "[read]") {
  struct Env {
    explicit Env(const char* v) { v ? setenv("HOSTGRAFT_MAX_INPUT_MB", v, 1) : unsetenv("HOSTGRAFT_MAX_INPUT_MB"); }
    ~Env() { unsetenv("HOSTGRAFT_MAX_INPUT_MB"); }
  };
  auto limit = [](const char* v, std::string* error) {
    Env env(v);
    ReadLimits limits;
    Diagnostics d;
    bool ok = ReadLimitsFromEnv(&limits, &d);
    *error = d.all().empty() ? "" : FormatDiagnostic(d.all()[0]);
    CHECK(ok == error->empty());
    return limits.max_input_bytes;
  };
  std::string error;
  CHECK(limit(nullptr, &error) == (size_t{1} << 30));
  CHECK(limit("3", &error) == (size_t{3} << 20));
  for (const char* bad : {"0", "-1", "1.5", "lots", "99999999999999999999", "1048577"}) {
    INFO(bad);
    limit(bad, &error);
    CHECK(error == std::string("error: HOSTGRAFT_MAX_INPUT_MB is \"") + bad +
                       "\", not a number of MiB from 1 to 1048576");
  }
}

TEST_CASE("manifest streams pass a duplicate key outside the identity, with a warning", "[read]") {
  std::string text = "kind: A\nmetadata:\n  name: x\nspec:\n  list:\n    - a: 1\n      a: 2\n";
  Stream s;
  Diagnostics d;
  REQUIRE(ReadStream(text, ManifestReadLimits(), &s, &d));
  REQUIRE(s.documents[0].duplicate_key);
  CHECK(s.documents[0].duplicate_key->key == "a");
  CHECK(s.documents[0].duplicate_key->path == "spec.list[0].a");
  CHECK(s.documents[0].duplicate_key->line == 7);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].severity == Severity::kWarning);
  CHECK(FormatDiagnostic(d.all()[0]).rfind("warning: document 1 (A x), spec.list[0].a, line 7: duplicate mapping key "
                                           "\"a\"", 0) == 0);
  // Other inputs (values, plugin configs) read with the default limits stay strict.
  Stream strict;
  Diagnostics errors;
  CHECK_FALSE(ReadStream(text, ReadLimits{}, &strict, &errors));
  CHECK(errors.exit_code() == kExitBadInput);
}

namespace {

// The split rule applied line by line, the way it is written down: a `---`
// line starts a document unless only comments, blank lines and directives
// came since the last boundary (and no `---` of their own); a `...` line
// ends one.
std::vector<std::string> SplitLineByLine(const std::string& s) {
  auto marker = [](std::string_view line, char c) {
    return line.size() >= 3 && line[0] == c && line[1] == c && line[2] == c &&
           (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\n');
  };
  auto content = [](std::string_view line) {
    size_t i = line.find_first_not_of(" \t\n");
    return i != std::string_view::npos && line[i] != '#' && !(i == 0 && line[0] == '%');
  };
  std::vector<size_t> starts{0};
  bool has_content = false, has_marker = false;
  for (size_t off = 0; off < s.size();) {
    size_t nl = s.find('\n', off);
    size_t end = nl == std::string::npos ? s.size() : nl + 1;
    std::string_view line = std::string_view(s).substr(off, end - off);
    if (marker(line, '-')) {
      if (off != starts.back() && (has_content || has_marker)) starts.push_back(off);
      has_marker = true;
      has_content = false;
    } else if (marker(line, '.')) {
      if (end < s.size()) starts.push_back(end);
      has_marker = has_content = false;
    } else if (content(line)) {
      has_content = true;
    }
    off = end;
  }
  std::vector<std::string> docs;
  for (size_t i = 0; i < starts.size(); ++i)
    docs.push_back(s.substr(starts[i], (i + 1 < starts.size() ? starts[i + 1] : s.size()) - starts[i]));
  return docs;
}

}  // namespace

TEST_CASE("stream reader: documents split where the line-by-line rule splits them, on 3,000 random streams",
          "[stream]") {
  const char* const kLines[] = {"---", "--- # c", "---\t", "--- a: 1", "...", "... # end", "# c", "", "  ",
                                "a: 1", "%YAML 1.2", "----", "--", " ---", "---x", "..x", "  # c", "b: [1,",
                                "- x", "k: |", "  ---"};
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = static_cast<int>(next() % 12); n >= 0; --n)
      text += std::string(kLines[next() % std::size(kLines)]) + "\n";
    if (next() % 3 == 0 && !text.empty()) text.pop_back();  // no final line break
    Stream s;
    Diagnostics d;
    ReadStream(text, ReadLimits{}, &s, &d);  // may refuse the YAML; the split is what counts
    std::vector<std::string> got;
    for (const Document& doc : s.documents) got.emplace_back(doc.text);
    INFO(text);
    REQUIRE(got == SplitLineByLine(text));
    int line = 1;
    for (const Document& doc : s.documents) {
      CHECK(doc.first_line == line);
      line += static_cast<int>(std::count(doc.text.begin(), doc.text.end(), '\n'));
    }
  }
}
