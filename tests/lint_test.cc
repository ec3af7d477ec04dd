// hostgraft lint end to end: golden reports of every format, SARIF checked
// by Microsoft's validator, JUnit read back as XML, lint(render(x)) clean,
// lint(x) == what render does, --fail-on and the exit codes of section 8.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "lint.h"
#include "render_command.h"
#include "stream_reader.h"
#include "render_support.h"
#include "steps/steps.h"
#include "test_support.h"
#include "values.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kFixture[] = "testdata/lint/all-findings.yaml";

// The fixture judged at 2026-12-15, when its leaves (valid to 2027-01-01)
// are inside the 30-day expiry warning.
std::vector<std::string> FixtureArgs(const std::string& format) {
  return {"lint", "-f", Source("testdata/lint/values.yaml"), "--secrets", "files:" + Source("testdata/registry/secrets"),
          "--at", "2026-12-15T00:00:00Z", "--format", format, "--input", Source(kFixture)};
}

// Reports name the --input path as given; goldens hold it relative to the source tree.
std::string Relative(std::string text) {
  for (const std::string& root : {"file://" + Source(""), Source("")}) {
    for (size_t at; (at = text.find(root)) != std::string::npos;) text.erase(at, root.size());
  }
  return text;
}

void CompareGolden(const std::string& actual, const std::string& expected_path) {
  if (std::getenv("HOSTGRAFT_UPDATE_GOLDEN")) {
    WriteFile(Source(expected_path), actual);
    return;
  }
  std::string expected = ReadFile(Source(expected_path));
  CHECK(LineDiff(expected, actual) == std::vector<std::string>{});
  CHECK(actual == expected);
}

std::vector<std::string> Ids(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  std::vector<std::string> ids;
  for (const auto& f : doc["findings"].GetArray()) ids.push_back(f["id"].GetString());
  return ids;
}

// The first finding with this id, as parsed JSON fields.
std::map<std::string, std::string> FindingFields(const std::string& json, const std::string& id) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  for (const auto& f : doc["findings"].GetArray()) {
    if (f["id"].GetString() != id) continue;
    std::map<std::string, std::string> out;
    for (const auto& m : f.GetObject())
      out[m.name.GetString()] = m.value.IsString() ? m.value.GetString()
                                : m.value.IsInt()  ? std::to_string(m.value.GetInt())
                                                   : "null";
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("lint: golden reports in every format of a stream with a finding of every rule", "[lint][golden]") {
  const std::vector<std::pair<std::string, std::string>> formats = {
      {"text", "txt"}, {"json", "json"}, {"sarif", "sarif"}, {"junit", "xml"}, {"github", "github.txt"}};
  for (const auto& [format, ext] : formats) {
    INFO(format);
    RunResult r = Run(FixtureArgs(format), {}, {{"VAULT_ADDR", ""}});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CompareGolden(Relative(r.out), "testdata/lint/expected/all-findings." + ext);
  }
  // Every rule but those that only occur alone (HG022 secret store, HG027
  // configuration, HG029 input: they stop the run), with tls.delivery:
  // secret (HG009) or on an Intercom Service render (HG010-HG015, tested on
  // the ICS fixtures below) is in the fixture's report.
  std::vector<std::string> ids = Ids(Run(FixtureArgs("json")).out);
  std::set<std::string> seen(ids.begin(), ids.end());
  for (const LintRule& rule : LintRules()) {
    std::string id = rule.id;
    INFO(id);
    bool elsewhere = id == "HG009" || id == "HG022" || id == "HG027" || id == "HG029" || std::string(rule.check).rfind("ics-", 0) == 0;
    CHECK(seen.count(id) == (elsewhere ? 0u : 1u));
  }
}

TEST_CASE("lint: the Intercom Service rules on the ICS renders, and none after render", "[lint][ics]") {
  for (const char* form : {"helm3-placeholders", "helm3-empty", "helm4-placeholders"}) {
    INFO(form);
    std::vector<std::string> args = {"lint", "-f", Source("testdata/ics/values-ics.yaml"), "--secrets",
                                     "files:" + Source("testdata/ics/secrets"), "--at", "2026-06-01T00:00:00Z",
                                     "--format", "json"};
    RunResult r = Run(args, ReadFile(Source(std::string("testdata/ics/") + form + ".yaml")));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    std::vector<std::string> ids = Ids(r.out);
    std::set<std::string> seen(ids.begin(), ids.end());
    for (const char* id : {"HG010", "HG011", "HG012", "HG013", "HG014", "HG015"}) CHECK(seen.count(id) == 1);
    RunResult clean = Run(args, ReadFile(Source(std::string("testdata/ics/expected/") + form + ".yaml")));
    INFO(clean.out);
    CHECK(clean.exit_code == 0);
    CHECK(Ids(clean.out).empty());
  }
}

TEST_CASE("lint: the rules that do not fit the fixture", "[lint]") {
  SECTION("HG009: a TLS Secret render would generate (tls.delivery: secret)") {
    std::vector<std::string> args = FixtureArgs("json");
    args.insert(args.end(), {"--set", "hostgraft.tls.delivery=secret"});
    RunResult r = Run(args);
    CHECK(r.exit_code == 1);
    auto f = FindingFields(r.out, "HG009");
    CHECK(f["check"] == "tls-secret");
    CHECK(f["resource"] == "Secret reg-a/hostgraft-officer-example-com");
    CHECK(f["message"] ==
          "TLS Secret for a custom host is missing or stale; hostgraft render: generates Secret "
          "reg-a/hostgraft-officer-example-com");
    CHECK(f["document"] == "null");
  }
  SECTION("HG022: a secret the store does not have is exit 3") {
    std::vector<std::string> args = FixtureArgs("json");
    args.insert(args.end(), {"--set", "portals.officer.customHost.certificatePath=nowhere/officer"});
    RunResult r = Run(args);
    CHECK(r.exit_code == 3);
    auto f = FindingFields(r.out, "HG022");
    CHECK(f["check"] == "secret-store");
    CHECK(f["resource"] == "Route for officer.example.com");
    CHECK(f["message"].find("nowhere/officer") != std::string::npos);
  }
  SECTION("HG027: a configuration error is exit 2, and in the report") {
    RunResult r = Run({"lint", "--set", "keycloak.customHost=Not_A_Host", "--secrets", "none", "--format", "json"},
                      ReadFile(Source(kFixture)));
    CHECK(r.exit_code == 2);
    auto f = FindingFields(r.out, "HG027");
    CHECK(f["check"] == "configuration");
    CHECK(f["severity"] == "error");
    CHECK(f["message"].find("Not_A_Host") != std::string::npos);
  }
  SECTION("HG029: input that is not YAML is exit 4") {
    RunResult r = Run({"lint", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none", "--format", "json"}, "a: [1,\n");
    CHECK(r.exit_code == 4);
    auto f = FindingFields(r.out, "HG029");
    CHECK(f["check"] == "input");
    CHECK(f["line"] != "null");
  }
}

TEST_CASE("lint: lint(render(x)) is clean for the registry example in all three forms", "[lint]") {
  for (const char* form : {"helm3", "helm4", "plain"}) {
    INFO(form);
    std::vector<std::string> args = RegistryArgs("lint");
    args.insert(args.end(), {"--fail-on", "warning"});
    RunResult r = Run(args, ReadFile(Source(std::string("testdata/registry/expected/") + form + ".yaml")));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "hostgraft lint: no findings\n");
  }
}

TEST_CASE("lint: says on stderr, without -v, what the values configure and what applies to the stream",
          "[lint][2.1]") {
  // A stream the registry values concern in no place: "no findings" alone would read as "all wired".
  RunResult r = Run(RegistryArgs("lint"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata: {a: b}\n");
  CHECK(r.exit_code == 0);
  // The portals' warnings (HG028) are findings; what is configured is not.
  CHECK(r.out.ends_with("\nhostgraft lint: 0 errors, 2 warnings\n"));
  CHECK(r.err.find("hostgraft: info: configured: custom Keycloak host keycloak.example.com (keycloak.customHost) for "
                   "the default host platform-keycloak.apps.cluster.example.com (keycloak.host)\n") != std::string::npos);
  CHECK(r.err.find("hostgraft: info: configured: officer portal host officer.example.com "
                   "(portals.officer.customHost.host) for the default host (none found in this stream)\n") !=
        std::string::npos);
  CHECK(r.err.find("hostgraft: info: nothing in this stream concerns the configured hosts: no document is changed "
                   "and nothing is generated\n") != std::string::npos);
  // A grafted stream: the hosts are there already.
  RunResult grafted = Run(RegistryArgs("lint"), ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(grafted.out == "hostgraft lint: no findings\n");
  CHECK(grafted.err.find("hostgraft: info: nothing left to change: this stream already carries keycloak.example.com, "
                         "officer.example.com, citizen.example.com\n") != std::string::npos);
}

TEST_CASE("lint: lint(x) lists exactly the changes and documents of render(x)", "[lint]") {
  Options options;
  options.at = kAt;
  options.secrets = "files:" + Source("testdata/registry/secrets");
  YAML::Node values;
  Diagnostics load;
  REQUIRE(LoadValues({Source("testdata/registry/values-platform.yaml"), Source("testdata/registry/values-registry.yaml")},
                     {}, &values, &load));
  for (const char* form : {"helm3", "helm4", "plain"}) {
    INFO(form);
    std::string input = ReadFile(Source(std::string("testdata/registry/") + form + ".yaml"));
    RenderRun run;
    Diagnostics diags;
    REQUIRE(RenderWithValues(options, values, input, &run, &diags));
    LintResult lint = Lint(options, values, input);
    CHECK(lint.error_exit == kExitOk);
    std::vector<Finding> left = lint.findings;
    auto take = [&left](auto matches) {
      auto it = std::find_if(left.begin(), left.end(), matches);
      if (it == left.end()) return false;
      left.erase(it);
      return true;
    };
    for (const auto& [index, change] : run.result.changes) {
      INFO(change.step << " " << index << " " << change.path);
      CHECK(take([&, index = index](const Finding& f) {
        return f.check == change.step && f.where.document == index && f.where.path == change.path &&
               f.where.line == change.line && f.message.ends_with("; hostgraft render: " + change.what);
      }));
    }
    for (const GeneratedDocument& g : run.result.generated) {
      INFO(g.kind << " " << g.name);
      CHECK(take([&](const Finding& f) { return f.check == g.step && f.where.resource.ends_with("/" + g.name); }));
    }
    CHECK(run.result.changes.size() == 17);
    CHECK(run.result.generated.size() == 2);  // the portal Routes; no Route serves D here
    CHECK(left.empty());
  }
}

TEST_CASE("lint: --secrets none needs no store and still checks the wiring", "[lint]") {
  RunResult r = Run({"lint", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
                     Source("testdata/registry/values-registry.yaml"), "--secrets", "none", "--format", "json"},
                    ReadFile(Source("testdata/registry/helm3.yaml")), {{"VAULT_ADDR", ""}});
  CHECK(r.exit_code == 1);
  std::vector<std::string> ids = Ids(r.out);
  std::multiset<std::string> seen(ids.begin(), ids.end());
  for (const char* id : {"HG001", "HG002", "HG003", "HG004", "HG005", "HG006", "HG007"}) CHECK(seen.count(id) > 0);
  CHECK(seen.count("HG008") == 0);  // nothing to put in a Route
  CHECK(seen.count("HG025") == 2);  // so the portal hosts have none; the Keycloak Route is not this release's
  CHECK(r.err.find("--secrets none") != std::string::npos);
}

TEST_CASE("lint: --fail-on decides which findings fail the run", "[lint]") {
  // The rendered example judged at 2026-12-15: only expiry warnings.
  std::vector<std::string> args = RegistryArgs("lint");
  args[args.size() - 1] = "2026-12-15T00:00:00Z";
  std::string rendered = ReadFile(Source("testdata/registry/expected/helm3.yaml"));
  RunResult plain = Run(args, rendered);
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.find("warning HG021 certificate-expiry") != std::string::npos);
  CHECK(plain.out.find("hostgraft lint: 0 errors, 2 warnings\n") != std::string::npos);  // the portals' certificates
  auto with = [&](const std::vector<std::string>& base, const char* fail_on) {
    std::vector<std::string> a = base;
    a.insert(a.end(), {"--fail-on", fail_on});
    return a;
  };
  CHECK(Run(with(args, "warning"), rendered).exit_code == 1);
  CHECK(Run(with(args, "error"), rendered).exit_code == 0);
  CHECK(Run(with(FixtureArgs("text"), "never")).exit_code == 0);
  CHECK(Run(with(FixtureArgs("text"), "error")).exit_code == 1);
  RunResult bad = Run(with(args, "sometimes"), rendered);
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("unknown --fail-on sometimes") != std::string::npos);
  RunResult missing = Run({"lint", "--input", Source("testdata/lint/no-such-file.yaml")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find(Source("testdata/lint/no-such-file.yaml") + ": --input cannot be opened: No such file or directory") != std::string::npos);
}

TEST_CASE("lint: the JUnit report reads back as XML with one testcase per check per resource", "[lint][junit]") {
  RunResult r = Run(FixtureArgs("junit"));
  REQUIRE(r.exit_code == 1);
  const char* script =
      "import sys, xml.etree.ElementTree as ET\n"
      "root = ET.fromstring(sys.stdin.read())\n"
      "suite = root.find('testsuite')\n"
      "cases = suite.findall('testcase')\n"
      "fails = [c for c in cases if c.find('failure') is not None]\n"
      "assert int(suite.get('tests')) == len(cases) and int(root.get('tests')) == len(cases)\n"
      "assert int(suite.get('failures')) == len(fails)\n"
      "keys = [(c.get('classname'), c.get('name')) for c in cases]\n"
      "assert len(set(keys)) == len(keys)\n"
      "for c in cases:\n"
      "    f = c.find('failure')\n"
      "    print(c.get('classname'), '|', c.get('name'), '|', f.get('type') if f is not None else 'passed')\n"
      "print(len(cases), 'cases', len(fails), 'failed')\n";
  RunResult py = RunProgram({"python3", "-c", script}, r.out);
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  CHECK(py.out.find("hostgraft.lint.request-authentication | RequestAuthentication reg-a/officer-portal | HG001\n") !=
        std::string::npos);
  CHECK(py.out.find("hostgraft.lint.route-missing | host keycloak.example.com | HG025\n") != std::string::npos);
  // A check that found nothing is a passed testcase: the officer host has its (generated) Route.
  CHECK(py.out.find("hostgraft.lint.route-missing | host officer.example.com | passed\n") != std::string::npos);
  CHECK(py.out.find("\n23 cases 16 failed\n") != std::string::npos);
}

TEST_CASE("lint: the SARIF report passes Microsoft's SARIF validator", "[lint][sarif]") {
  // scripts/deps installs npm; without it this test fails, never passes unchecked.
  INFO("npm is missing: run scripts/deps");
  REQUIRE(RunProgram({"npm", "--version"}).exit_code == 0);
  // Installed once per build directory.
  std::string cache = std::filesystem::path(HOSTGRAFT_BINARY).parent_path().string() + "/sarif-multitool";
  std::string tool = cache + "/node_modules/.bin/sarif-multitool";
  if (!std::filesystem::exists(tool)) {
    RunResult install = RunProgram({"npm", "install", "--no-audit", "--no-fund", "--prefix", cache,
                                    "@microsoft/sarif-multitool@5.7.0"},
                                   {}, {}, 300);
    INFO(install.err);
    REQUIRE(install.exit_code == 0);
  }
  RunResult r = Run(FixtureArgs("sarif"));
  REQUIRE(r.exit_code == 1);
  std::string dir = TempDir();
  WriteFile(dir + "/lint.sarif", r.out);
  RunResult v = RunProgram({tool, "validate", dir + "/lint.sarif", "--output", dir + "/validation.sarif"}, {},
                           {{"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"}}, 110);
  INFO(v.out << v.err);
  REQUIRE(v.exit_code == 0);
  rapidjson::Document validation;
  validation.Parse(ReadFile(dir + "/validation.sarif").c_str());
  REQUIRE_FALSE(validation.HasParseError());
  std::vector<std::string> problems;
  for (const auto& result : validation["runs"][0]["results"].GetArray()) {
    std::string level = result.HasMember("level") ? result["level"].GetString() : "warning";
    std::string rule = result["ruleId"].GetString();
    // SARIF2005 asks for the tool's informationUri: hostgraft has no public URL to name.
    if ((level == "error" || level == "warning") && rule != "SARIF2005") problems.push_back(level + " " + rule);
  }
  CHECK(problems == std::vector<std::string>{});
}

TEST_CASE("lint: every step has a rule, and docs/lint.md lists every rule", "[lint]") {
  for (const auto& step : AllSteps()) {
    INFO(step->id());
    CHECK(FindRule(step->id()) != nullptr);
  }
  std::string doc = ReadFile(Source("docs/lint.md"));
  std::set<std::string> ids;
  for (const LintRule& rule : LintRules()) {
    INFO(rule.id);
    CHECK(ids.insert(rule.id).second);
    std::string severity = rule.severity == Severity::kError ? "error" : "warning";
    CHECK(doc.find(std::string("| ") + rule.id + " | `" + rule.check + "` | " + severity + " | " + rule.title + " | " +
                   rule.help + " |") != std::string::npos);
  }
}

TEST_CASE("lint: the wiring checks accept what serves a custom host", "[lint]") {
  Config config;
  config.officer.custom_host = "officer.example.com";
  config.officer.default_host = "officer-portal-reg-a.apps.cluster.example.com";
  config.registry = "reg-a";
  const std::string stream_text =
      "apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata: {name: wild, namespace: reg-a}\n"
      "spec:\n  servers:\n    - hosts: ['*.example.com']\n"
      "    - hosts: [reg-a/officer.example.com]\n      tls: {mode: SIMPLE, credentialName: officer-cert}\n"
      "---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: officer, namespace: reg-a}\n"
      "spec: {secretName: officer-cert}\n"
      "---\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: a, namespace: reg-a}\n"
      "spec: {hosts: [officer.example.com], gateways: [wild]}\n"
      "---\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: inside, namespace: reg-a}\n"
      "spec: {hosts: [officer.example.com], gateways: [mesh]}\n"
      "---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: pass, namespace: reg-a}\n"
      "spec: {host: officer.example.com, tls: {termination: passthrough}}\n"
      "---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: officer-portal, namespace: reg-a}\n"
      "spec: {host: officer-portal-reg-a.apps.cluster.example.com, tls: {termination: edge}}\n";
  auto check = [&config](std::string text, std::vector<Checked>* checked) {
    Stream stream;
    Diagnostics diags;
    REQUIRE(ReadStream(std::move(text), ReadLimits{}, &stream, &diags));
    std::vector<std::string> out;
    for (const Finding& f : CheckWiring(config, stream, checked))
      out.push_back(f.id + " " + f.where.resource + " " + f.where.path + " " + std::to_string(f.where.line));
    return out;
  };
  std::vector<Checked> checked;
  CHECK(check(stream_text, &checked) == std::vector<std::string>{});
  CHECK(checked == std::vector<Checked>{{"credential-secret", "Gateway reg-a/wild"},
                                        {"route-tls", "Route reg-a/pass"},
                                        {"route-missing", "host officer.example.com"},
                                        {"gateway-host", "VirtualService reg-a/a"}});
  auto replaced = [&stream_text](const std::string& from, const std::string& to, std::string text = {}) {
    if (text.empty()) text = stream_text;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK(check(replaced("'*.example.com'", "'*.example.org'",
                       replaced("reg-a/officer.example.com", "reg-a/portal.example.com")),
              nullptr) == std::vector<std::string>{"HG026 VirtualService reg-a/a spec.hosts[0] 18"});
  CHECK(check(replaced("gateways: [wild]", "gateways: [elsewhere/wild]",
                       replaced("'*.example.com'", "'*.example.org'",
                                replaced("reg-a/officer.example.com", "reg-a/portal.example.com"))),
              nullptr) == std::vector<std::string>{});  // a Gateway outside the stream cannot be judged
  CHECK(check(replaced("secretName: officer-cert", "secretName: other"), nullptr) ==
        std::vector<std::string>{"HG023 Gateway reg-a/wild spec.servers[1].tls.credentialName 8"});
  CHECK(check(replaced("termination: passthrough", "termination: edge"), nullptr) ==
        std::vector<std::string>{"HG024 Route reg-a/pass spec.tls 28"});
  CHECK(check(replaced("host: officer.example.com", "host: other.example.com"), nullptr) ==
        std::vector<std::string>{"HG025 host officer.example.com  0"});
  // Without the Route serving the default host the custom Route is another release's (5.12).
  CHECK(check(replaced("host: officer-portal-reg-a.apps", "host: admin-tools.apps",
                       replaced("host: officer.example.com", "host: other.example.com")),
              nullptr) == std::vector<std::string>{});
}

TEST_CASE("lint: a secret refused for one host is used for none", "[lint]") {
  // The Keycloak host shares the officer's certificate, which does not match it.
  std::vector<std::string> args = FixtureArgs("json");
  args.insert(args.end(), {"--set",
                           "keycloak.customHosts[0].certificatePath=registry-kv/registry/reg-a/domains/officer-portal/"
                           "officer.example.com"});
  RunResult r = Run(args);
  CHECK(r.exit_code == 1);
  std::vector<std::string> ids = Ids(r.out);
  std::multiset<std::string> seen(ids.begin(), ids.end());
  CHECK(seen.count("HG020") == 1);
  CHECK(seen.count("HG008") == 0);
  CHECK(seen.count("HG025") == 2);
}
