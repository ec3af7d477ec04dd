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

TEST_CASE("options: an unknown option names the command and the closest option", "[options]") {
  Parsed p = Parse("lint", {"--fial-on", "error"});
  CHECK_FALSE(p.ok);
  // One error: "error" is the value of the mistyped option, no stray argument.
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].exit_code == 2);
  CHECK(p.errors[0].message == "unknown option --fial-on for lint");
  CHECK(p.errors[0].fix == "did you mean --fail-on?");

  p = Parse("render", {"--value", "x.yaml"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].fix == "did you mean --values?");

  // Nothing close: where the help is.
  p = Parse("migrate", {"--bogus"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown option --bogus for migrate");
  CHECK(p.errors[0].fix == "see hostgraft help migrate");

  // Another command's option.
  p = Parse("check-cert", {"--fail-on", "never"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown option --fail-on for check-cert");
  CHECK(p.errors[0].fix == "--fail-on is an option of lint; see hostgraft help check-cert");
  p = Parse("render", {"--host", "k.example.com"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].fix == "--host is an option of check-cert or vault put; see hostgraft help render");

  // A switch's next word is no value of it.
  p = Parse("render", {"--verbos", "values.yaml"});
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0].fix == "did you mean --verbose?");
  CHECK(p.errors[1].message == "unexpected argument \"values.yaml\" for render");
  CHECK(p.errors[1].fix == "values files are given with -f: hostgraft render -f values.yaml");

  // version, help and completion take none of the shared options.
  p = Parse("version", {"-f", "values.yaml"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown option -f for version");
}

TEST_CASE("options: a value not among an option's choices", "[options]") {
  Parsed p = Parse("lint", {"--fail-on", "warnings"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown --fail-on warnings");
  CHECK(p.errors[0].fix == "did you mean warning? use error, warning or never");
  p = Parse("lint", {"--format=xml"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown --format xml");
  CHECK(p.errors[0].fix == "use text, json, sarif, junit or github");
  p = Parse("vault put", {"--portal", "admin"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown --portal admin");
  CHECK(p.errors[0].fix == "use officer or citizen");
}

TEST_CASE("options: values, switches and positional words", "[options]") {
  Parsed p = Parse("render", {"-f"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "-f needs a value");
  CHECK(p.errors[0].fix == "write -f VALUE");
  p = Parse("render", {"--verbose=yes"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "--verbose takes no value");
  p = Parse("render", {"--at", "tomorrow"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "--at tomorrow is not an RFC 3339 time");
  p = Parse("render", {"--secrets", "file:./x"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "--secrets file:./x: unknown secret store");

  p = Parse("completion", {"zsh"});
  REQUIRE(p.ok);
  CHECK(p.options.arguments == std::vector<std::string>{"zsh"});
  p = Parse("completion", {});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "completion needs a shell: bash, zsh or fish");
  CHECK(p.errors[0].fix == "hostgraft completion bash|zsh|fish");
  p = Parse("completion", {"fihs"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown shell fihs");
  CHECK(p.errors[0].fix == "did you mean fish? use bash, zsh or fish");
  p = Parse("completion", {"bash", "zsh"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unexpected argument \"zsh\" for completion");
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
