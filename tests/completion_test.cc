// `hostgraft completion bash|zsh|fish`, each script loaded in the real shell
// and driven as TAB drives it: bash calls the completion function with the
// COMP_* variables it sets, zsh runs compsys in a pseudo-terminal
// (tests/zsh_complete.zsh), fish answers `complete -C`. Each runs in a
// directory holding one directory (certs/) and one file (values.yaml).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

using Words = std::set<std::string>;

// True when `shell` runs here; a missing shell fails the test under CI=true.
bool HaveShell(const std::string& shell) {
  if (RunProgram({"sh", "-c", "command -v " + shell}).exit_code == 0) return true;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL(shell << " is not installed: sh scripts/deps installs it");
  WARN(shell << " is not installed (sh scripts/deps installs it), so its completion is not tested");
  return false;
}

// The script `hostgraft completion shell` prints, in a file.
std::string Script(const std::string& shell) {
  RunResult r = Run({"completion", shell});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  std::string path = TempDir() + "/hostgraft." + shell;
  WriteFile(path, r.out);
  return path;
}

std::string Workspace() {
  std::string dir = TempDir();
  std::filesystem::create_directory(dir + "/certs");
  WriteFile(dir + "/values.yaml", "keycloak: {}\n");
  return dir;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const Words kCommands{"render", "lint", "check-cert", "vault", "migrate",
                      "krm",    "diff", "version",    "help",  "completion"};

// bash: COMP_WORDS split as bash splits them (':' and '=' are words of
// their own, as COMP_WORDBREAKS has them), the cursor at the end.
Words Bash(const std::string& script, const std::string& dir, const std::string& line) {
  const char* driver = R"(source "$1"
line=$2
spaced=${line//:/ : }
spaced=${spaced//=/ = }
read -ra COMP_WORDS <<< "$spaced"
[[ $line == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )) COMP_LINE=$line COMP_POINT=${#line}
[[ $COMP_WORDBREAKS == *:* ]] || echo "COMP_WORDBREAKS has no colon"
_hostgraft
printf '%s\n' "${COMPREPLY[@]}")";
  RunResult r = RunIn(dir, {"bash", "--norc", "-c", driver, "bash", script, line});
  INFO(line << "\n" << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  Words words;
  for (const std::string& w : Lines(r.out))
    if (!w.empty()) words.insert(w);
  return words;
}

struct ZshResult {
  Words candidates;
  std::string buffer;  // the line after TAB
};

ZshResult Zsh(const std::string& script, const std::string& dir, const std::string& line) {
  RunResult r = RunIn(dir, {"zsh", "-f", Source("tests/zsh_complete.zsh"), script, line}, {}, {}, 60);
  INFO(line << "\n" << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  ZshResult z;
  for (const std::string& l : Lines(r.out)) {
    if (l.starts_with("candidate: ")) z.candidates.insert(l.substr(11));
    if (l.starts_with("buffer: ")) z.buffer = l.substr(8);
  }
  return z;
}

// fish: the candidates of `complete -C`, without their descriptions.
Words Fish(const std::string& script, const std::string& dir, const std::string& line) {
  RunResult r = RunIn(dir, {"fish", "--no-config", "-c", "source $argv[1]; and complete -C $argv[2]", script, line});
  INFO(line << "\n" << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  Words words;
  for (const std::string& l : Lines(r.out)) words.insert(l.substr(0, l.find('\t')));
  return words;
}

}  // namespace

TEST_CASE("completion: bash completes commands, options, their values, files and directories", "[completion][bash]") {
  if (!HaveShell("bash")) return;
  const std::string script = Script("bash"), dir = Workspace();
  auto bash = [&](const std::string& line) { return Bash(script, dir, line); };
  CHECK(bash("hostgraft ") == kCommands);
  CHECK(bash("hostgraft c") == Words{"check-cert", "completion"});
  CHECK(bash("hostgraft lint --fa") == Words{"--fail-on"});
  CHECK(bash("hostgraft lint --fail-on ") == Words{"error", "warning", "never"});
  CHECK(bash("hostgraft lint --fail-on n") == Words{"never"});
  CHECK(bash("hostgraft lint --fail-on=") == Words{"error", "warning", "never"});  // after =, a word break
  CHECK(bash("hostgraft lint --format ") == Words{"text", "json", "sarif", "junit", "github"});
  CHECK(bash("hostgraft lint --in") == Words{"--input"});
  CHECK(bash("hostgraft lint --input ") == Words{"certs", "values.yaml"});
  CHECK(bash("hostgraft vault ") == Words{"put"});
  CHECK(bash("hostgraft vault put --po") == Words{"--portal"});
  CHECK(bash("hostgraft vault put --portal ") == Words{"officer", "citizen"});
  CHECK(bash("hostgraft vault put --r") == Words{"--registry"});
  CHECK(bash("hostgraft vault put --cert ") == Words{"certs", "values.yaml"});
  CHECK(bash("hostgraft render --secrets ") == Words{"vault", "none", "files:"});
  // ':' breaks words for bash: the reply is what follows files:.
  CHECK(bash("hostgraft render --secrets files:") == Words{"certs"});
  CHECK(bash("hostgraft render --secrets files:" + dir + "/c") == Words{dir + "/certs"});
  CHECK(bash("hostgraft render -f values.yaml --secrets=files:c") == Words{"certs"});
  CHECK(bash("hostgraft migrate --o") == Words{"--out-dir"});
  CHECK(bash("hostgraft migrate --out-dir ") == Words{"certs"});
  CHECK(bash("hostgraft migrate --from-route ") == Words{"certs", "values.yaml"});
  CHECK(bash("hostgraft --vers") == Words{"--version"});
  CHECK(bash("hostgraft help ") == kCommands);
  CHECK(bash("hostgraft help vault ") == Words{"put"});
  CHECK(bash("hostgraft completion ") == Words{"bash", "zsh", "fish"});
  // An option a command does not take gets no values; free text gets none.
  CHECK(bash("hostgraft render --fail-on ") == Words{});
  CHECK(bash("hostgraft check-cert --host ") == Words{});
  CHECK(bash("hostgraft version --") == Words{"--help"});
}

TEST_CASE("completion: zsh completes commands, options, their values, files and directories", "[completion][zsh]") {
  if (!HaveShell("zsh")) return;
  const std::string script = Script("zsh"), dir = Workspace();
  auto zsh = [&](const std::string& line) { return Zsh(script, dir, line); };
  CHECK(zsh("hostgraft ").candidates == kCommands);
  CHECK(zsh("hostgraft rend").buffer == "hostgraft render ");
  ZshResult fail_on = zsh("hostgraft lint --fa");
  CHECK(fail_on.candidates == Words{"--fail-on"});
  CHECK(fail_on.buffer == "hostgraft lint --fail-on ");
  CHECK(zsh("hostgraft lint --fail-on ").candidates == Words{"error", "warning", "never"});
  CHECK(zsh("hostgraft lint --fail-on ne").buffer == "hostgraft lint --fail-on never ");
  CHECK(zsh("hostgraft lint --format ").candidates == Words{"text", "json", "sarif", "junit", "github"});
  CHECK(zsh("hostgraft lint --input ").candidates == Words{"certs", "values.yaml"});
  CHECK(zsh("hostgraft vault ").buffer == "hostgraft vault put ");
  ZshResult portal = zsh("hostgraft vault put --po");
  CHECK(portal.candidates == Words{"--portal"});
  CHECK(portal.buffer == "hostgraft vault put --portal ");
  CHECK(zsh("hostgraft vault put --portal ").candidates == Words{"officer", "citizen"});
  CHECK(zsh("hostgraft render --secrets ").candidates == Words{"vault", "none", "files:"});
  CHECK(zsh("hostgraft render --secrets fi").buffer == "hostgraft render --secrets files:");
  ZshResult files = zsh("hostgraft render --secrets files:");
  CHECK(files.candidates == Words{"files:certs"});
  CHECK(files.buffer == "hostgraft render --secrets files:certs/");
  CHECK(zsh("hostgraft migrate --out").buffer == "hostgraft migrate --out-dir ");
  ZshResult out_dir = zsh("hostgraft migrate --out-dir ");
  CHECK(out_dir.candidates == Words{"certs"});
  CHECK(out_dir.buffer == "hostgraft migrate --out-dir certs/");
  CHECK(zsh("hostgraft help ").candidates == kCommands);
  CHECK(zsh("hostgraft help vault ").buffer == "hostgraft help vault put ");
  CHECK(zsh("hostgraft completion ").candidates == Words{"bash", "zsh", "fish"});
  // An option render does not take: zsh offers render's options, not lint's values.
  CHECK(zsh("hostgraft render --fail-on ").candidates.count("never") == 0);
}

// How a package installs it: a file _hostgraft in a directory of $fpath.
TEST_CASE("completion: zsh autoloads the script as _hostgraft from $fpath", "[completion][zsh]") {
  if (!HaveShell("zsh")) return;
  const std::string functions = TempDir(), dir = Workspace();
  WriteFile(functions + "/_hostgraft", ReadFile(Script("zsh")));
  CHECK(Zsh(functions, dir, "hostgraft lint --fa").buffer == "hostgraft lint --fail-on ");
  CHECK(Zsh(functions, dir, "hostgraft vault put --portal ").candidates == Words{"officer", "citizen"});
  CHECK(Zsh(functions, dir, "hostgraft render --secrets files:").buffer == "hostgraft render --secrets files:certs/");
}

TEST_CASE("completion: fish completes commands, options, their values, files and directories", "[completion][fish]") {
  if (!HaveShell("fish")) return;
  const std::string script = Script("fish"), dir = Workspace();
  auto fish = [&](const std::string& line) { return Fish(script, dir, line); };
  CHECK(fish("hostgraft ") == kCommands);
  CHECK(fish("hostgraft lint --fa") == Words{"--fail-on"});
  CHECK(fish("hostgraft lint --fail-on ") == Words{"error", "warning", "never"});
  CHECK(fish("hostgraft lint --format ") == Words{"text", "json", "sarif", "junit", "github"});
  CHECK(fish("hostgraft lint --input ") == Words{"certs/", "values.yaml"});
  CHECK(fish("hostgraft vault ") == Words{"put"});
  CHECK(fish("hostgraft vault put --po") == Words{"--portal"});
  CHECK(fish("hostgraft vault put --portal ") == Words{"officer", "citizen"});
  CHECK(fish("hostgraft render --secrets ") == Words{"vault", "none", "files:"});
  CHECK(fish("hostgraft render --secrets files:") == Words{"files:certs/"});
  CHECK(fish("hostgraft migrate --out-dir ") == Words{"certs/"});
  CHECK(fish("hostgraft help ") == kCommands);
  CHECK(fish("hostgraft help vault ") == Words{"put"});
  CHECK(fish("hostgraft completion ") == Words{"bash", "zsh", "fish"});
  CHECK(fish("hostgraft render --fail-on ") == Words{});
}
