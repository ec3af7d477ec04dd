// Line diffs printed the way `diff -u` prints them: a shortest edit script
// (Myers' O(ND) algorithm in linear space), its runs of changes slid the way
// GNU diff slides them, and hunks with context lines. hostgraft diff prints
// one per changed document.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hostgraft {

// The lines of a text, each with its '\n'; the last one has none when the
// text does not end in one.
std::vector<std::string_view> SplitLines(std::string_view text);

// Which lines a shortest edit script from a to b deletes from a and inserts
// from b; every other line of a is matched, in order, to one of b.
struct LineChanges {
  std::vector<bool> deleted;   // by line of a
  std::vector<bool> inserted;  // by line of b
};
LineChanges DiffLines(std::span<const std::string_view> a, std::span<const std::string_view> b);

// What a line of diff output is, for its colour.
enum class DiffLineKind { kHeader, kHunk, kDeleted, kInserted, kContext };

// Appends `text` (without its '\n') as one line of diff output: in bold,
// cyan, red or green when `colour` (for a terminal), plain otherwise.
void AppendDiffLine(DiffLineKind kind, std::string_view text, bool colour, std::string* out);

// The hunks of `diff -u a b`, everything after its ---/+++ lines, with
// `context` lines of context: "@@ -1,4 +1,5 @@", then " ", "-" and "+"
// lines, "\ No newline at end of file" after a last line without one.
// Empty when a == b.
std::string UnifiedHunks(std::string_view a, std::string_view b, bool colour = false, int context = 3);

}  // namespace hostgraft
