// Faults of the operating system around a run (DESIGN.md section 11): a
// full disk or a non-blocking pipe on stdout, a closed stdin or a directory
// on it, endless files, an error log that cannot be written. Each is a clear
// error with its exit code, never a crash, a hang, or a silent exit 0.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

std::string RegistryStream() { return ReadFile(Source("testdata/registry/helm3.yaml")); }

// The registry example as a KRM ResourceList with absolute paths.
std::string RegistryResourceList() {
  std::string list = ReadFile(Source("testdata/krm/registry.yaml"));
  for (size_t at = 0; (at = list.find(" testdata/", at)) != std::string::npos;) list.replace(at + 1, 0, Source("") );
  for (size_t at = 0; (at = list.find("files:testdata/", at)) != std::string::npos;) list.replace(at + 6, 0, Source(""));
  return list;
}

struct LostOutput {
  const char* name;
  std::vector<std::string> args;
  std::string stdin_data;
  std::string what;  // what the message says could not be written
};

}  // namespace

TEST_CASE("faults: stdout on a full disk is exit 5 with the reason, on stderr and in the error log", "[faults]") {
  std::string dir = TempDir();
  std::string bundle = dir + "/bundle.yaml";
  WriteFile(bundle, ReadFile(Source("testdata/registry/secrets/registry-kv/cluster/domains/keycloak.example.com/"
                                    "20230505T085919Z.yaml")));
  std::vector<LostOutput> cases = {
      {"render", RegistryArgs(), RegistryStream(), "the output stream"},
      {"lint sarif", [] { auto a = RegistryArgs("lint"); a.insert(a.end(), {"--format", "sarif"}); return a; }(),
       RegistryStream(), "the sarif report"},
      {"lint text", RegistryArgs("lint"), RegistryStream(), "the text report"},
      {"krm", {"krm"}, RegistryResourceList(), "the ResourceList"},
      {"check-cert", {"check-cert", "--host", "keycloak.example.com", "--bundle", bundle, "--at", "2026-06-01T00:00:00Z"},
       "", "the text report"},
      {"migrate", {"migrate", "-f", Source("testdata/migrate/global-only.yaml")}, "", "the migrated values"},
      {"version", {"version"}, "", "the version"},
      {"help", {"help"}, "", "the usage"},
  };
  for (const LostOutput& c : cases) {
    INFO(c.name);
    std::string log = TempDir() + "/error.log";
    RunResult r = RunRedirected(">/dev/full", c.args, c.stdin_data, {{"HOSTGRAFT_ERROR_LOG", log}});
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("hostgraft: error: cannot write " + c.what + " to stdout: No space left on device") !=
          std::string::npos);
    REQUIRE(std::filesystem::exists(log));
    std::string logged = ReadFile(log);
    CHECK(logged.find("(exit 5)") != std::string::npos);
    CHECK(logged.find("cannot write " + c.what + " to stdout: No space left on device") != std::string::npos);
  }
}

TEST_CASE("faults: a closed stdout is exit 5, and no file the run opens takes its place", "[faults]") {
  std::string log = TempDir() + "/error.log";
  RunResult r = RunRedirected(">&-", RegistryArgs(), RegistryStream(), {{"HOSTGRAFT_ERROR_LOG", log}});
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("hostgraft: error: cannot write the output stream to stdout: Bad file descriptor") != std::string::npos);
  CHECK(ReadFile(log).find("(exit 5)") != std::string::npos);
  CHECK(ReadFile(log).find("apiVersion") == std::string::npos);
}

TEST_CASE("faults: a non-blocking stdout that fills up gets the whole stream, exit 0", "[faults]") {
  // 1.4 MB: the registry stream and many ConfigMaps hostgraft passes through.
  std::string input = RegistryStream();
  for (int i = 0; i < 4000; ++i)
    input += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-" + std::to_string(i) +
             "\ndata:\n  text: \"" + std::string(280, 'x') + "\"\n";
  RunResult expected = Run(RegistryArgs(), input);
  REQUIRE(expected.exit_code == 0);
  REQUIRE(expected.out.size() > 1400000);

  std::string dir = TempDir();
  WriteFile(dir + "/in.yaml", input);
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    int in = open((dir + "/in.yaml").c_str(), O_RDONLY);
    dup2(in, 0);
    dup2(out[1], 1);
    // Like some CI runners leave it: a write that would block says EAGAIN.
    fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    close(out[0]);
    setenv("HOSTGRAFT_ERROR_LOG", (dir + "/error.log").c_str(), 1);
    std::vector<std::string> args = RegistryArgs();
    std::vector<char*> argv{const_cast<char*>(HOSTGRAFT_BINARY)};
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(HOSTGRAFT_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  // A slow reader: the pipe is full long before the first read.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::string got;
  char buf[8192];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) {
    got.append(buf, n);
    if (got.size() % (256 * 1024) < sizeof buf) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(got.size() == expected.out.size());
  CHECK(got == expected.out);
}

TEST_CASE("faults: a closed stdin or a directory on stdin is a read error, not an empty stream", "[faults]") {
  for (const char* command : {"render", "lint", "krm"}) {
    INFO(command);
    std::vector<std::string> args = std::string(command) == "krm" ? std::vector<std::string>{"krm"} : RegistryArgs(command);
    RunResult closed = RunRedirected("<&-", args);
    CHECK(closed.exit_code == 2);
    CHECK(closed.out.empty());
    CHECK(closed.err.rfind("hostgraft: error: the input stream on stdin is closed\n", 0) == 0);
    RunResult directory = RunRedirected("</", args);
    CHECK(directory.exit_code == 2);
    CHECK(directory.out.empty());
    CHECK(directory.err.rfind("hostgraft: error: the input stream on stdin is a directory\n", 0) == 0);
  }
}

TEST_CASE("faults: endless inputs end at the limit, fast", "[faults]") {
  RunResult cert = Run({"check-cert", "--host", "a.example.com", "--cert", "/dev/zero"});
  CHECK(cert.exit_code == 2);
  CHECK(cert.err.rfind("hostgraft: error: /dev/zero: --cert is larger than 1 MiB\n", 0) == 0);
  CHECK(cert.seconds < 5);

  std::vector<std::string> lint = RegistryArgs("lint");
  RunResult stdin_zero = RunRedirected("</dev/zero", lint, {}, {{"HOSTGRAFT_MAX_INPUT_MB", "1"}});
  CHECK(stdin_zero.exit_code == 4);
  CHECK(stdin_zero.err.rfind("hostgraft: error: the input stream on stdin is larger than 1 MiB\n", 0) == 0);
  CHECK(stdin_zero.seconds < 5);

  lint.insert(lint.end(), {"--input", "/dev/zero"});
  RunResult input_zero = Run(lint, {}, {{"HOSTGRAFT_MAX_INPUT_MB", "1"}});
  CHECK(input_zero.exit_code == 4);
  CHECK(input_zero.err.rfind("hostgraft: error: /dev/zero: --input is larger than 1 MiB\n", 0) == 0);
  CHECK(input_zero.seconds < 5);

  RunResult values = Run({"render", "-f", "/dev/zero", "--secrets", "none"}, RegistryStream());
  CHECK(values.exit_code == 2);
  CHECK(values.err.rfind("hostgraft: error: /dev/zero: values file is larger than 16 MiB\n", 0) == 0);
}

TEST_CASE("faults: the error log is private, capped, and a failure to write it is said", "[faults]") {
  std::string state = TempDir();
  std::string bad = "not: [yaml\n";
  std::map<std::string, std::string> env{{"HOSTGRAFT_ERROR_LOG", ""}, {"XDG_STATE_HOME", state}};
  // An older release left the directory 0755 and the log 0644.
  std::filesystem::create_directories(state + "/hostgraft");
  chmod((state + "/hostgraft").c_str(), 0755);
  std::string log = state + "/hostgraft/last-error.log";
  WriteFile(log, std::string(size_t{1 << 20} - 100, '#') + "\n");
  chmod(log.c_str(), 0644);

  RunResult r = Run({"render", "--secrets", "none", "--set", "a=1"}, bad, env);
  CHECK(r.exit_code == 4);
  struct stat st;
  REQUIRE(stat((state + "/hostgraft").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(stat(log.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // The entry would pass 1 MiB: the old log moved to .1, the new one has it alone.
  CHECK(ReadFile(log + ".1").size() == size_t{1 << 20} - 99);
  CHECK(ReadFile(log).rfind("=== ", 0) == 0);
  CHECK(ReadFile(log).find("hostgraft render (exit 4)") != std::string::npos);

  std::string fresh = TempDir() + "/new-state";
  RunResult first = Run({"render", "--secrets", "none", "--set", "a=1"}, bad,
                        {{"HOSTGRAFT_ERROR_LOG", ""}, {"XDG_STATE_HOME", fresh}});
  REQUIRE(stat((fresh + "/hostgraft").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(stat((fresh + "/hostgraft/last-error.log").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  // A log that cannot be written: said on stderr, the run's own error kept.
  std::string dir = TempDir();
  RunResult unwritable = Run({"render", "--secrets", "none", "--set", "a=1"}, bad, {{"HOSTGRAFT_ERROR_LOG", dir}});
  CHECK(unwritable.exit_code == 4);
  CHECK(unwritable.err.find("hostgraft: warning: cannot write the error log " + dir + ": cannot open it: Is a directory") !=
        std::string::npos);
  std::filesystem::create_symlink(state + "/elsewhere", dir + "/link.log");
  RunResult link = Run({"render", "--secrets", "none", "--set", "a=1"}, bad, {{"HOSTGRAFT_ERROR_LOG", dir + "/link.log"}});
  CHECK(link.err.find("cannot write the error log " + dir + "/link.log: it is a symbolic link") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(state + "/elsewhere"));
}

TEST_CASE("faults: lint's stopping errors (exit 2-4) reach the error log", "[faults]") {
  std::string log = TempDir() + "/error.log";
  std::vector<std::string> args = RegistryArgs("lint");
  RunResult r = Run(args, "a: [b\n", {{"HOSTGRAFT_ERROR_LOG", log}});
  CHECK(r.exit_code == 4);
  CHECK(ReadFile(log).find("hostgraft lint (exit 4)") != std::string::npos);
}

TEST_CASE("faults: a resource name with control characters cannot forge lines of a CI log", "[faults]") {
  std::string stream = RegistryStream();
  std::string forged = "name: \"evil\\n::error file=x.yaml,line=1::forged\\e[31m\"";
  std::string gateway = "kind: Gateway\nmetadata:\n  " + forged + "\n  namespace: reg-a\nspec:\n  selector: {istio: ingressgateway}\n"
                        "  servers:\n  - hosts:\n    - other.example.com\n    port: {name: http, number: 80, protocol: HTTP}\n";
  stream += "---\napiVersion: networking.istio.io/v1beta1\n" + gateway + "  foo: 1\n  foo: 2\n";
  for (const char* format : {"text", "github"}) {
    INFO(format);
    std::vector<std::string> args = RegistryArgs("lint");
    args.insert(args.end(), {"--format", format});
    RunResult r = Run(args, stream);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("evil\\n::error file=x.yaml,line=1::forged\\x1b[31m") != std::string::npos);
    CHECK(r.out.find("\n::error file=x.yaml") == std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);
  }
  // render warns about the same document on stderr, one line per message.
  RunResult render = Run(RegistryArgs(), stream);
  CHECK(render.exit_code == 0);
  CHECK(render.err.find("(Gateway reg-a/evil\\n::error file=x.yaml,line=1::forged\\x1b[31m), spec.foo") != std::string::npos);
  CHECK(render.err.find("\n::error file=x.yaml") == std::string::npos);
  CHECK(render.err.find('\x1b') == std::string::npos);
}
