#include "unified_diff.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "test_support.h"

namespace hostgraft {
namespace {

using test::ReadFile;
using test::Source;

// The hunks GNU diff -u prints for a and b: its output without the two
// ---/+++ lines (they carry file names and times).
std::string GnuHunks(const std::string& a, const std::string& b) {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/a", a);
  test::WriteFile(dir + "/b", b);
  test::RunResult r = test::RunProgram({"diff", "-u", dir + "/a", dir + "/b"});
  INFO(r.err);
  REQUIRE(r.exit_code == (a == b ? 0 : 1));
  if (a == b) return {};
  size_t second = r.out.find('\n', r.out.find('\n') + 1);
  return r.out.substr(second + 1);
}

// Rebuilds b from a and the hunks, as patch would: every context and
// deleted line must be a's line at that place.
std::string Apply(const std::string& a, const std::string& hunks) {
  std::vector<std::string_view> lines = SplitLines(a);
  std::string b;
  size_t next = 0;  // next line of a not yet copied
  std::vector<std::string_view> diff = SplitLines(hunks);
  for (size_t i = 0; i < diff.size(); ++i) {
    std::string_view line = diff[i];
    std::string_view text = line.substr(1);
    bool newline = !(i + 1 < diff.size() && diff[i + 1].starts_with("\\ No newline"));
    std::string body = std::string(text.substr(0, text.size() - 1)) + (newline ? "\n" : "");
    switch (line[0]) {
      case '@': {
        size_t from = std::stoul(std::string(line.substr(4)));
        size_t count_at = line.find(',');
        bool empty = count_at < line.find(' ', 4) && line.substr(count_at, 3) == ",0 ";
        size_t first = empty ? from : from - 1;
        for (; next < first; ++next) b += lines.at(next);
        break;
      }
      case ' ':
        REQUIRE(std::string(lines.at(next)) == body);
        b += lines.at(next++);
        break;
      case '-':
        REQUIRE(std::string(lines.at(next)) == body);
        ++next;
        break;
      case '+': b += body; break;
      case '\\': break;
      default: FAIL("unexpected diff line: " << line);
    }
  }
  for (; next < lines.size(); ++next) b += lines[next];
  return b;
}

// The number of changed lines of a shortest edit script: n + m - 2 LCS.
size_t ShortestEdit(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<size_t>> lcs(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  return a.size() + b.size() - 2 * lcs[0][0];
}

size_t Count(const std::vector<bool>& flags) { return std::count(flags.begin(), flags.end(), true); }

// Small deterministic generator (the tests must not depend on a seed).
struct Lcg {
  uint64_t state;
  uint32_t Next(uint32_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33) % bound;
  }
};

std::string RandomText(Lcg* rng, const std::vector<std::string>& alphabet, size_t max_lines) {
  std::string text;
  size_t lines = rng->Next(static_cast<uint32_t>(max_lines + 1));
  for (size_t i = 0; i < lines; ++i) text += alphabet[rng->Next(static_cast<uint32_t>(alphabet.size()))] + "\n";
  // Now and then a last line without its newline.
  if (!text.empty() && rng->Next(5) == 0) text.pop_back();
  return text;
}

// A copy of `a` with a few lines deleted, inserted or replaced: what an
// edit of a document looks like.
std::string Edit(Lcg* rng, const std::string& a, const std::vector<std::string>& alphabet) {
  std::vector<std::string_view> lines = SplitLines(a);
  std::string b;
  for (std::string_view line : lines) {
    uint32_t r = rng->Next(10);
    if (r == 0) continue;
    if (r == 1) b += alphabet[rng->Next(static_cast<uint32_t>(alphabet.size()))] + "\n";
    b += line;
    if (b.back() != '\n' && r == 2) b += "\n";
  }
  return b;
}

TEST_CASE("unified diff: equal texts have no hunks", "[diff][unified-diff]") {
  CHECK(UnifiedHunks("", "") == "");
  CHECK(UnifiedHunks("a\nb\n", "a\nb\n") == "");
  CHECK(UnifiedHunks("a\nb", "a\nb") == "");
}

TEST_CASE("unified diff: known hunks", "[diff][unified-diff]") {
  SECTION("one line replaced in the middle, three lines of context each side") {
    CHECK(UnifiedHunks("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n") ==
          "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  }
  SECTION("a file from nothing and to nothing") {
    CHECK(UnifiedHunks("", "a\nb\n") == "@@ -0,0 +1,2 @@\n+a\n+b\n");
    CHECK(UnifiedHunks("a\n", "") == "@@ -1 +0,0 @@\n-a\n");
  }
  SECTION("an insertion, with and without context: an empty range names the line before it") {
    CHECK(UnifiedHunks("a\nb\n", "a\nx\nb\n") == "@@ -1,2 +1,3 @@\n a\n+x\n b\n");
    CHECK(UnifiedHunks("a\n", "x\na\n") == "@@ -1 +1,2 @@\n+x\n a\n");
    CHECK(UnifiedHunks("a\nb\n", "a\nx\nb\n", false, 0) == "@@ -1,0 +2 @@\n+x\n");
  }
  SECTION("changes 6 lines apart share a hunk, 7 apart do not") {
    std::string a = "0\n1\n2\n3\n4\n5\n6\n7\n8\n";
    CHECK(UnifiedHunks(a, "x\n1\n2\n3\n4\n5\n6\ny\n8\n") ==
          "@@ -1,9 +1,9 @@\n-0\n+x\n 1\n 2\n 3\n 4\n 5\n 6\n-7\n+y\n 8\n");
    std::string b = "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    CHECK(UnifiedHunks(b, "x\n1\n2\n3\n4\n5\n6\n7\ny\n9\n") ==
          "@@ -1,4 +1,4 @@\n-0\n+x\n 1\n 2\n 3\n@@ -6,5 +6,5 @@\n 5\n 6\n 7\n-8\n+y\n 9\n");
  }
  SECTION("a last line without its newline") {
    CHECK(UnifiedHunks("a\nb", "a\nb\n") == "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    CHECK(UnifiedHunks("a\nb", "x\nb") == "@@ -1,2 +1,2 @@\n-a\n+x\n b\n\\ No newline at end of file\n");
  }
  SECTION("an inserted line equal to the one after a change joins the change, as GNU diff slides it") {
    CHECK(UnifiedHunks("x\nb\nc\n", "y\nb\nb\nc\n") == "@@ -1,3 +1,4 @@\n-x\n+y\n+b\n b\n c\n");
  }
}

TEST_CASE("unified diff: colour marks hunk headers cyan, deletions red, insertions green", "[diff][unified-diff]") {
  CHECK(UnifiedHunks("a\nb\n", "a\nc\n", true) ==
        "\x1b[36m@@ -1,2 +1,2 @@\x1b[m\n a\n\x1b[31m-b\x1b[m\n\x1b[32m+c\x1b[m\n");
  std::string header;
  AppendDiffLine(DiffLineKind::kHeader, "--- a/x", true, &header);
  AppendDiffLine(DiffLineKind::kHeader, "+++ b/x", false, &header);
  CHECK(header == "\x1b[1m--- a/x\x1b[m\n+++ b/x\n");
}

TEST_CASE("unified diff: random edits give a shortest script that rebuilds b", "[diff][unified-diff]") {
  Lcg rng{5};
  const std::vector<std::string> alphabet = {"a", "b", "c", "- name: x", "  value: y", ""};
  for (int round = 0; round < 400; ++round) {
    std::string a = RandomText(&rng, alphabet, 40);
    std::string b = round % 2 ? RandomText(&rng, alphabet, 40) : Edit(&rng, a, alphabet);
    INFO("a:\n" << a << "\nb:\n" << b);
    std::vector<std::string_view> la = SplitLines(a), lb = SplitLines(b);
    LineChanges c = DiffLines(la, lb);
    CHECK(Count(c.deleted) + Count(c.inserted) == ShortestEdit(la, lb));
    CHECK(Apply(a, UnifiedHunks(a, b)) == b);
  }
}

// Where several scripts are equally short, the choice is GNU diff's too:
// the same hunks, line for line.
TEST_CASE("unified diff: the same hunks as GNU diff -u", "[diff][unified-diff]") {
  SECTION("random texts of a few lines that repeat, and edits of them") {
    Lcg rng{17};
    const std::vector<std::string> alphabet = {"a", "b", "c", "- name: x", "  value: y", ""};
    for (int round = 0; round < 150; ++round) {
      std::string a = RandomText(&rng, alphabet, 40);
      std::string b = round % 2 ? RandomText(&rng, alphabet, 40) : Edit(&rng, a, alphabet);
      INFO("a:\n" << a << "\nb:\n" << b);
      CHECK(UnifiedHunks(a, b) == GnuHunks(a, b));
    }
  }
  SECTION("edits of documents of mostly distinct lines") {
    Lcg rng{29};
    const std::vector<std::string> repeated = {"", "  - name: x", "    port: 80"};
    for (int round = 0; round < 150; ++round) {
      std::vector<std::string> alphabet = repeated;
      for (int i = 0; i < 8; ++i) alphabet.push_back("key" + std::to_string(round) + "-" + std::to_string(i) + ": v");
      std::string a;
      for (size_t i = 0, n = rng.Next(200); i < n; ++i)
        a += (rng.Next(2) == 0 ? repeated[rng.Next(3)] : "line " + std::to_string(i)) + "\n";
      std::string b = Edit(&rng, a, alphabet);
      INFO("a:\n" << a << "\nb:\n" << b);
      CHECK(UnifiedHunks(a, b) == GnuHunks(a, b));
    }
  }
  SECTION("the registry and ICS renders, whole streams") {
    for (const char* pair : {"registry/helm3.yaml", "registry/helm4.yaml", "registry/plain.yaml",
                             "registry/platform-helm3.yaml", "registry/fidelity-helm3.yaml", "ics/helm3-placeholders.yaml",
                             "ics/helm3-empty.yaml", "ics/helm4-placeholders.yaml"}) {
      std::string name = pair;
      size_t slash = name.find('/');
      INFO(name);
      std::string input = ReadFile(Source("testdata/" + name));
      std::string output = ReadFile(Source("testdata/" + name.substr(0, slash) + "/expected" + name.substr(slash)));
      CHECK(UnifiedHunks(input, output) == GnuHunks(input, output));
    }
  }
}

}  // namespace
}  // namespace hostgraft
