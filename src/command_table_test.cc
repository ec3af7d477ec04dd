#include "command_table.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "options.h"

using namespace hostgraft;

TEST_CASE("command table: every command is complete and names each option once", "[command-table]") {
  std::set<std::string> names;
  for (const CommandSpec& c : Commands()) {
    INFO(c.name);
    CHECK(names.insert(c.name).second);
    CHECK_FALSE(c.summary.empty());
    CHECK_FALSE(c.usage.empty());
    CHECK_FALSE(c.example.empty());
    CHECK(c.argument.empty() == (c.argument_kind == ValueKind::kNone));
    CHECK(c.argument_choices.empty() == (c.argument_kind != ValueKind::kChoice));
    std::set<std::string> options;
    for (const OptionSpec* o : OptionsOf(c)) {
      INFO(o->name);
      CHECK(o->name.starts_with("--"));
      CHECK((o->short_name.empty() || (o->short_name.size() == 2 && o->short_name[0] == '-')));
      CHECK(options.insert(o->name).second);
      if (!o->short_name.empty()) CHECK(options.insert(o->short_name).second);
      CHECK_FALSE(o->summary.empty());
      CHECK(o->value.empty() == !o->TakesValue());
      CHECK(o->choices.empty() == (o->kind != ValueKind::kChoice));
    }
  }
}

// The bash completion looks an option's value up by its name alone.
TEST_CASE("command table: an option means the same in every command that takes it", "[command-table]") {
  std::map<std::string, const OptionSpec*> seen;
  for (const CommandSpec& c : Commands())
    for (const OptionSpec* o : OptionsOf(c)) {
      auto [known, added] = seen.emplace(o->name, o);
      if (added) continue;
      INFO(c.name << " " << o->name);
      CHECK(known->second->short_name == o->short_name);
      CHECK(known->second->kind == o->kind);
      CHECK(known->second->value == o->value);
      CHECK(known->second->choices == o->choices);
    }
}

TEST_CASE("command table: look-ups", "[command-table]") {
  REQUIRE(FindCommand("vault put"));
  CHECK(FindCommand("vault") == nullptr);
  CHECK(FindCommand("bogus") == nullptr);
  const CommandSpec& lint = *FindCommand("lint");
  REQUIRE(FindOption(lint, "--fail-on"));
  CHECK(FindOption(lint, "--fail-on")->choices == std::vector<std::string>{"error", "warning", "never"});
  CHECK(FindOption(lint, "-f") == FindOption(lint, "--values"));
  CHECK(FindOption(lint, "-h") == &HelpOption());
  CHECK(FindOption(lint, "--portal") == nullptr);
  CHECK(FindOption(*FindCommand("version"), "--values") == nullptr);
  CHECK(FindOption(*FindCommand("version"), "--help") == &HelpOption());
  CHECK(CommandWords() == std::vector<std::string>{"render", "lint", "check-cert", "vault", "migrate", "krm", "diff",
                                                   "version", "help", "completion"});
  CHECK(JoinWords({"a"}) == "a");
  CHECK(JoinWords({"a", "b"}) == "a or b");
  CHECK(JoinWords({"a", "b", "c"}, "and") == "a, b and c");
}

// Each example is a command line the parser takes (in a directory that
// holds the ./secrets its --secrets files: names).
TEST_CASE("command table: every example parses", "[command-table]") {
  const std::filesystem::path before = std::filesystem::current_path();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("hostgraft-examples-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "secrets");
  std::filesystem::current_path(dir);
  for (const CommandSpec& c : Commands()) {
    if (!c.typed) continue;
    INFO(c.example);
    std::istringstream words(c.example);
    std::string word;
    std::vector<std::string> args;
    words >> word;
    REQUIRE(word == "hostgraft");
    for (size_t i = 0; words >> word;) {
      if (word[0] == '<' || word[0] == '>') break;
      if (i++ >= static_cast<size_t>(std::count(c.name.begin(), c.name.end(), ' ') + 1)) args.push_back(word);
    }
    Options options;
    options.command = c.name;
    Diagnostics diags;
    CHECK(ParseOptions(args, &options, &diags));
    CHECK_FALSE(diags.has_errors());
  }
  std::filesystem::current_path(before);
  std::filesystem::remove_all(dir);
}
