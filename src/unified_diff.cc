#include "unified_diff.h"

#include <algorithm>
#include <cstddef>
#include <unordered_map>

namespace hostgraft {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t begin = 0; begin < text.size();) {
    size_t nl = text.find('\n', begin);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(begin, end - begin));
    begin = end;
  }
  return lines;
}

namespace {

// Line flags with a false sentinel before the first line and after the
// last, which SlideRuns reads.
class Flags {
 public:
  explicit Flags(size_t lines) : flags_(lines + 2, 0) {}
  char& operator[](ptrdiff_t line) { return flags_[line + 1]; }

 private:
  std::vector<char> flags_;
};

// Myers' linear-space algorithm ("An O(ND) Difference Algorithm and Its
// Variations", 1986, section 4b) over line numbers: the middle of a shortest
// path splits the problem in two, recursively, after common prefixes and
// suffixes are trimmed. Where several paths are equally short, it chooses
// as GNU diff does: forward steps prefer a deletion, diagonals are searched
// from the highest, and a meeting found by the backward search splits at
// the backward path's point.
class Myers {
 public:
  // a and b: the lines taking part, as numbers (equal for equal text);
  // line_a/line_b: their line numbers in the files.
  Myers(std::vector<int> a, std::vector<int> b, std::vector<ptrdiff_t> line_a, std::vector<ptrdiff_t> line_b,
        Flags* deleted, Flags* inserted)
      : a_(std::move(a)), b_(std::move(b)), line_a_(std::move(line_a)), line_b_(std::move(line_b)),
        deleted_(*deleted), inserted_(*inserted),
        // Diagonals k = x - y run from -|b| to |a|, one more each side.
        forward_(a_.size() + b_.size() + 3), backward_(a_.size() + b_.size() + 3),
        offset_(static_cast<ptrdiff_t>(b_.size()) + 1) {}

  void Compare() { Compare(0, static_cast<ptrdiff_t>(a_.size()), 0, static_cast<ptrdiff_t>(b_.size())); }

 private:
  void Compare(ptrdiff_t a0, ptrdiff_t a1, ptrdiff_t b0, ptrdiff_t b1) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) ++a0, ++b0;
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) --a1, --b1;
    if (a0 == a1 || b0 == b1) {
      for (ptrdiff_t i = a0; i < a1; ++i) deleted_[line_a_[i]] = 1;
      for (ptrdiff_t j = b0; j < b1; ++j) inserted_[line_b_[j]] = 1;
      return;
    }
    // The ends differ, so the distance is at least 2 and the middle lies
    // strictly inside: both halves are smaller.
    ptrdiff_t x, y;
    Middle(a0, a1, b0, b1, &x, &y);
    Compare(a0, x, b0, y);
    Compare(x, a1, y, b1);
  }

  ptrdiff_t& Forward(ptrdiff_t k) { return forward_[k + offset_]; }
  ptrdiff_t& Backward(ptrdiff_t k) { return backward_[k + offset_]; }

  // Runs shortest paths from both corners at once, one step per round, each
  // diagonal holding the furthest x reached on it, until they overlap; the
  // overlap lies on a shortest path.
  void Middle(ptrdiff_t a0, ptrdiff_t a1, ptrdiff_t b0, ptrdiff_t b1, ptrdiff_t* x_mid, ptrdiff_t* y_mid) {
    const ptrdiff_t k_min = a0 - b1, k_max = a1 - b0;
    const ptrdiff_t forward_mid = a0 - b0, backward_mid = a1 - b1;
    // With an odd difference the paths meet after a forward step, else after
    // a backward one.
    const bool odd = (forward_mid - backward_mid) % 2 != 0;
    ptrdiff_t f_lo = forward_mid, f_hi = forward_mid, b_lo = backward_mid, b_hi = backward_mid;
    Forward(forward_mid) = a0;
    Backward(backward_mid) = a1;
    const ptrdiff_t unreached_backward = static_cast<ptrdiff_t>(a_.size()) + 1;
    while (true) {
      // One more diagonal each side while the grid has one, with an
      // unreached value beside it; else the band's parity shifts inward.
      if (f_lo > k_min) Forward(--f_lo - 1) = -1;
      else ++f_lo;
      if (f_hi < k_max) Forward(++f_hi + 1) = -1;
      else --f_hi;
      for (ptrdiff_t k = f_hi; k >= f_lo; k -= 2) {
        ptrdiff_t x = Forward(k - 1) >= Forward(k + 1) ? Forward(k - 1) + 1 : Forward(k + 1);
        ptrdiff_t y = x - k;
        while (x < a1 && y < b1 && a_[x] == b_[y]) ++x, ++y;
        Forward(k) = x;
        if (odd && b_lo <= k && k <= b_hi && Backward(k) <= x) {
          *x_mid = x;
          *y_mid = y;
          return;
        }
      }
      if (b_lo > k_min) Backward(--b_lo - 1) = unreached_backward;
      else ++b_lo;
      if (b_hi < k_max) Backward(++b_hi + 1) = unreached_backward;
      else --b_hi;
      for (ptrdiff_t k = b_hi; k >= b_lo; k -= 2) {
        ptrdiff_t x = Backward(k - 1) < Backward(k + 1) ? Backward(k - 1) : Backward(k + 1) - 1;
        ptrdiff_t y = x - k;
        while (x > a0 && y > b0 && a_[x - 1] == b_[y - 1]) --x, --y;
        Backward(k) = x;
        if (!odd && f_lo <= k && k <= f_hi && x <= Forward(k)) {
          *x_mid = x;
          *y_mid = y;
          return;
        }
      }
    }
  }

  const std::vector<int> a_, b_;
  const std::vector<ptrdiff_t> line_a_, line_b_;
  Flags& deleted_;
  Flags& inserted_;
  std::vector<ptrdiff_t> forward_, backward_;
  const ptrdiff_t offset_;
};

// Runs of changes slid the way GNU diff slides them: a run that could as
// well start or end one identical line later is moved back to join the run
// before it, then forward as far as it goes (joining the runs after it),
// then back to the last place where the other file has changes at the same
// point, so a deletion and an insertion pair up. So a block that repeats the
// lines around it (a twin rule after its original) shows where `diff -u`
// shows it. Positions in the other file are counted in unchanged lines: the
// u-th unchanged line of one file is matched to the u-th of the other.
void SlideRuns(const std::vector<int>& ids, Flags& changed, Flags& other, ptrdiff_t other_size) {
  // other_changes_at[u]: the other file has changed lines right after its
  // u-th unchanged line (before its first one for u = 0).
  std::vector<bool> other_changes_at(static_cast<size_t>(other_size) + 1);
  for (ptrdiff_t j = 0, u = 0; j < other_size; ++j) {
    if (other[j]) other_changes_at[u] = true;
    else ++u;
  }
  const ptrdiff_t n = static_cast<ptrdiff_t>(ids.size());
  ptrdiff_t i = 0, u = 0;  // line i, with u unchanged lines before it
  while (i < n) {
    if (!changed[i]) {
      ++i, ++u;
      continue;
    }
    ptrdiff_t start = i, end = i;
    while (changed[end]) ++end;
    ptrdiff_t length, paired;  // paired: an end where the other file changes too; n: none
    do {
      length = end - start;
      while (start > 0 && ids[start - 1] == ids[end - 1]) {
        changed[--start] = 1;
        changed[--end] = 0;
        --u;
        while (changed[start - 1]) --start;
      }
      paired = other_changes_at[u] ? end : n;
      while (end < n && ids[start] == ids[end]) {
        changed[start++] = 0;
        changed[end++] = 1;
        ++u;
        while (changed[end]) ++end;
        if (other_changes_at[u]) paired = end;
      }
    } while (length != end - start);
    for (; paired < end; --u) {
      changed[--start] = 1;
      changed[--end] = 0;
    }
    i = end;
  }
}

// Lines of a and b as numbers: equal numbers for equal lines.
void NumberLines(std::span<const std::string_view> a, std::span<const std::string_view> b, std::vector<int>* ids_a,
                 std::vector<int>* ids_b) {
  std::unordered_map<std::string_view, int> ids;
  auto number = [&](std::span<const std::string_view> lines, std::vector<int>* out) {
    out->reserve(lines.size());
    for (std::string_view line : lines) out->push_back(ids.emplace(line, static_cast<int>(ids.size())).first->second);
  };
  number(a, ids_a);
  number(b, ids_b);
}

// A run of changes: lines [a0, a1) of a replaced by [b0, b1) of b.
struct Change {
  size_t a0, a1, b0, b1;
};

std::vector<Change> Changes(const LineChanges& c) {
  std::vector<Change> changes;
  size_t i = 0, j = 0;
  const size_t n = c.deleted.size(), m = c.inserted.size();
  while (i < n || j < m) {
    if ((i < n && c.deleted[i]) || (j < m && c.inserted[j])) {
      Change change{i, i, j, j};
      while (i < n && c.deleted[i]) ++i;
      while (j < m && c.inserted[j]) ++j;
      change.a1 = i;
      change.b1 = j;
      changes.push_back(change);
    } else {
      ++i, ++j;
    }
  }
  return changes;
}

// "5", "5,3" or "4,0" (the line before an empty range), as diff -u writes a
// range of `count` lines from 0-based line `first`.
std::string Range(size_t first, size_t count) {
  if (count == 0) return std::to_string(first) + ",0";
  if (count == 1) return std::to_string(first + 1);
  return std::to_string(first + 1) + "," + std::to_string(count);
}

void AppendLines(DiffLineKind kind, char mark, std::span<const std::string_view> lines, bool colour, std::string* out) {
  for (std::string_view line : lines) {
    bool newline = !line.empty() && line.back() == '\n';
    AppendDiffLine(kind, std::string(1, mark) + std::string(newline ? line.substr(0, line.size() - 1) : line), colour,
                   out);
    if (!newline) *out += "\\ No newline at end of file\n";
  }
}

}  // namespace

LineChanges DiffLines(std::span<const std::string_view> a, std::span<const std::string_view> b) {
  std::vector<int> ids_a, ids_b;
  NumberLines(a, b, &ids_a, &ids_b);
  Flags deleted(a.size()), inserted(b.size());
  // A line with no equal in the other file is changed whatever the script.
  // As GNU diff does, such lines are set aside and the search runs on the
  // lines the two files share, which makes it choose among equally short
  // scripts the way GNU diff chooses.
  std::vector<bool> in_a(ids_a.size() + ids_b.size()), in_b(in_a.size());
  for (int id : ids_a) in_a[id] = true;
  for (int id : ids_b) in_b[id] = true;
  std::vector<int> kept_a, kept_b;
  std::vector<ptrdiff_t> line_a, line_b;
  for (size_t i = 0; i < ids_a.size(); ++i) {
    if (!in_b[ids_a[i]]) deleted[i] = 1;
    else kept_a.push_back(ids_a[i]), line_a.push_back(i);
  }
  for (size_t j = 0; j < ids_b.size(); ++j) {
    if (!in_a[ids_b[j]]) inserted[j] = 1;
    else kept_b.push_back(ids_b[j]), line_b.push_back(j);
  }
  Myers(std::move(kept_a), std::move(kept_b), std::move(line_a), std::move(line_b), &deleted, &inserted).Compare();
  SlideRuns(ids_a, deleted, inserted, static_cast<ptrdiff_t>(b.size()));
  SlideRuns(ids_b, inserted, deleted, static_cast<ptrdiff_t>(a.size()));
  LineChanges c;
  c.deleted.resize(a.size());
  c.inserted.resize(b.size());
  for (size_t i = 0; i < a.size(); ++i) c.deleted[i] = deleted[i];
  for (size_t j = 0; j < b.size(); ++j) c.inserted[j] = inserted[j];
  return c;
}

void AppendDiffLine(DiffLineKind kind, std::string_view text, bool colour, std::string* out) {
  const char* sgr = nullptr;
  if (colour) {
    switch (kind) {
      case DiffLineKind::kHeader: sgr = "\x1b[1m"; break;
      case DiffLineKind::kHunk: sgr = "\x1b[36m"; break;
      case DiffLineKind::kDeleted: sgr = "\x1b[31m"; break;
      case DiffLineKind::kInserted: sgr = "\x1b[32m"; break;
      case DiffLineKind::kContext: break;
    }
  }
  if (sgr) *out += sgr;
  *out += text;
  if (sgr) *out += "\x1b[m";
  *out += '\n';
}

std::string UnifiedHunks(std::string_view a, std::string_view b, bool colour, int context) {
  const std::vector<std::string_view> lines_a = SplitLines(a), lines_b = SplitLines(b);
  const std::vector<Change> changes = Changes(DiffLines(lines_a, lines_b));
  const size_t ctx = static_cast<size_t>(context);
  std::string out;
  for (size_t first = 0; first < changes.size();) {
    // A hunk takes every following change that is at most 2 * context
    // unchanged lines away: their contexts would touch.
    size_t last = first;
    while (last + 1 < changes.size() && changes[last + 1].a0 - changes[last].a1 <= 2 * ctx) ++last;
    const size_t lead = std::min(ctx, changes[first].a0);
    const size_t trail = std::min(ctx, lines_a.size() - changes[last].a1);
    const size_t a0 = changes[first].a0 - lead, b0 = changes[first].b0 - lead;
    const size_t a1 = changes[last].a1 + trail, b1 = changes[last].b1 + trail;
    AppendDiffLine(DiffLineKind::kHunk, "@@ -" + Range(a0, a1 - a0) + " +" + Range(b0, b1 - b0) + " @@", colour,
                   &out);
    std::span<const std::string_view> all_a(lines_a), all_b(lines_b);
    size_t i = a0;
    for (size_t k = first; k <= last; ++k) {
      const Change& c = changes[k];
      AppendLines(DiffLineKind::kContext, ' ', all_a.subspan(i, c.a0 - i), colour, &out);
      AppendLines(DiffLineKind::kDeleted, '-', all_a.subspan(c.a0, c.a1 - c.a0), colour, &out);
      AppendLines(DiffLineKind::kInserted, '+', all_b.subspan(c.b0, c.b1 - c.b0), colour, &out);
      i = c.a1;
    }
    AppendLines(DiffLineKind::kContext, ' ', all_a.subspan(i, a1 - i), colour, &out);
    first = last + 1;
  }
  return out;
}

}  // namespace hostgraft
