#include "options.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

namespace {

struct Parsed {
  bool ok;
  Options options;
  std::vector<Diagnostic> errors;
};

Parsed Parse(const std::string& command, const std::vector<std::string>& args) {
  Parsed p;
  p.options.command = command;
  Diagnostics diags;
  p.ok = ParseOptions(args, &p.options, &diags);
  p.errors = diags.all();
  return p;
}

}  // namespace

TEST_CASE("options: each command takes its own options, the shared ones and --help", "[options]") {
  Parsed lint = Parse("lint", {"-f", "a.yaml", "--values=b.yaml", "--set", "x=1", "--fail-on", "never",
                               "--input=in.yaml", "--format", "sarif", "-v", "--at", "2026-06-01T00:00:00Z"});
  REQUIRE(lint.ok);
  CHECK(lint.errors.empty());
  CHECK(lint.options.values_files == std::vector<std::string>{"a.yaml", "b.yaml"});
  CHECK(lint.options.sets == std::vector<std::string>{"x=1"});
  CHECK(lint.options.Flag("--fail-on") == "never");
  CHECK(lint.options.Flag("--input") == "in.yaml");
  CHECK(lint.options.format == "sarif");
  CHECK(lint.options.verbose);
  CHECK(lint.options.at == 1780272000);
  CHECK_FALSE(lint.options.help);

  Parsed put = Parse("vault put", {"--host", "k.example.com", "--portal", "citizen", "--registry", "reg-a"});
  REQUIRE(put.ok);
  CHECK(put.options.Flag("--portal") == "citizen");
  CHECK(put.options.Flag("--registry") == "reg-a");

  Parsed render = Parse("render", {"--version"});
  REQUIRE(render.ok);
  CHECK(render.options.Has("--version"));
}

namespace {

// Each row: a command line, then the message and fix of each error it gets
// (exit 2 each), in order; an empty fix is not checked.
struct Refused {
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> errors;
};

void CheckRefused(const std::vector<Refused>& rows) {
  for (const Refused& row : rows) {
    INFO(row.command << " " << row.errors[0].first);
    Parsed p = Parse(row.command, row.args);
    CHECK_FALSE(p.ok);
    REQUIRE(p.errors.size() == row.errors.size());
    for (size_t i = 0; i < p.errors.size(); ++i) {
      CHECK(p.errors[i].exit_code == 2);
      CHECK(p.errors[i].message == row.errors[i].first);
      if (!row.errors[i].second.empty()) CHECK(p.errors[i].fix == row.errors[i].second);
    }
  }
}

}  // namespace

TEST_CASE("options: an unknown option names the command and the closest option", "[options]") {
  CheckRefused({
      // One error: "error" is the value of the mistyped option, no stray argument.
      {"lint", {"--fial-on", "error"}, {{"unknown option --fial-on for lint", "did you mean --fail-on?"}}},
      {"render", {"--value", "x.yaml"}, {{"unknown option --value for render", "did you mean --values?"}}},
      // Nothing close: where the help is.
      {"migrate", {"--bogus"}, {{"unknown option --bogus for migrate", "see hostgraft help migrate"}}},
      // Another command's option.
      {"check-cert",
       {"--fail-on", "never"},
       {{"unknown option --fail-on for check-cert", "--fail-on is an option of lint; see hostgraft help check-cert"}}},
      {"render",
       {"--host", "k.example.com"},
       {{"unknown option --host for render",
         "--host is an option of check-cert or vault put; see hostgraft help render"}}},
      // A switch's next word is no value of it.
      {"render",
       {"--verbos", "values.yaml"},
       {{"unknown option --verbos for render", "did you mean --verbose?"},
        {"unexpected argument \"values.yaml\" for render",
         "values files are given with -f: hostgraft render -f values.yaml"}}},
      // version, help and completion take none of the shared options.
      {"version", {"-f", "values.yaml"}, {{"unknown option -f for version", "see hostgraft help version"}}},
  });
}

TEST_CASE("options: a value not among an option's choices", "[options]") {
  CheckRefused({
      {"lint",
       {"--fail-on", "warnings"},
       {{"unknown --fail-on warnings", "did you mean warning? use error, warning or never"}}},
      {"lint", {"--format=xml"}, {{"unknown --format xml", "use text, json, sarif, junit or github"}}},
      {"vault put", {"--portal", "admin"}, {{"unknown --portal admin", "use officer or citizen"}}},
  });
}

TEST_CASE("options: values, switches and positional words", "[options]") {
  CheckRefused({
      {"render", {"-f"}, {{"-f needs a value", "write -f VALUE"}}},
      {"render", {"--verbose=yes"}, {{"--verbose takes no value", "write --verbose"}}},
      {"render", {"--at", "tomorrow"}, {{"--at tomorrow is not an RFC 3339 time", ""}}},
      {"render", {"--secrets", "file:./x"}, {{"--secrets file:./x: unknown secret store", ""}}},
      {"completion", {}, {{"completion needs a shell: bash, zsh or fish", "hostgraft completion bash|zsh|fish"}}},
      {"completion", {"fihs"}, {{"unknown shell fihs", "did you mean fish? use bash, zsh or fish"}}},
      {"completion",
       {"bash", "zsh"},
       {{"unexpected argument \"zsh\" for completion", "see hostgraft help completion"}}},
  });
  Parsed p = Parse("completion", {"zsh"});
  REQUIRE(p.ok);
  CHECK(p.options.arguments == std::vector<std::string>{"zsh"});
  p = Parse("help", {"vault", "put"});
  REQUIRE(p.ok);
  CHECK(p.options.arguments == std::vector<std::string>{"vault", "put"});
}

TEST_CASE("options: -h and --help win over every error", "[options]") {
  for (const char* help : {"-h", "--help"}) {
    Parsed p = Parse("lint", {"--fial-on", "error", "--format", "xml", help, "stray"});
    CHECK(p.ok);
    CHECK(p.options.help);
    CHECK(p.errors.empty());
  }
  Parsed p = Parse("completion", {"--help"});
  CHECK(p.ok);
  CHECK(p.options.help);
  // A value that looks like --help is a value.
  p = Parse("render", {"--set", "--help"});
  CHECK(p.ok);
  CHECK_FALSE(p.options.help);
  CHECK(p.options.sets == std::vector<std::string>{"--help"});
}
