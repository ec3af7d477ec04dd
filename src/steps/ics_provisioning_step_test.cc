#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_support.h"

using namespace hostgraft::test;

TEST_CASE("ics-provisioning: KEYCLOAK_APP_BASE_URL moves to customHost, nothing else", "[step][ics]") {
  const std::string labels = "  labels:\n    app.kubernetes.io/instance: nubus\n    app.kubernetes.io/name: intercom-service\n";
  const std::string data = "data:\n  KEYCLOAK_URL: \"http://nubus-keycloak:8080\"\n"
                           "  KEYCLOAK_APP_BASE_URL: \"https://ics.nubus.example.com\"\n";
  std::string env = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nubus-intercom-service-provisioning-env\n" +
                    labels + data;
  std::string init = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nubus-intercom-service-provisioning-init\n" +
                     labels + data;
  Rendered r = RenderText("hostgraft:\n  ics:\n    customHost: ics.example.org\n", env + init);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(LineDiff(env + init, r.out) == std::vector<std::string>{
                                           "-  KEYCLOAK_APP_BASE_URL: \"https://ics.nubus.example.com\"",
                                           "+  KEYCLOAK_APP_BASE_URL: \"https://ics.example.org\"",
                                       });
  CHECK(r.out.substr(0, env.size()).find("ics.example.org") != std::string::npos);
  CHECK(RenderText("hostgraft:\n  ics:\n    keycloakHost: id.example.org\n", env).out == env);
}
