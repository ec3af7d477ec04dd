#include "edit_distance.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

TEST_CASE("edit distance counts insertions, deletions, substitutions and adjacent swaps", "[edit-distance]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("render", "render") == 0);
  CHECK(EditDistance("rendr", "render") == 1);         // deletion
  CHECK(EditDistance("renderr", "render") == 1);       // insertion
  CHECK(EditDistance("linr", "lint") == 1);            // substitution
  CHECK(EditDistance("--fial-on", "--fail-on") == 1);  // swap
  CHECK(EditDistance("ab", "ba") == 1);
  CHECK(EditDistance("kitten", "sitting") == 3);
  // Optimal string alignment: a swapped pair is not edited again.
  CHECK(EditDistance("ca", "abc") == 3);
}

TEST_CASE("Closest suggests only near words", "[edit-distance]") {
  const std::vector<std::string> commands{"render", "lint", "check-cert", "vault", "migrate", "krm", "diff"};
  CHECK(Closest("rendr", commands) == "render");
  CHECK(Closest("lnit", commands) == "lint");
  CHECK(Closest("migrat", commands) == "migrate");
  CHECK(Closest("check-crt", commands) == "check-cert");
  CHECK(Closest("dif", commands) == "diff");
  CHECK(Closest("bogus", commands) == "");
  CHECK(Closest("xyz", commands) == "");
  // Short words allow one edit, and never a whole word's worth.
  CHECK(Closest("km", commands) == "krm");
  CHECK(Closest("x", {"v"}) == "");
  CHECK(Closest("rndrr", commands) == "");  // two edits in five letters is too far

  const std::vector<std::string> options{"--values", "--set",     "--secrets", "--at",      "--verbose",
                                         "--format", "--fail-on", "--input",   "--out-dir", "--from-route"};
  CHECK(Closest("--fial-on", options) == "--fail-on");
  CHECK(Closest("--value", options) == "--values");
  CHECK(Closest("--secret", options) == "--secrets");
  CHECK(Closest("--fromat", options) == "--format");
  CHECK(Closest("-x", options) == "");
  // No near word: the one option the text begins.
  CHECK(Closest("--out", options) == "--out-dir");
  CHECK(Closest("--fr", options) == "");  // too short to guess from
  CHECK(Closest("--f", options) == "");
  // Ties go to the earlier word.
  CHECK(Closest("--sat", {"--set", "--at"}) == "--set");
}
