#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {
const char kValues[] = "keycloak:\n  host: d.example.com\n  customHost: k.example.com\nhostgraft:\n  registry: reg-a\n";

// A workload whose pod spec starts after `prefix` and whose container list
// is indented by `indent`.
std::string Workload(const std::string& kind, const std::string& api, const std::string& prefix,
                     const std::string& indent, const std::string& realm) {
  std::string url = "https://d.example.com/auth/realms/reg-a-" + realm + "/protocol/saml/";
  return "apiVersion: " + api + "\nkind: " + kind + "\nmetadata:\n  name: redash\n" + prefix + "containers:\n" +
         indent + "- name: redash\n" + indent + "  env:\n" + indent + "  - name: REDASH_SAML_METADATA_URL\n" + indent +
         "    value: " + url + "descriptor\n" + indent + "  - name: REDASH_SAML_REDIRECT_URL\n" + indent +
         "    value: \"" + url + "clients/redash\"\n";
}
}  // namespace

TEST_CASE("5.3 redirect URL moves to K for frontend realms, on every workload kind", "[step][5.3]") {
  struct Case {
    const char* kind;
    const char* api;
    const char* prefix;
    const char* indent;
  } cases[] = {{"Deployment", "apps/v1", "spec:\n  template:\n    spec:\n      ", "      "},
               {"StatefulSet", "apps/v1", "spec:\n  template:\n    spec:\n      ", "      "},
               {"CronJob", "batch/v1", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          ",
                "          "},
               {"Pod", "v1", "spec:\n  ", "  "}};
  for (const Case& c : cases) {
    std::string input = Workload(c.kind, c.api, c.prefix, c.indent, "officer-portal");
    Rendered r = RenderText(kValues, input);
    INFO(c.kind << "\n" << r.Errors());
    REQUIRE(r.ok);
    std::vector<std::string> diff = LineDiff(input, r.out);
    REQUIRE(diff.size() == 2);
    CHECK(diff[1] == "+" + std::string(c.indent) +
                         "    value: \"https://k.example.com/auth/realms/reg-a-officer-portal/protocol/saml/clients/redash\"");
    CHECK(RenderText(kValues, r.out).out == r.out);
  }
}

TEST_CASE("5.3 admin realm is not a frontend realm, metadata set back to D", "[step][5.3]") {
  std::string admin = Workload("Deployment", "apps/v1", "spec:\n  template:\n    spec:\n      ", "      ", "admin");
  Rendered r = RenderText(kValues, admin);
  REQUIRE(r.ok);
  CHECK(r.out == admin);

  std::string moved =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    env:\n"
      "    - name: REDASH_SAML_METADATA_URL\n      value: https://k.example.com/auth/realms/reg-a-citizen-portal/d\n"
      "    - name: REDASH_SAML_REDIRECT_URL\n      value: https://k.example.com/auth/realms/reg-a-citizen-portal/r\n";
  r = RenderText(kValues, moved);
  REQUIRE(r.ok);
  CHECK(LineDiff(moved, r.out) == std::vector<std::string>{
                                      "-      value: https://k.example.com/auth/realms/reg-a-citizen-portal/d",
                                      "+      value: https://d.example.com/auth/realms/reg-a-citizen-portal/d",
                                  });
}

TEST_CASE("5.3 a variable name spelt with a double-quoted escape is still found", "[step][5.3]") {
  // The step skips workloads whose bytes do not mention REDASH_SAML_; an
  // escape is the one way to name the variable without those bytes.
  std::string input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    env:\n"
                      "    - name: \"REDASH\\x5FSAML\\x5FREDIRECT\\x5FURL\"\n"
                      "      value: https://d.example.com/auth/realms/reg-a-officer-portal/r\n";
  Rendered r = RenderText(kValues, input);
  REQUIRE(r.ok);
  CHECK(LineDiff(input, r.out) == std::vector<std::string>{
                                      "-      value: https://d.example.com/auth/realms/reg-a-officer-portal/r",
                                      "+      value: https://k.example.com/auth/realms/reg-a-officer-portal/r",
                                  });
  std::string other = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
                      "      containers:\n      - name: web\n        env:\n        - name: URL\n"
                      "          value: https://d.example.com/auth/realms/reg-a-officer-portal/r\n";
  CHECK(RenderText(kValues, other).out == other);
}
