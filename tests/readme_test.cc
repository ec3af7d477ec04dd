// README.md's first screen: what it shows of hostgraft is what hostgraft
// does to the bundled example, and its test command is the one CI runs.
#include <catch2/catch.hpp>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

// The body of each fenced block of `markdown` in order, with its language.
std::vector<std::pair<std::string, std::string>> FencedBlocks(const std::string& markdown) {
  std::vector<std::pair<std::string, std::string>> blocks;
  size_t at = 0;
  while ((at = markdown.find("```", at)) != std::string::npos) {
    size_t info_end = markdown.find('\n', at);
    size_t close = markdown.find("\n```", info_end);
    REQUIRE(close != std::string::npos);
    blocks.emplace_back(markdown.substr(at + 3, info_end - at - 3),
                        markdown.substr(info_end + 1, close + 1 - info_end - 1));
    at = markdown.find('\n', close + 4);
    if (at == std::string::npos) break;
  }
  return blocks;
}

}  // namespace

TEST_CASE("readme: the before and after on the first screen are the registry example's input and diff",
          "[readme]") {
  std::string readme = ReadFile(Source("README.md"));
  auto blocks = FencedBlocks(readme);
  REQUIRE(blocks.size() >= 4);
  CHECK(blocks[0].first == "yaml");
  CHECK(ReadFile(Source("testdata/registry/helm3.yaml")).find(blocks[0].second) != std::string::npos);
  CHECK(blocks[1].first == "diff");
  CHECK(Count(blocks[1].second, "\n+    - issuer: https://keycloak.example.com/") == 1);
  // The golden is what `hostgraft diff` prints for that render (diff_test).
  CHECK(ReadFile(Source("testdata/registry/expected/helm3.diff")).find(blocks[1].second) != std::string::npos);
  // Then the two commands, on the first screen.
  CHECK(blocks[2].first == "sh");
  CHECK(blocks[3].first == "sh");
  CHECK(Count(readme.substr(0, readme.find(blocks[3].second)), "\n") < 60);
  CHECK(blocks[2].second.find("build/hostgraft render -f testdata/registry/values-platform.yaml") != std::string::npos);
  CHECK(blocks[3].second.find("ctest --test-dir build --output-on-failure --no-tests=error") != std::string::npos);
  CHECK(ReadFile(Source(".ci/run")).find("\n" + blocks[3].second) != std::string::npos);
}
