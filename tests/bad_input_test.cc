// Malformed streams: each is exit 4 with empty stdout, names the document
// and line, and ends within a second (yaml-cpp 0.7 would hang on some).
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

struct BadCase {
  const char* name;
  std::string input;
  const char* message;  // fragment of stderr
  int document;         // 0: the whole stream
  int line;             // 0: not checked
};

std::vector<BadCase> Cases() {
  std::string ok = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n";
  return {
      {"lone comma", ",\n", "not valid YAML", 1, 1},
      {"lone comma after a good document", ok + "---\n,\n", "not valid YAML", 2, 6},
      {"unterminated double quote", ok + "---\na: \"abc\nb: 1\n", "not valid YAML", 2, 0},
      {"unterminated single quote", "a: 'abc\n", "not valid YAML", 1, 0},
      {"tab indentation", "a:\n\tb: 1\n", "not valid YAML", 1, 2},
      // A duplicate key that makes the resource's identity ambiguous.
      {"duplicate kind", ok + "---\nkind: A\nkind: B\n", "duplicate mapping key \"kind\" (first at line 6): the resource's identity is ambiguous", 2, 7},
      {"duplicate name", "kind: A\nmetadata:\n  name: a\n  name: b\n", "duplicate mapping key \"name\"", 1, 4},
      {"duplicate namespace in flow style", "{kind: A, metadata: {namespace: a, namespace: b}}\n",
       "duplicate mapping key \"namespace\"", 1, 1},
      {"duplicate apiVersion in JSON", "{\"apiVersion\": \"v1\", \"apiVersion\": \"v2\"}\n",
       "duplicate mapping key \"apiVersion\"", 1, 1},
      {"unclosed flow sequence", "a: [1, 2\n", "not valid YAML", 1, 0},
      {"unclosed flow mapping", "a: {b: 1\n", "not valid YAML", 1, 0},
      {"stray closing bracket", "a: [1]]\n", "not valid YAML", 1, 1},
      {"bad indentation", "a:\n  b: 1\n c: 2\n", "not valid YAML", 1, 3},
      {"mapping in a sequence line", "- a\nb: 1\n", "not valid YAML", 1, 2},
      {"undefined alias", "a: *x\n", "refers to no anchor", 1, 1},
      {"alias bomb", [] {
         std::string s = "a: &a [x, x, x, x, x, x, x, x, x]\n";
         for (char c = 'b'; c <= 'j'; ++c) {
           std::string p(1, static_cast<char>(c - 1));
           s += std::string(1, c) + ": &" + c + " [*" + p + ",*" + p + ",*" + p + ",*" + p + ",*" + p + ",*" + p +
                ",*" + p + ",*" + p + ",*" + p + "]\n";
         }
         return s;
       }(), "alias bomb", 1, 0},
      {"nesting too deep", std::string(300, '[') + std::string(300, ']') + "\n", "nesting deeper than 256", 1, 1},
      {"nesting too deep in block style", [] {
         std::string s;
         for (int i = 0; i < 300; ++i) s += std::string(i * 1, ' ') + "a:\n";
         return s;
       }(), "nesting deeper than 256", 1, 0},
      {"empty input", "", "no YAML documents", 0, 0},
      {"whitespace only", "  \n\n   \n", "no YAML documents", 0, 0},
      {"only markers", "---\n...\n", "no YAML documents", 0, 0},
      {"only comments", "# nothing\n---\n# here\n", "no YAML documents", 0, 0},
      {"bad escape", "a: \"\\q\"\n", "not valid YAML", 1, 1},
      {"invalid UTF-8", "a: \xff\xfe\n", "not valid YAML", 1, 0},
      {"control character", std::string("a: b\x01\n"), "not valid YAML", 1, 0},
      {"unknown directive then nothing", "%YAML 9.9\n---\na: 1\n", "not valid YAML", 1, 0},
      {"block scalar with bad indicator", "a: |x\n  b\n", "not valid YAML", 1, 1},
      {"anchor without node in flow", "[&a]\n", "", 1, 0},
      {"colon in flow key position", "{a: b: c}\n", "not valid YAML", 1, 1},
      {"CRLF with duplicate key", "kind: A\r\nkind: A\r\n", "duplicate mapping key \"kind\"", 1, 2},
  };
}

}  // namespace

TEST_CASE("bad input: exit 4, empty stdout, document and line named, fast", "[bad-input]") {
  int checked = 0;
  for (const BadCase& c : Cases()) {
    RunResult r = Run({"render", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"}, c.input, {}, 5);
    INFO(c.name << "\nstderr: " << r.err);
    if (std::string(c.message).empty() && r.exit_code == 0) continue;  // libyaml accepts it: fine
    ++checked;
    CHECK(r.exit_code == 4);
    CHECK(r.out.empty());
    CHECK(r.seconds < 1.0);
    CHECK(r.err.find(c.message) != std::string::npos);
    if (c.document > 0) CHECK(r.err.find("document " + std::to_string(c.document)) != std::string::npos);
    if (c.line > 0) CHECK(r.err.find("line " + std::to_string(c.line)) != std::string::npos);
  }
  CHECK(checked >= 25);
}

TEST_CASE("bad input: the error is appended to HOSTGRAFT_ERROR_LOG", "[bad-input]") {
  std::string log = TempDir() + "/state/last-error.log";
  RunResult r = Run({"-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"}, "kind: A\nkind: B\n", {{"HOSTGRAFT_ERROR_LOG", log}});
  CHECK(r.exit_code == 4);
  std::string logged = ReadFile(log);
  CHECK(logged.find("hostgraft render (exit 4)") != std::string::npos);
  CHECK(logged.find("document 1 (A (unnamed)), line 2: duplicate mapping key \"kind\"") != std::string::npos);
  r = Run({"-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"}, "", {{"HOSTGRAFT_ERROR_LOG", log}});
  CHECK(ReadFile(log).find("no YAML documents") != std::string::npos);
  CHECK(ReadFile(log).find(logged) == 0);  // appended, not replaced
}
