// "Did you mean": the closest of the known words to a mistyped one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hostgraft {

// Damerau-Levenshtein distance (optimal string alignment): insertions,
// deletions, substitutions and swaps of two adjacent characters count 1.
size_t EditDistance(std::string_view a, std::string_view b);

// The known word `typed` most likely meant, or "" when none is close: the
// nearest at distance at most max(1, n/3) capped at 2 and below n, where n
// is typed's length without leading dashes (so "-x" suggests nothing),
// else the only word that starts with typed (3 characters or more, dashes
// aside). Ties go to the earlier word.
std::string Closest(std::string_view typed, const std::vector<std::string>& known);

}  // namespace hostgraft
