// hostgraft krm: ResourceList fixtures in testdata/krm/ (kubectl cannot run
// exec KRM functions, so the host is stood in for by fixtures).
#include <catch2/catch.hpp>

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

// The output of a run that failed with one configuration error.
YAML::Node WithOneError(const RunResult& r) {
  CHECK(r.exit_code == 2);
  YAML::Node out = YAML::Load(r.out);
  REQUIRE(out["results"].size() == 1);
  CHECK(out["results"][0]["severity"].as<std::string>() == "error");
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
  CHECK_FALSE(out["results"]);
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
  // A function's output is a fixed point.
  CHECK(Krm(r.out).out == r.out);
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
  REQUIRE(out["results"].size() >= 1);
  for (const YAML::Node& result : out["results"]) CHECK(result["severity"].as<std::string>() == "warning");
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
