// hostgraft krm: ResourceList fixtures in testdata/krm/ (kubectl cannot run
// exec KRM functions, so the host is stood in for by fixtures).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include <rapidjson/document.h>
#include <yaml-cpp/yaml.h>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

// The fixtures' relative paths are relative to the repository root, where
// the function runs (as kpt runs it in the package directory).
RunResult Krm(const std::string& input) {
  return RunIn(Source(""), {HOSTGRAFT_BINARY, "krm"}, input,
               {{"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}, {"VAULT_ADDR", ""}, {"HOSTGRAFT_VALUES", ""}});
}

std::string Registry() { return ReadFile(Source("testdata/krm/registry.yaml")); }

// The output of a run that failed with one configuration error (HG027).
YAML::Node WithOneError(const RunResult& r) {
  CHECK(r.exit_code == 2);
  YAML::Node out = YAML::Load(r.out);
  REQUIRE(out["results"].size() == 1);
  CHECK(out["results"][0]["severity"].as<std::string>() == "error");
  CHECK(out["results"][0]["tags"]["id"].as<std::string>() == "HG027");
  CHECK(out["results"][0]["tags"]["check"].as<std::string>() == "configuration");
  return out;
}

// The run's whole output against testdata/krm/expected/NAME (rewritten with
// HOSTGRAFT_UPDATE_GOLDEN=1, only deliberately).
void CompareGolden(const RunResult& r, const std::string& name) {
  std::string path = Source("testdata/krm/expected/" + name);
  if (std::getenv("HOSTGRAFT_UPDATE_GOLDEN")) WriteFile(path, r.out);
  std::string expected = ReadFile(path);
  CHECK(LineDiff(expected, r.out) == std::vector<std::string>{});
  CHECK(r.out == expected);
}

// (id, severity, resource, field path) of each result.
using ResultKey = std::tuple<std::string, std::string, std::string, std::string>;

std::multiset<ResultKey> ResultKeys(const YAML::Node& results) {
  std::multiset<ResultKey> out;
  for (const YAML::Node& r : results) {
    std::string resource;
    if (const YAML::Node ref = r["resourceRef"])
      resource = ref["kind"].as<std::string>() + " " + ref["namespace"].as<std::string>() + "/" + ref["name"].as<std::string>();
    out.insert({r["tags"]["id"].as<std::string>(), r["severity"].as<std::string>(), resource,
                r["field"] ? r["field"]["path"].as<std::string>() : ""});
  }
  return out;
}

}  // namespace

TEST_CASE("krm: the registry ResourceList comes back grafted", "[krm]") {
  RunResult r = Krm(Registry());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  YAML::Node in = YAML::Load(Registry()), out = YAML::Load(r.out);
  CHECK(out["apiVersion"].as<std::string>() == "config.kubernetes.io/v1");
  CHECK(out["kind"].as<std::string>() == "ResourceList");
  // What lint finds in these items, each fixed by this run: 17 changes in
  // 12 documents and the two portal Routes, as info results with their ids.
  REQUIRE(out["results"].size() == 19);
  std::multiset<std::string> ids;
  for (const YAML::Node& result : out["results"]) {
    CHECK(result["severity"].as<std::string>() == "info");
    ids.insert(result["tags"]["id"].as<std::string>());
  }
  CHECK(ids == std::multiset<std::string>{"HG001", "HG001", "HG001", "HG001", "HG001", "HG001", "HG002",
                                          "HG002", "HG003", "HG003", "HG004", "HG004", "HG005", "HG006",
                                          "HG006", "HG007", "HG007", "HG008", "HG008"});
  // The portal Routes; the Keycloak Route is the platform release's (no Route serves D here).
  REQUIRE(out["items"].size() == in["items"].size() + 2);
  for (size_t i = 0; i < in["items"].size(); ++i) {
    INFO(i);
    CHECK(out["items"][i]["kind"].as<std::string>() == in["items"][i]["kind"].as<std::string>());
    CHECK(out["items"][i]["metadata"]["name"].as<std::string>() ==
          in["items"][i]["metadata"]["name"].as<std::string>());
  }
  YAML::Node route = out["items"][in["items"].size() + 1];
  CHECK(route["kind"].as<std::string>() == "Route");
  CHECK(route["spec"]["host"].as<std::string>() == "officer.example.com");
  CHECK(route["spec"]["tls"]["certificate"].as<std::string>().rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK(Count(r.out, "issuer: https://keycloak.example.com/auth/realms/") == 6);
  // functionConfig goes back as it came.
  CHECK(YAML::Dump(out["functionConfig"]) == YAML::Dump(in["functionConfig"]));
  // Strings stay strings: quoted numbers and booleans keep their quotes.
  CHECK(Count(r.out, "\"true\"") == Count(Registry(), "'true'") + Count(Registry(), "\"true\""));
  // A function's output is a fixed point: the same items, nothing left to report.
  YAML::Node again = YAML::Load(Krm(r.out).out);
  CHECK(YAML::Dump(again["items"]) == YAML::Dump(out["items"]));
  CHECK_FALSE(again["results"]);
}

TEST_CASE("krm: errors become results with severity error, resourceRef and field", "[krm]") {
  std::string input = Registry();
  input.replace(input.find("at: '2026-06-01T00:00:00Z'"), 26, "at: '2030-01-01T00:00:00Z'");
  RunResult r = Krm(input);
  CHECK(r.exit_code == 1);
  YAML::Node in = YAML::Load(input), out = YAML::Load(r.out);
  // The items as they came, and one result per error.
  CHECK(out["items"].size() == in["items"].size());
  CHECK(YAML::Dump(out["items"]) == YAML::Dump(in["items"]));
  // One per certificate this render reads, each naming its secret path.
  REQUIRE(out["results"].size() == 2);
  std::vector<std::string> secrets;
  for (const YAML::Node& result : out["results"]) {
    CHECK(result["severity"].as<std::string>() == "error");
    CHECK(result["tags"]["id"].as<std::string>() == "HG020");
    CHECK(result["message"].as<std::string>().find("expired at 2027-01-01T00:00:00Z") != std::string::npos);
    secrets.push_back(result["file"]["path"].as<std::string>());
  }
  CHECK(secrets == std::vector<std::string>{"registry-kv/registry/reg-a/domains/officer-portal/officer.example.com",
                                            "registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com"});
  CHECK(r.err.find("expired") != std::string::npos);
}

TEST_CASE("krm: an error on a resource carries its resourceRef and field path", "[krm]") {
  YAML::Node result = WithOneError(Krm(ReadFile(Source("testdata/krm/conflict.yaml"))))["results"][0];
  CHECK(result["message"].as<std::string>().rfind("cannot discover the default Keycloak host: ", 0) == 0);
  CHECK(YAML::Dump(result["resourceRef"]) == "apiVersion: v1.edp.epam.com/v1\nkind: Keycloak\nname: main\nnamespace: reg-a");
  CHECK(result["field"]["path"].as<std::string>() == "spec.url");
}

TEST_CASE("krm: a configuration error names the functionConfig field", "[krm]") {
  YAML::Node out = WithOneError(Krm(ReadFile(Source("testdata/krm/bad-config.yaml"))));
  YAML::Node result = out["results"][0];
  CHECK(result["field"]["path"].as<std::string>() == "keycloak.customHost");
  CHECK(result["message"].as<std::string>().find("login.example.org") != std::string::npos);
  CHECK_FALSE(result["resourceRef"]);
  CHECK(out["items"].size() == 2);
}

TEST_CASE("krm: a warning is a result and the run succeeds", "[krm]") {
  // No secret store: the Routes are skipped with a warning.
  std::string input = Registry();
  input.replace(input.find("secrets: files:testdata/registry/secrets"), 40, "secrets: none");
  RunResult r = Krm(input);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  YAML::Node out = YAML::Load(r.out);
  REQUIRE(out["results"].IsSequence());
  // The run's own warnings carry no id: they are no lint finding. Lint's
  // HG025 for each custom host no Route serves is a warning too.
  std::multiset<std::string> warnings;
  for (const YAML::Node& result : out["results"]) {
    CHECK(result["severity"].as<std::string>() != "error");
    if (result["severity"].as<std::string>() != "warning") continue;
    if (!result["tags"]) CHECK(result["message"].as<std::string>().find("): --secrets none (fix: ") != std::string::npos);
    warnings.insert(result["tags"] ? result["tags"]["id"].as<std::string>() : "");
  }
  CHECK(warnings == std::multiset<std::string>{"", "", "HG025", "HG025"});
  CHECK(YAML::Load(input)["items"].size() == out["items"].size());
}

TEST_CASE("krm: input that is not a ResourceList is an error result", "[krm]") {
  RunResult r = Krm("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  CHECK(r.exit_code == 2);
  CHECK(r.out ==
        "apiVersion: config.kubernetes.io/v1\n"
        "kind: ResourceList\n"
        "items: []\n"
        "results:\n"
        "  - message: krm expects one ResourceList on stdin (apiVersion config.kubernetes.io/v1)\n"
        "    severity: error\n");
}

TEST_CASE("krm: an empty ResourceList comes back empty", "[krm]") {
  RunResult r = Krm("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
                    "functionConfig: {apiVersion: hostgraft.io/v1, kind: HostGraft, secrets: none, "
                    "keycloak: {customHost: keycloak.example.com}}\n");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "apiVersion: config.kubernetes.io/v1\n"
        "kind: ResourceList\n"
        "items: []\n"
        "functionConfig:\n"
        "  apiVersion: hostgraft.io/v1\n"
        "  kind: HostGraft\n"
        "  secrets: none\n"
        "  keycloak:\n"
        "    customHost: keycloak.example.com\n");
}

TEST_CASE("krm: a quoted scalar in the functionConfig stays a string", "[krm]") {
  RunResult r = Krm("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"
                    "items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}]\n"
                    "functionConfig: {apiVersion: hostgraft.io/v1, kind: HostGraft, secrets: none,\n"
                    "  portals: {officer: {customHost: {enabled: \"false\", host: officer.example.com}}}}\n");
  YAML::Node result = WithOneError(r)["results"][0];
  CHECK(result["field"]["path"].as<std::string>() == "portals.officer.customHost.enabled");
  CHECK(result["message"].as<std::string>().rfind("expected true or false, got the string \"false\"", 0) == 0);
}

TEST_CASE("krm golden: warnings are results with ids and the items are written", "[krm][golden]") {
  RunResult r = Krm(ReadFile(Source("testdata/krm/warnings.yaml")));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CompareGolden(r, "warnings.yaml");
  YAML::Node results = YAML::Load(r.out)["results"];
  REQUIRE(results.size() == 7);
  CHECK(ResultKeys(results) == std::multiset<ResultKey>{
                                       {"HG028", "warning", "KeycloakClient reg-a/citizen-portal", "spec.webUrl"},
                                       {"HG021", "warning", "", ""},
                                       {"HG004", "info", "KeycloakRealm reg-a/officer-portal", "spec.frontendUrl"},
                                       {"HG001", "info", "RequestAuthentication reg-a/registry-rest-api", "spec.jwtRules[0]"},
                                       {"HG006", "info", "Gateway reg-a/gateway", "spec.servers[0].hosts"},
                                       {"HG007", "info", "VirtualService reg-a/officer-portal", "spec.hosts"},
                                       {"HG008", "info", "Route reg-a/hostgraft-officer-example-com", ""}});
  CHECK(results[1]["file"]["path"].as<std::string>() ==
        "registry-kv/registry/reg-a/domains/officer-portal/officer.example.com");
}

TEST_CASE("krm golden: an error on a resource fails the function with the items as they came", "[krm][golden]") {
  RunResult r = Krm(ReadFile(Source("testdata/krm/conflict.yaml")));
  CHECK(r.exit_code == 2);
  CompareGolden(r, "conflict.yaml");
}

TEST_CASE("krm: the results are the findings hostgraft lint gives for the items", "[krm][lint]") {
  // The same items and values through lint: its findings' ids, resources and
  // paths are the results'; lint's errors are what the function fixed (info).
  YAML::Node list = YAML::LoadFile(Source("testdata/krm/warnings.yaml"));
  std::string dir = TempDir();
  YAML::Emitter items;
  for (const YAML::Node& item : list["items"]) items << YAML::BeginDoc << item;
  WriteFile(dir + "/items.yaml", items.c_str());
  YAML::Node values = YAML::Clone(list["functionConfig"]);
  for (const char* own : {"apiVersion", "kind", "metadata", "valuesFiles", "secrets", "at"}) values.remove(own);
  WriteFile(dir + "/values.yaml", YAML::Dump(values));
  RunResult lint = Run({"lint", "-f", Source("testdata/registry/values-platform.yaml"), "-f", dir + "/values.yaml",
                        "--secrets", "files:" + Source("testdata/registry/secrets"), "--at", "2026-12-15T00:00:00Z",
                        "--input", dir + "/items.yaml", "--format", "json"});
  INFO(lint.err);
  REQUIRE(lint.exit_code == 1);
  rapidjson::Document report;
  report.Parse(lint.out.c_str());
  REQUIRE_FALSE(report.HasParseError());
  std::multiset<ResultKey> expected;
  for (const auto& f : report["findings"].GetArray()) {
    std::string severity = f["severity"].GetString();
    auto field = [&f](const char* name) {
      return std::string(f.HasMember(name) && f[name].IsString() ? f[name].GetString() : "");
    };
    expected.insert({field("id"), severity == "error" ? "info" : severity, field("resource"), field("path")});
  }
  RunResult krm = Krm(ReadFile(Source("testdata/krm/warnings.yaml")));
  std::multiset<ResultKey> results = ResultKeys(YAML::Load(krm.out)["results"]);
  // lint names the certificate by its host; the result names its secret file.
  auto expiry = std::find_if(expected.begin(), expected.end(), [](const ResultKey& f) { return std::get<0>(f) == "HG021"; });
  REQUIRE(expiry != expected.end());
  CHECK(std::get<2>(*expiry) == "Route for officer.example.com");
  expected.erase(expiry);
  expected.insert({"HG021", "warning", "", ""});
  CHECK(results == expected);
}
