// hostgraft diff end to end: byte-exact golden diffs of the registry and
// ICS renders (HOSTGRAFT_UPDATE_GOLDEN=1 regenerates them, as for the
// render goldens), exit 0 / 1 / render's error codes with an empty stdout,
// colour only on a terminal, and no private key or Secret value of the
// fixtures anywhere in a diff.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "base64.h"
#include "files_store.h"
#include "test_support.h"
#include "tls_material.h"
#include "unified_diff.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

bool Updating() { return std::getenv("HOSTGRAFT_UPDATE_GOLDEN") != nullptr; }

// The lines of a text without their line breaks.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::string_view line : SplitLines(text)) lines.emplace_back(line.substr(0, line.find('\n')));
  return lines;
}

const std::string kAt = "2026-06-01T00:00:00Z";

std::vector<std::string> IcsArgs(const std::string& command) {
  return {command, "-f", Source("testdata/ics/values-ics.yaml"), "--secrets", "files:" + Source("testdata/ics/secrets"),
          "--at", kAt};
}

struct Fixture {
  std::string input;     // under testdata/
  std::string expected;  // the golden diff, under testdata/
  std::vector<std::string> args;
};

// The renders tests/golden_test.cc and tests/ics_render_test.cc compare
// against their goldens, as diffs.
std::vector<Fixture> Fixtures() {
  std::vector<Fixture> fixtures;
  for (const char* form : {"helm3", "helm4", "plain", "platform-helm3", "fidelity-helm3"})
    fixtures.push_back({std::string("registry/") + form + ".yaml", std::string("registry/expected/") + form + ".diff",
                        RegistryArgs("diff")});
  for (const char* form : {"helm3-placeholders", "helm3-empty", "helm4-placeholders"})
    fixtures.push_back({std::string("ics/") + form + ".yaml", std::string("ics/expected/") + form + ".diff",
                        IcsArgs("diff")});
  return fixtures;
}

// Pieces of every private key of both fixture stores, as PEM lines and as
// base64 of the PEM (how a generated Secret's data carries it).
std::vector<std::string> KeyPieces() {
  std::vector<std::string> pieces;
  for (const char* store : {"testdata/registry/secrets", "testdata/ics/secrets"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(Source(store))) {
      if (!entry.is_regular_file()) continue;
      std::string file = entry.path().string();
      SecretResult secret = ParseSecretFile(file, ReadFile(file));
      if (!secret.fields || !secret.fields->count("key")) continue;
      TlsMaterial material;
      Diagnostics ignored;
      REQUIRE(DecodeTlsMaterial(*secret.fields, file, true, false, &material, &ignored));
      std::string encoded = Base64Encode(material.key);
      for (size_t at = 0; at + 32 <= encoded.size(); at += 32) pieces.push_back(encoded.substr(at, 32));
      for (const std::string& line : Lines(material.key))
        if (line.size() >= 16 && line.find("-----") == std::string::npos) pieces.push_back(line);
    }
  REQUIRE(pieces.size() > 20);
  return pieces;
}

// The values under data and stringData of the Secrets of a rendered stream,
// and each line of a multi-line one, that are 16 bytes or longer and occur
// in no other document of it (a CA certificate a ConfigMap carries too is
// public).
std::vector<std::string> SecretValues(const std::string& rendered) {
  std::string public_text;
  std::vector<std::string> values;
  std::vector<std::string> documents;
  for (size_t begin = 0; begin < rendered.size();) {
    size_t next = rendered.find("\n---", begin);
    size_t end = next == std::string::npos ? rendered.size() : next + 1;
    documents.push_back(rendered.substr(begin, end - begin));
    begin = end;
  }
  for (const std::string& text : documents) {
    YAML::Node doc = YAML::Load(text);
    if (!doc.IsMap() || !doc["kind"] || doc["kind"].as<std::string>() != "Secret") {
      public_text += text;
      continue;
    }
    for (const char* field : {"data", "stringData"})
      if (doc[field])
        for (const auto& entry : doc[field]) {
          std::string value = entry.second.as<std::string>();
          values.push_back(value);
          for (const std::string& line : Lines(value)) values.push_back(line);
        }
  }
  std::vector<std::string> secret;
  for (const std::string& v : values)
    if (v.size() >= 16 && public_text.find(v) == std::string::npos) secret.push_back(v);
  return secret;
}

// Checks that no key piece and no Secret value of the render is in its
// diff; returns how many of them the render holds (what was at stake).
size_t CheckNothingSecret(const std::string& diff, const std::string& rendered) {
  static const std::vector<std::string> keys = KeyPieces();
  size_t at_stake = 0;
  for (const std::string& piece : keys) {
    CHECK(diff.find(piece) == std::string::npos);
    at_stake += rendered.find(piece) != std::string::npos;
  }
  for (const std::string& value : SecretValues(rendered)) {
    INFO(value);
    CHECK(diff.find(value) == std::string::npos);
    ++at_stake;
  }
  return at_stake;
}

// `args` with the command word replaced.
std::vector<std::string> As(std::vector<std::string> args, const std::string& command) {
  args[0] = command;
  return args;
}

}  // namespace

TEST_CASE("diff golden: the registry and ICS renders as diffs, secrets masked", "[diff][golden]") {
  size_t at_stake = 0;
  for (const Fixture& f : Fixtures()) {
    INFO(f.input);
    std::string input = ReadFile(Source("testdata/" + f.input));
    RunResult r = Run(f.args, input);
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    CHECK(r.out.find('\x1b') == std::string::npos);  // a pipe gets no colour
    std::string expected_path = Source("testdata/" + f.expected);
    if (Updating()) WriteFile(expected_path, r.out);
    std::string expected = ReadFile(expected_path);
    CHECK(LineDiff(expected, r.out) == std::vector<std::string>{});
    CHECK(r.out == expected);
    // The diff is of exactly what render writes.
    RunResult rendered = Run(As(f.args, "render"), input);
    REQUIRE(rendered.exit_code == 0);
    CHECK(r.err == rendered.err);  // render's warnings, no more
    at_stake += CheckNothingSecret(r.out, rendered.out);
    // Rendered once, nothing is left to change.
    RunResult again = Run(f.args, rendered.out);
    CHECK(again.exit_code == 0);
    CHECK(again.out.empty());
  }
  // The renders carry keys (Routes, TLS Secrets) and Secret values to hide.
  CHECK(at_stake > 100);
}

TEST_CASE("diff: one header per changed resource, generated documents whole from /dev/null", "[diff]") {
  std::string diff = ReadFile(Source("testdata/registry/expected/helm3.diff"));
  CHECK(diff.rfind("--- a/Deployment/reg-a/redash-viewer\n+++ b/Deployment/reg-a/redash-viewer\n@@ -", 0) == 0);
  CHECK(diff.find("--- /dev/null\n+++ b/Route/reg-a/hostgraft-citizen-example-com\n@@ -0,0 +1,") != std::string::npos);
  CHECK(diff.find("+    key: <masked: 241 bytes>\n") != std::string::npos);
  // The certificate of a Route is public and shown.
  CHECK(diff.find("+    certificate: |\n+      -----BEGIN CERTIFICATE-----\n") != std::string::npos);

  std::string ics = ReadFile(Source("testdata/ics/expected/helm3-placeholders.diff"));
  // An edited Secret: its values masked on both sides, a changed one marked.
  CHECK(ics.find("--- a/Secret/nubus/nubus-intercom-service-redis-client-credentials\n") != std::string::npos);
  CHECK(ics.find("-  tls.key: <masked: 21 bytes, before>\n") != std::string::npos);
  CHECK(ics.find("+  tls.key: <masked: 240 bytes, after>\n") != std::string::npos);
  CHECK(ics.find("-  INTERCOM_URL: <masked: 29 bytes, before>\n") != std::string::npos);
  CHECK(ics.find("+  INTERCOM_URL: <masked: 23 bytes, after>\n") != std::string::npos);
  CHECK(ics.find("   PORT: <masked: 4 bytes>\n") != std::string::npos);  // unchanged: context
  // A generated Secret without a namespace.
  CHECK(ics.find("--- /dev/null\n+++ b/Secret/_/hostgraft-ics-example-org\n") != std::string::npos);
  CHECK(ics.find("+  tls.key: <masked: ") != std::string::npos);
}

TEST_CASE("diff: a stream render does not change is exit 0 with nothing on stdout", "[diff][passthrough]") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source("testdata/passthrough"))) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".yaml" || name.find(".expected.") != std::string::npos) continue;
    ++files;
    INFO(name);
    RunResult r = Run({"diff", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"},
                      ReadFile(entry.path().string()));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
  }
  CHECK(files >= 14);
}

TEST_CASE("diff: the line break render adds after an input without one shows", "[diff]") {
  std::string input = ReadFile(Source("testdata/registry/platform-helm3.yaml"));
  REQUIRE(input.back() == '\n');
  input.pop_back();
  RunResult r = Run(RegistryArgs("diff"), input);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("--- a/ConfigMap/user-management/keycloak-env\n+++ b/ConfigMap/user-management/keycloak-env\n"
                    "@@ -",
                    0) == 0);
  CHECK(r.out.find("-  KC_PROXY: \"reencrypt\"\n\\ No newline at end of file\n+  KC_PROXY: \"reencrypt\"\n--- "
                   "/dev/null\n") != std::string::npos);
}

TEST_CASE("diff: errors are render's, with an empty stdout, a refused certificate is 6", "[diff]") {
  std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  std::string platform = ReadFile(Source("testdata/registry/platform-helm3.yaml"));
  struct Case {
    const char* what;
    std::vector<std::string> args;
    std::string input;
    int render_code, diff_code;
  };
  std::vector<std::string> expired = RegistryArgs("diff");
  expired.back() = "2031-01-01T00:00:00Z";
  const std::vector<Case> cases = {
      {"no values", {"diff", "--secrets", "none"}, registry, 2, 2},
      {"input that is not YAML", RegistryArgs("diff"), ReadFile(Source("testdata/bad/stream/lone-comma.yaml")), 4, 4},
      {"no secret in the store", RegistryArgs("diff", "files:" + TempDir()), platform, 3, 3},
      {"an expired certificate", expired, platform, 1, 6},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    RunResult render = Run(As(c.args, "render"), c.input);
    std::string log = TempDir() + "/error.log";
    RunResult diff = Run(c.args, c.input, {{"HOSTGRAFT_ERROR_LOG", log}});
    INFO(diff.err);
    CHECK(render.exit_code == c.render_code);
    CHECK(diff.exit_code == c.diff_code);
    CHECK(diff.out.empty());
    CHECK_FALSE(diff.err.empty());
    // The same messages, but for the command a fix names.
    std::string said = render.err;
    for (size_t at; (at = said.find("hostgraft render")) != std::string::npos;) said.replace(at, 16, "hostgraft diff");
    CHECK(diff.err == said);
    // The error log names diff's exit code.
    CHECK(ReadFile(log).find("hostgraft diff (exit " + std::to_string(c.diff_code) + ")\n") != std::string::npos);
  }
  RunResult full = RunRedirected(">/dev/full", RegistryArgs("diff"), registry);
  CHECK(full.exit_code == 5);
  CHECK(full.err.find("the diff") != std::string::npos);
}

TEST_CASE("diff: colour on a terminal only, and not with NO_COLOR or TERM=dumb", "[diff]") {
  // script(1) runs the command with stdout on a pseudo-terminal.
  std::string command = std::string("exec ") + HOSTGRAFT_BINARY;
  for (const std::string& arg : RegistryArgs("diff")) command += " '" + arg + "'";
  command += " < '" + Source("testdata/registry/helm3.yaml") + "'";
  auto on_terminal = [&](const std::map<std::string, std::string>& env) {
    std::map<std::string, std::string> all = {{"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}, {"VAULT_ADDR", ""},
                                              {"NO_COLOR", ""}, {"TERM", "xterm"}};
    for (const auto& [k, v] : env) all[k] = v;
    RunResult r = RunProgram({"script", "-qec", command, "/dev/null"}, {}, all);
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    return r.out;
  };
  std::string coloured = on_terminal({});
  CHECK(coloured.find("\x1b[1m--- a/Deployment/reg-a/redash-viewer\x1b[m\r\n") != std::string::npos);
  CHECK(coloured.find("\x1b[36m@@ -") != std::string::npos);
  CHECK(coloured.find("\x1b[31m-              value: https://platform-keycloak.") != std::string::npos);
  CHECK(coloured.find("\x1b[32m+              value: https://keycloak.example.com/") != std::string::npos);
  CHECK(coloured.find("\r\n           readinessProbe:\r\n") != std::string::npos);  // context: plain
  CHECK(on_terminal({{"NO_COLOR", "1"}}).find('\x1b') == std::string::npos);
  CHECK(on_terminal({{"TERM", "dumb"}}).find('\x1b') == std::string::npos);
}
