// The CI examples in examples/ci/: first the rules a job must keep to work
// where it says it runs (an install that fits the runner's image, lint with
// --input so findings point at a file, the permissions private repositories
// need), then the job itself, run the way the runner runs it: curl serves
// this build's release tarball (and a Helm tarball), helm is a stand-in
// that prints the registry render.
#include <catch2/catch.hpp>

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

const std::string kVersion = HOSTGRAFT_VERSION;

// What the examples download: this build's release tarball (the portable
// link), or in a build without it (the sanitizers') the Helm plugin tarball,
// which unpacks to the same hostgraft/bin/hostgraft.
std::string ReleaseTarball() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(BuildDir() + "/release", ec))
    if (entry.path().extension() == ".tgz") return entry.path().string();
  return BuildDir() + "/hostgraft-" + kVersion + ".tgz";
}

struct Workspace {
  std::string dir, bin, fetched;
  std::map<std::string, std::string> env;
};

// A checkout with the chart and values the examples name; on PATH only
// stand-ins (helm, curl, apt-get) and the system's tools, so the hostgraft
// that runs is the one the job installs.
Workspace MakeWorkspace() {
  Workspace ws{TempDir(), TempDir(), TempDir() + "/fetched", {}};
  std::string helm_release = TempDir();
  WriteScript(helm_release + "/linux-amd64/helm", "#!/bin/sh\ncat " + Source("testdata/registry/helm3.yaml") + "\n");
  REQUIRE(RunIn(helm_release, {"tar", "-czf", "helm.tar.gz", "linux-amd64"}).exit_code == 0);
  WriteScript(ws.bin + "/helm", "#!/bin/sh\ncat " + Source("testdata/registry/helm3.yaml") + "\n");
  WriteScript(ws.bin + "/apt-get", "#!/bin/sh\nexit 0\n");
  // curl -fsSL URL: the two downloads the examples may make, to stdout;
  // any other address fails like a 404.
  WriteScript(ws.bin + "/curl",
              "#!/bin/sh\nfor url; do :; done\necho \"$url\" >> " + ws.fetched +
                  "\ncase \"$url\" in\n"
                  "  https://github.com/hostgraft/hostgraft/releases/download/v" + kVersion + "/hostgraft-" +
                  kVersion + "-linux-amd64.tgz) exec cat " + ReleaseTarball() +
                  " ;;\n"
                  "  https://get.helm.sh/helm-v*-linux-amd64.tar.gz) exec cat " + helm_release +
                  "/helm.tar.gz ;;\n"
                  "esac\necho \"curl: (22) The requested URL returned error: 404\" >&2\nexit 22\n");
  WriteFile(ws.dir + "/charts/registry/Chart.yaml", "apiVersion: v2\nname: registry\nversion: 1.9.7\n");
  WriteFile(ws.dir + "/values/platform.yaml", ReadFile(Source("testdata/registry/values-platform.yaml")));
  WriteFile(ws.dir + "/values/registry.yaml", ReadFile(Source("testdata/registry/values-registry.yaml")));
  ws.env = {{"PATH", ws.bin + ":/usr/bin:/bin"}, {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}, {"VAULT_ADDR", ""}};
  return ws;
}

// Runs one step the way the runner does (bash -e with pipefail).
void RunStep(const Workspace& ws, const std::string& command, const std::map<std::string, std::string>& env) {
  INFO(command);
  RunResult r = RunIn(ws.dir, {"bash", "-eo", "pipefail", "-c", command}, {}, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// What every job must have made: the release fetched, the stream grafted as
// render grafts it, and a report.
void CheckResults(const Workspace& ws, const std::string& report, const std::string& report_start) {
  CHECK(ReadFile(ws.fetched).find("/hostgraft-" + kVersion + "-linux-amd64.tgz\n") != std::string::npos);
  std::string grafted = ReadFile(ws.dir + "/grafted.yaml");
  RunResult expected = Run({"render", "-f", ws.dir + "/values/platform.yaml", "-f", ws.dir + "/values/registry.yaml",
                            "--secrets", "none"},
                           ReadFile(Source("testdata/registry/helm3.yaml")));
  CHECK(grafted == expected.out);
  CHECK(Count(grafted, "issuer: https://keycloak.example.com/auth/realms/") == 4);
  CHECK(ReadFile(ws.dir + "/" + report).rfind(report_start, 0) == 0);
}

// Lint reads the grafted file through --input (findings then name it and
// its lines), never stdin.
void CheckLintCommand(const std::string& command, const std::string& format) {
  INFO(command);
  CHECK(command.find("hostgraft lint ") != std::string::npos);
  CHECK(command.find("--input grafted.yaml") != std::string::npos);
  CHECK(command.find('<') == std::string::npos);
  CHECK(command.find("--format " + format) != std::string::npos);
}

// Images whose glibc is 2.34 or later, where the portable release runs.
bool RunsPortableRelease(const std::string& image) {
  static const std::set<std::string> kImages{"debian:12", "ubuntu:22.04", "ubuntu:24.04", "ubuntu-22.04",
                                             "ubuntu-24.04", "ubuntu-latest"};
  return kImages.count(image) > 0;
}

}  // namespace

TEST_CASE("ci: the GitHub Actions workflow installs the release, grafts and lints to SARIF with locations", "[ci]") {
  YAML::Node workflow = YAML::LoadFile(Source("examples/ci/github-actions.yml"));
  YAML::Node job = workflow["jobs"]["hostgraft"];
  // Code scanning in a private repository needs all three.
  CHECK(workflow["permissions"]["contents"].as<std::string>() == "read");
  CHECK(workflow["permissions"]["security-events"].as<std::string>() == "write");
  CHECK(workflow["permissions"]["actions"].as<std::string>() == "read");
  CHECK_FALSE(job["container"]);
  CHECK(RunsPortableRelease(job["runs-on"].as<std::string>()));

  Workspace ws = MakeWorkspace();
  std::map<std::string, std::string> env = ws.env;
  for (const auto& var : job["env"]) env[var.first.as<std::string>()] = var.second.as<std::string>();
  env["RUNNER_TEMP"] = TempDir();
  env["GITHUB_PATH"] = TempDir() + "/github-path";
  WriteFile(env["GITHUB_PATH"], "");
  bool uploads_sarif = false;
  int ran = 0;
  for (const YAML::Node& step : job["steps"]) {
    std::string name = step["name"] ? step["name"].as<std::string>() : "";
    if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
      uploads_sarif = step["with"]["sarif_file"].as<std::string>() == "hostgraft.sarif" &&
                      step["if"].as<std::string>() == "always()";
    }
    if (!step["run"]) continue;
    std::string command = step["run"].as<std::string>();
    if (name == "Install hostgraft") CHECK(command.find(".deb") == std::string::npos);
    if (name == "Lint") CheckLintCommand(command, "sarif");
    RunStep(ws, command, env);
    ++ran;
    // The runner puts what a step appends to $GITHUB_PATH in front of PATH.
    std::istringstream added(ReadFile(env["GITHUB_PATH"]));
    std::string path = ws.env["PATH"];
    for (std::string dir; std::getline(added, dir);) path = dir + ":" + path;
    env["PATH"] = path;
  }
  CHECK(uploads_sarif);
  CHECK(ran == 4);
  CHECK(env["PATH"].rfind(env["RUNNER_TEMP"] + "/hostgraft/bin:", 0) == 0);
  CheckResults(ws, "hostgraft.sarif", "{");
  // Each result points at grafted.yaml, which code scanning needs to show it.
  std::string sarif = ReadFile(ws.dir + "/hostgraft.sarif");
  CHECK(Count(sarif, "\"ruleId\"") > 0);
  CHECK(Count(sarif, "\"uri\": \"grafted.yaml\"") == Count(sarif, "\"ruleId\""));
}

TEST_CASE("ci: the GitLab CI job installs the release in debian:12, grafts and lints to JUnit", "[ci]") {
  YAML::Node job = YAML::LoadFile(Source("examples/ci/gitlab-ci.yml"))["hostgraft"];
  CHECK(RunsPortableRelease(job["image"].as<std::string>()));
  CHECK(job["artifacts"]["reports"]["junit"].as<std::string>() == "hostgraft-junit.xml");
  CHECK(job["artifacts"]["when"].as<std::string>() == "always");
  std::vector<std::string> lines = job["before_script"].as<std::vector<std::string>>();
  for (const std::string& line : lines) CHECK(line.find(".deb") == std::string::npos);
  std::vector<std::string> script = job["script"].as<std::vector<std::string>>();
  REQUIRE(script.size() == 3);
  CheckLintCommand(script[2], "junit");
  lines.insert(lines.end(), script.begin(), script.end());

  Workspace ws = MakeWorkspace();
  std::map<std::string, std::string> env = ws.env;
  for (const auto& var : job["variables"]) env[var.first.as<std::string>()] = var.second.as<std::string>();
  // The runner runs before_script and script in one shell, stopping at the
  // first line that fails.
  std::string shell;
  for (const std::string& line : lines) shell += line + "\n";
  RunStep(ws, shell + "command -v hostgraft > installed-at\n", env);
  CHECK(ReadFile(ws.dir + "/installed-at") == ws.dir + "/.tools/hostgraft/bin/hostgraft\n");
  CHECK(ReadFile(ws.fetched).find("https://get.helm.sh/helm-v") != std::string::npos);
  CheckResults(ws, "hostgraft-junit.xml", "<?xml");
}
