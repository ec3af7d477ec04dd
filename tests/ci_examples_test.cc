// The CI examples in examples/ci/: the commands their jobs run, extracted
// from the files and run in a workspace laid out the way they expect, with a
// stub helm that prints the registry render.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

struct Workspace {
  std::string dir;
  std::map<std::string, std::string> env;
};

Workspace MakeWorkspace() {
  Workspace ws{TempDir(), {}};
  std::string bin = TempDir();
  WriteScript(bin + "/helm", "#!/bin/sh\ncat " + Source("testdata/registry/helm3.yaml") + "\n");
  WriteScript(bin + "/hostgraft", "#!/bin/sh\nexec " + std::string(HOSTGRAFT_BINARY) + " \"$@\"\n");
  WriteFile(ws.dir + "/charts/registry/Chart.yaml", "apiVersion: v2\nname: registry\nversion: 1.9.7\n");
  WriteFile(ws.dir + "/values/platform.yaml", ReadFile(Source("testdata/registry/values-platform.yaml")));
  WriteFile(ws.dir + "/values/registry.yaml", ReadFile(Source("testdata/registry/values-registry.yaml")));
  ws.env = {{"PATH", bin + ":/usr/bin:/bin"}, {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}, {"VAULT_ADDR", ""}};
  return ws;
}

// Runs the commands as the runner does (bash -e), and checks what they made.
void RunAndCheck(const std::vector<std::string>& commands, const std::string& report, const std::string& report_start) {
  Workspace ws = MakeWorkspace();
  int ran = 0;
  for (const std::string& command : commands) {
    INFO(command);
    RunResult r = RunIn(ws.dir, {"bash", "-eo", "pipefail", "-c", command}, {}, ws.env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    ++ran;
  }
  CHECK(ran == 3);
  std::string grafted = ReadFile(ws.dir + "/grafted.yaml");
  RunResult expected = Run({"render", "-f", ws.dir + "/values/platform.yaml", "-f", ws.dir + "/values/registry.yaml",
                            "--secrets", "none"},
                           ReadFile(Source("testdata/registry/helm3.yaml")));
  CHECK(grafted == expected.out);
  CHECK(Count(grafted, "issuer: https://keycloak.example.com/auth/realms/") == 4);
  CHECK(ReadFile(ws.dir + "/" + report).rfind(report_start, 0) == 0);
}

}  // namespace

TEST_CASE("ci: the GitHub Actions workflow renders, grafts and lints to SARIF", "[ci]") {
  YAML::Node workflow = YAML::LoadFile(Source("examples/ci/github-actions.yml"));
  YAML::Node steps = workflow["jobs"]["hostgraft"]["steps"];
  std::vector<std::string> commands;
  bool uploads_sarif = false;
  for (const YAML::Node& step : steps) {
    std::string name = step["name"] ? step["name"].as<std::string>() : "";
    if (step["run"] && name != "Install hostgraft") commands.push_back(step["run"].as<std::string>());
    if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
      uploads_sarif = step["with"]["sarif_file"].as<std::string>() == "hostgraft.sarif" &&
                      step["if"].as<std::string>() == "always()";
    }
  }
  CHECK(uploads_sarif);
  CHECK(workflow["permissions"]["security-events"].as<std::string>() == "write");
  REQUIRE(commands.size() == 3);
  CHECK(commands[2].find("--format sarif") != std::string::npos);
  RunAndCheck(commands, "hostgraft.sarif", "{");
}

TEST_CASE("ci: the GitLab CI job renders, grafts and lints to a JUnit report", "[ci]") {
  YAML::Node job = YAML::LoadFile(Source("examples/ci/gitlab-ci.yml"))["hostgraft"];
  std::vector<std::string> commands = job["script"].as<std::vector<std::string>>();
  CHECK(job["artifacts"]["reports"]["junit"].as<std::string>() == "hostgraft-junit.xml");
  CHECK(job["artifacts"]["when"].as<std::string>() == "always");
  REQUIRE(commands.size() == 3);
  CHECK(commands[2].find("--format junit") != std::string::npos);
  RunAndCheck(commands, "hostgraft-junit.xml", "<?xml");
}
