#include "help_text.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

// The full texts are golden files (tests/cli_test.cc); here, what each must hold.
TEST_CASE("help: the usage lists every command with its summary, and the shared options", "[help]") {
  const std::string usage = GlobalUsage();
  CHECK(usage.starts_with("usage: hostgraft [COMMAND] [options]"));
  for (const CommandSpec& c : Commands()) {
    INFO(c.name);
    CHECK(usage.find("  " + (c.typed ? c.name : std::string("CONFIG.yaml")) + " ") != std::string::npos);
    CHECK(usage.find(c.summary + "\n") != std::string::npos);
  }
  for (const OptionSpec& o : SharedOptions())
    CHECK(usage.find(o.name + (o.value.empty() ? "" : " " + o.value)) != std::string::npos);
  CHECK(usage.find("options of every command but version, help and completion:\n") != std::string::npos);
}

TEST_CASE("help: a command's help has its synopsis, every option it takes and an example", "[help]") {
  for (const CommandSpec& c : Commands()) {
    INFO(c.name);
    const std::string help = CommandHelp(c);
    CHECK(help.starts_with("usage: hostgraft " + c.usage.substr(0, c.usage.find('\n')) + "\n"));
    CHECK(help.find("\n" + c.summary + "\n") != std::string::npos);
    for (const OptionSpec* o : OptionsOf(c)) {
      INFO(o->name);
      CHECK(help.find(o->name) != std::string::npos);
      CHECK(help.find(o->summary + "\n") != std::string::npos);
    }
    CHECK(help.ends_with("\nexample:\n  " + c.example + "\n"));
  }
  // Names too long for the column put the summary on the next line.
  CHECK(CommandHelp(*FindCommand("lint"))
            .find("  --fail-on error|warning|never\n"
                  "                           exit 1 on findings at or above this") != std::string::npos);
  CHECK(CommandHelp(*FindCommand("lint")).find("  --input FILE             read FILE instead of stdin") !=
        std::string::npos);
  // The synopsis's second line lines up under the first.
  CHECK(CommandHelp(*FindCommand("vault put"))
            .starts_with(
                "usage: hostgraft vault put --host H --cert F --key F --ca F\n                   (-f VALUES..."));
}
