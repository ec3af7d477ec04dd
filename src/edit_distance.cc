#include "edit_distance.h"

#include <algorithm>

namespace hostgraft {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: the swap looks two rows back.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string Closest(std::string_view typed, const std::vector<std::string>& known) {
  const size_t length = typed.size() - std::min(typed.find_first_not_of('-'), typed.size());
  const size_t bound = std::min<size_t>(2, std::max<size_t>(1, length / 3));
  const std::string* best = nullptr;
  size_t best_distance = bound + 1;
  for (const std::string& word : known) {
    size_t d = EditDistance(typed, word);
    if (d < best_distance && d < length) {
      best = &word;
      best_distance = d;
    }
  }
  if (best) return *best;
  if (length < 3) return "";
  for (const std::string& word : known) {
    if (!word.starts_with(typed)) continue;
    if (best) return "";  // two words start so: no guess
    best = &word;
  }
  return best ? *best : "";
}

}  // namespace hostgraft
