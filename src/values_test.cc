#include "values.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>

#include "test_support.h"
#include "values_test_support.h"

namespace hostgraft {
namespace {

using test::TempDir;
using test::Show;
using test::WriteFile;

struct Loaded {
  bool ok = false;
  std::string values;
  std::vector<std::string> errors;
};

Loaded Load(const std::vector<std::string>& contents, const std::vector<std::string>& sets = {}) {
  std::string dir = TempDir();
  std::vector<std::string> files;
  for (size_t i = 0; i < contents.size(); ++i) {
    files.push_back(dir + "/values" + std::to_string(i + 1) + ".yaml");
    WriteFile(files.back(), contents[i]);
  }
  YAML::Node merged;
  Diagnostics diags;
  Loaded loaded;
  loaded.ok = LoadValues(files, sets, &merged, &diags);
  loaded.values = Show(merged);
  for (const Diagnostic& d : diags.all()) {
    CHECK(d.exit_code == kExitUsage);
    std::string text = FormatDiagnostic(d);
    size_t at = text.find(dir + "/");
    if (at != std::string::npos) text.erase(at, dir.size() + 1);
    loaded.errors.push_back(text);
  }
  CHECK(loaded.ok == loaded.errors.empty());
  return loaded;
}

std::string FileError(const std::string& text) {
  Loaded loaded = Load({text});
  CHECK_FALSE(loaded.ok);
  return loaded.errors.empty() ? "" : loaded.errors[0];
}

TEST_CASE("values files merge like Helm: maps deep-merge, lists and scalars replace", "[values]") {
  Loaded loaded = Load({"a: {b: 1, c: {d: 2}}\nlist: [1, 2]\ns: x\nm: {k: 1}\n",
                        "a: {c: {e: 3}}\nlist: [3]\ns: {n: 1}\nm: plain\nnew: \"q\"\n"});
  CHECK(loaded.ok);
  CHECK(loaded.values == "{a: {b: 1, c: {d: 2, e: 3}}, list: [3], s: {n: 1}, m: plain, new: \"q\"}");
}

TEST_CASE("a null in a later values file deletes the key", "[values]") {
  Loaded loaded = Load({"a: {b: 1, c: 2}\ns: x\nt: [1]\n", "a: {b: null}\ns: ~\nt:\nu: {v: ~, w: 1}\n"});
  CHECK(loaded.values == "{a: {c: 2}, u: {w: 1}}");
}

TEST_CASE("merging into an anchored map leaves its aliases alone", "[values]") {
  Loaded loaded = Load({"base: &b {x: 1}\nother: *b\n", "base: {y: 2}\n"});
  CHECK(loaded.values == "{base: {x: 1, y: 2}, other: {x: 1}}");
}

TEST_CASE("empty and comment-only values files are empty mappings", "[values]") {
  CHECK(Load({"", "# nothing\n", "---\n"}).values == "{}");
  CHECK(Load({}).values == "{}");
}

TEST_CASE("HOSTGRAFT_VALUES names the files when no -f is given", "[values]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a.yaml", "a: 1\nb: 1\n");
  WriteFile(dir + "/b.yaml", "b: 2\n");
  setenv("HOSTGRAFT_VALUES", (dir + "/a.yaml::" + dir + "/b.yaml:").c_str(), 1);
  YAML::Node merged;
  Diagnostics diags;
  CHECK(LoadValues({}, {}, &merged, &diags));
  CHECK(Show(merged) == "{a: 1, b: 2}");
  // -f wins over the environment.
  CHECK(LoadValues({dir + "/b.yaml"}, {}, &merged, &diags));
  CHECK(Show(merged) == "{b: 2}");
  setenv("HOSTGRAFT_VALUES", (dir + "/missing.yaml").c_str(), 1);
  CHECK_FALSE(LoadValues({}, {}, &merged, &diags));
  unsetenv("HOSTGRAFT_VALUES");
  REQUIRE(diags.all().size() == 1);
  CHECK(FormatDiagnostic(diags.all()[0]) == "error: " + dir +
                                                "/missing.yaml: cannot read values file: No such file or directory\n"
                                                "  fix: check the -f/--values arguments and HOSTGRAFT_VALUES");
}

TEST_CASE("option --set is applied after all files, in order", "[values]") {
  Loaded loaded = Load({"a: 1\nb: 1\n", "a: 2\n"}, {"b=3", "b=4,c=5"});
  CHECK(loaded.values == "{a: 2, b: 4, c: 5}");
}

TEST_CASE("a bad values file is an error with its file and line", "[values]") {
  CHECK(FileError("a: 1\nb: [1, 2\n") ==
        "error: values1.yaml, line 3: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)\n  fix: correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start with '*', '&', '!', '{' or '[')");
  CHECK(FileError("a: 1\nb: 2\na: 3\n") == "error: values1.yaml, line 3: duplicate mapping key \"a\" (first at line 1)\n  fix: keep one of the two: Helm would take the last one silently, hostgraft does not guess");
  CHECK(FileError("a:\n  b: 1\n  \"b\": 2\n") == "error: values1.yaml, line 3: duplicate mapping key \"b\" (first at line 2)\n  fix: keep one of the two: Helm would take the last one silently, hostgraft does not guess");
  CHECK(FileError("- a\n- b\n") == "error: values1.yaml, line 1: a values file must be a mapping at its top level, not a list\n  fix: write the values as key: value lines, as Helm's values.yaml");
  CHECK(FileError("just text\n") ==
        "error: values1.yaml, line 1: a values file must be a mapping at its top level, not a scalar\n  fix: write the values as key: value lines, as Helm's values.yaml");
  CHECK(FileError("a: 1\n---\nb: 2\n") ==
        "error: values1.yaml, line 2: a second YAML document begins here; one is expected\n  fix: split the documents into files of their own");
  CHECK(FileError("? [a, b]\n: 1\n") == "error: values1.yaml, line 1: a mapping key must be a plain or quoted string\n  fix: write the key as a string");
  CHECK(FileError("a: *nowhere\n") == "error: values1.yaml, line 1: alias *nowhere refers to no anchor defined before it\n  fix: define the anchor (&name) before the alias that uses it");
  CHECK(FileError("a: &x [*x]\n") == "error: values1.yaml, line 1: alias *x refers to no anchor defined before it\n  fix: define the anchor (&name) before the alias that uses it");
  CHECK(FileError("a: \"open\nb: 2\n") ==
        "error: values1.yaml, line 3: not valid YAML: found unexpected end of stream (while scanning a quoted scalar)\n  fix: correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start with '*', '&', '!', '{' or '[')");
  CHECK(FileError("a:\n\tb: 1\n") ==
        "error: values1.yaml, line 2: not valid YAML: found character that cannot start any token (while scanning for the next token)\n  fix: correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start with '*', '&', '!', '{' or '[')");
  std::string deep = "a: ";
  for (int i = 0; i < 300; ++i) deep += "[";
  CHECK(FileError(deep + "\n") == "error: values1.yaml, line 1: nesting deeper than 256 levels\n  fix: flatten the structure");
}

TEST_CASE("a lone comma, which yaml-cpp reads as nothing or hangs on, is refused fast", "[values]") {
  auto start = std::chrono::steady_clock::now();
  CHECK(FileError(",") ==
        "error: values1.yaml, line 1: not valid YAML: did not find expected node content (while parsing a block node)\n  fix: correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start with '*', '&', '!', '{' or '[')");
  CHECK(FileError("a: 1\n,\n") ==
        "error: values1.yaml, line 2: not valid YAML: did not find expected key (while parsing a block mapping)\n  fix: correct the YAML at that line (indent with spaces, not tabs; quote values that hold ': ' or start with '*', '&', '!', '{' or '[')");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("alias bombs and oversized values files are refused", "[values]") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 10; ++j) bomb += ", " + prev;
    bomb += "]\n";
  }
  CHECK(FileError(bomb) == "error: values1.yaml, line 6: aliases expand to more than 1000000 nodes (an alias bomb?)\n  fix: write the values out instead of nesting aliases");

  std::string big = "a: \"" + std::string(16u << 20, 'x') + "\"\n";
  CHECK(FileError(big) == "error: values1.yaml: values file is larger than 16 MiB\n"
                          "  fix: split it or remove what hostgraft does not need");
  Loaded loaded = Load({"a: 1\n", big, "b: [\n"});
  CHECK(loaded.errors.size() == 2);  // every file is checked
}

}  // namespace
}  // namespace hostgraft
