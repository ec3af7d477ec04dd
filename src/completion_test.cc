#include "completion.h"

#include <catch2/catch.hpp>

#include "command_table.h"

using namespace hostgraft;

// The scripts are driven in the real shells by tests/completion_test.cc;
// here, that each one is made from the whole table.
TEST_CASE("completion: each script names every command, option and value of the table", "[completion]") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    INFO(shell);
    const std::string script = CompletionScript(shell);
    REQUIRE_FALSE(script.empty());
    CHECK(script.find(std::string("made by `hostgraft completion ") + shell + "`") != std::string::npos);
    for (const std::string& word : CommandWords()) CHECK(script.find(word) != std::string::npos);
    for (const CommandSpec& c : Commands()) {
      if (!c.typed) continue;
      for (const OptionSpec* o : OptionsOf(c)) {
        INFO(o->name);
        // fish spells options without their dashes: -l fail-on, -s f.
        const std::string shell_name = std::string(shell) == "fish" ? "-l " + o->name.substr(2) : o->name;
        CHECK(script.find(shell_name) != std::string::npos);
        for (const std::string& choice : o->choices) CHECK(script.find(choice) != std::string::npos);
      }
      for (const std::string& choice : c.argument_choices) CHECK(script.find(choice) != std::string::npos);
    }
  }
  CHECK(CompletionScript("csh").empty());
}
