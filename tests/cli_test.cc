// The command line itself: version, the usage and each command's help
// (golden files in testdata/cli/, updated deliberately with
// HOSTGRAFT_UPDATE_GOLDEN=1), "did you mean" for mistyped commands,
// options and values, and the completion scripts.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "command_table.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

void CompareGolden(const std::string& actual, const std::string& expected_path) {
  if (std::getenv("HOSTGRAFT_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(std::filesystem::path(Source(expected_path)).parent_path());
    WriteFile(Source(expected_path), actual);
    return;
  }
  std::string expected = ReadFile(Source(expected_path));
  CHECK(LineDiff(expected, actual) == std::vector<std::string>{});
  CHECK(actual == expected);
}

// Runs hostgraft with an error log of its own; *logged: what it appended.
RunResult RunLogged(const std::vector<std::string>& args, std::string* logged) {
  const std::string log = TempDir() + "/error.log";
  RunResult r = Run(args, "", {{"HOSTGRAFT_ERROR_LOG", log}});
  *logged = std::filesystem::exists(log) ? ReadFile(log) : "";
  return r;
}

// Help is output, not an error: stdout, exit 0, stderr and the error log empty.
std::string Help(const std::vector<std::string>& args) {
  INFO(args[0] << (args.size() > 1 ? " " + args[1] : ""));
  std::string logged;
  RunResult r = RunLogged(args, &logged);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(logged.empty());
  return r.out;
}

// A usage error: exit 2, stdout empty, exactly `err` on stderr, and in the error log.
void UsageError(const std::vector<std::string>& args, const std::string& err) {
  INFO(args[0]);
  std::string logged;
  RunResult r = RunLogged(args, &logged);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == err);
  CHECK(logged.find("(exit 2)\n" + err) != std::string::npos);
}

}  // namespace

TEST_CASE("version names the linked libraries", "[cli]") {
  RunResult r = Run({"version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("hostgraft ", 0) == 0);
  CHECK(r.out.find("libyaml 0.2.5") != std::string::npos);
  CHECK(r.out.find("OpenSSL 3") != std::string::npos);
  // --version is render's (the default command's) way to ask.
  CHECK(Run({"--version"}).out == r.out);
  CHECK(Run({"render", "--version"}).out == r.out);
}

TEST_CASE("help: the usage lists every command with its summary", "[cli][help]") {
  const std::string usage = Help({"help"});
  CHECK(usage.find("usage: hostgraft") == 0);
  CHECK(Help({"--help"}) == usage);
  CHECK(Help({"-h"}) == usage);
  CompareGolden(usage, "testdata/cli/help/usage.txt");
}

TEST_CASE("help: each command's own help by --help, -h and help COMMAND", "[cli][help]") {
  const std::vector<std::vector<std::string>> commands = {{"render"},  {"lint"},      {"check-cert"}, {"vault", "put"},
                                                          {"migrate"}, {"krm"},       {"diff"},       {"version"},
                                                          {"help"},    {"completion"}};
  for (const std::vector<std::string>& command : commands) {
    std::vector<std::string> long_form = command, short_form = command, help_form = {"help"};
    long_form.push_back("--help");
    short_form.push_back("-h");
    help_form.insert(help_form.end(), command.begin(), command.end());
    const std::string help = Help(long_form);
    CHECK(Help(short_form) == help);
    CHECK(Help(help_form) == help);
    const std::string name = command.size() == 1 ? command[0] : command[0] + "-" + command[1];
    CHECK(help.starts_with("usage: hostgraft " + std::string(name == "render" ? "[render]" : command[0])));
    CompareGolden(help, "testdata/cli/help/" + name + ".txt");
  }
  // The group's one command; render, the default command, without its name.
  CHECK(Help({"vault", "--help"}) == Help({"vault", "put", "--help"}));
  CHECK(Help({"help", "vault"}) == Help({"vault", "put", "--help"}));
  CHECK(Help({"-f", "values.yaml", "--help"}) == Help({"render", "--help"}));
  // Help wins over the mistakes around it.
  CHECK(Help({"lint", "--fial-on", "error", "--format", "xml", "--help"}) == Help({"lint", "--help"}));
}

TEST_CASE("help: an unknown command is an error, with the closest command", "[cli][help]") {
  UsageError(
      {"help", "bogus"},
      "hostgraft: error: unknown command bogus\n  fix: the commands are render, lint, check-cert, vault, migrate, "
      "krm, diff, version, help or completion; see hostgraft help\n");
  UsageError({"help", "lnit"}, "hostgraft: error: unknown command lnit\n  fix: did you mean lint?\n");
  UsageError({"help", "lint", "render"},
             "hostgraft: error: unexpected argument \"render\" for help\n  fix: hostgraft help takes one command: "
             "hostgraft help lint\n");
}

TEST_CASE("did you mean: mistyped commands, options and values", "[cli]") {
  UsageError({"rendr"}, "hostgraft: error: unknown command rendr\n  fix: did you mean render?\n");
  UsageError({"lint", "--fial-on", "error"},
             "hostgraft: error: unknown option --fial-on for lint\n  fix: did you mean --fail-on?\n");
  UsageError(
      {"lint", "--fail-on", "warnings"},
      "hostgraft: error: unknown --fail-on warnings\n  fix: did you mean warning? use error, warning or never\n");
  UsageError({"migrate", "-f", "old.yaml", "--out", "dir"},
             "hostgraft: error: unknown option --out for migrate\n  fix: did you mean --out-dir?\n");
  UsageError({"check-cert", "--fail-on", "never"},
             "hostgraft: error: unknown option --fail-on for check-cert\n  fix: --fail-on is an option of lint; see "
             "hostgraft help check-cert\n");
  UsageError({"vault", "pt"},
             "hostgraft: error: hostgraft vault takes the subcommand put\n  fix: did you mean vault put?\n");
  UsageError({"vault"},
             "hostgraft: error: hostgraft vault takes the subcommand put\n  fix: hostgraft vault put --host H --cert F "
             "--key F --ca F\n");
  // Nothing near: no guess.
  UsageError({"render", "--xyz"},
             "hostgraft: error: unknown option --xyz for render\n  fix: see hostgraft help render\n");
  UsageError(
      {"deploy"},
      "hostgraft: error: unknown command deploy\n  fix: the commands are render, lint, check-cert, vault, migrate, "
      "krm, diff, version, help or completion; see hostgraft help\n");
}

TEST_CASE("completion: a script per shell on stdout, another shell is an error", "[cli][completion]") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    INFO(shell);
    std::string logged;
    RunResult r = RunLogged({"completion", shell}, &logged);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(logged.empty());
    CompareGolden(r.out, std::string("completions/hostgraft.") + shell);
  }
  UsageError({"completion", "bahs"},
             "hostgraft: error: unknown shell bahs\n  fix: did you mean bash? use bash, zsh or fish\n");
  UsageError({"completion", "tcsh"}, "hostgraft: error: unknown shell tcsh\n  fix: use bash, zsh or fish\n");
  UsageError(
      {"completion"},
      "hostgraft: error: completion needs a shell: bash, zsh or fish\n  fix: hostgraft completion bash|zsh|fish\n");
}

// The man page is written by hand; the command table is what the binary
// takes. Every command and every option of the table is in the page.
TEST_CASE("the man page names every command and option of the command table", "[cli][help]") {
  const std::string page = ReadFile(Source("docs/hostgraft.1"));
  const std::string commands = page.substr(page.find(".SH COMMANDS"));
  auto roff = [](std::string text) {  // "-" is "\-" in roff
    for (size_t at = text.find('-'); at != std::string::npos; at = text.find('-', at + 2)) text.insert(at, "\\");
    return text;
  };
  for (const hostgraft::CommandSpec& c : hostgraft::Commands()) {
    if (!c.typed) continue;
    INFO(c.name);
    CHECK(commands.find("\n.B " + roff(c.name) + "\n") != std::string::npos);
    for (const hostgraft::OptionSpec* o : hostgraft::OptionsOf(c)) {
      INFO(o->name);
      CHECK(page.find(roff(o->name)) != std::string::npos);
      if (!o->short_name.empty())
        CHECK(page.find(roff(o->short_name) + " \", \" " + roff(o->name)) != std::string::npos);
      for (const std::string& choice : o->choices) CHECK(page.find("\\fB" + choice + "\\fR") != std::string::npos);
    }
  }
}
