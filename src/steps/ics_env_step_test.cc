#include <catch2/catch.hpp>

#include "base64.h"
#include "ics.h"
#include "render_support.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kValues[] =
    "hostgraft:\n  ics:\n    customHost: ics.example.org\n    keycloakHost: id.example.org\n"
    "    portalHost: portal.example.org\n";

const char kLabels[] = "  labels:\n    app.kubernetes.io/instance: nubus\n    app.kubernetes.io/name: intercom-service\n";

std::string EnvSecret(const std::string& body) {
  return std::string("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: nubus-intercom-service\n") + kLabels + body;
}

}  // namespace

TEST_CASE("ics-env: URLs move to the custom hosts with scheme, port and realm path kept", "[step][ics]") {
  std::string input = EnvSecret(
      "stringData:\n  INTERCOM_URL: \"https://ics.nubus.example.com\"\n  BASE_URL: https://ics.nubus.example.com/\n"
      "  ISSUER_BASE_URL: \"https://id.nubus.example.com:8443/auth/realms/nubus\"  # Keycloak before 17\n"
      "  KEYCLOAK_URL: 'https://id.nubus.example.com'\n  REALM_NAME: \"nubus\"\n"
      "  PORTAL_URL: \"https://portal.nubus.example.com\"\n  REDIS_HOST: \"nubus-redis-headless\"\n"
      "  ORIGIN_REGEX: \"^https://([a-z0-9-]+\\\\.)?nubus\\\\.example\\\\.com$\"\n");
  Rendered r = RenderText(kValues, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(LineDiff(input, r.out) ==
        std::vector<std::string>{
            "-  INTERCOM_URL: \"https://ics.nubus.example.com\"",
            "-  BASE_URL: https://ics.nubus.example.com/",
            "-  ISSUER_BASE_URL: \"https://id.nubus.example.com:8443/auth/realms/nubus\"  # Keycloak before 17",
            "-  KEYCLOAK_URL: 'https://id.nubus.example.com'",
            "+  INTERCOM_URL: \"https://ics.example.org\"",
            "+  BASE_URL: https://ics.example.org/",
            "+  ISSUER_BASE_URL: \"https://id.example.org:8443/auth/realms/nubus\"  # Keycloak before 17",
            "+  KEYCLOAK_URL: 'https://id.example.org'",
            "-  PORTAL_URL: \"https://portal.nubus.example.com\"",
            "+  PORTAL_URL: \"https://portal.example.org\"",
            "-  ORIGIN_REGEX: \"^https://([a-z0-9-]+\\\\.)?nubus\\\\.example\\\\.com$\"",
            "+  ORIGIN_REGEX: \"(?:^https://([a-z0-9-]+\\\\.)?nubus\\\\.example\\\\.com$)|^https://ics\\\\.example\\\\.org$|"
            "^https://portal\\\\.example\\\\.org$\"",
        });
  CHECK(RenderText(kValues, r.out).out == r.out);
}

TEST_CASE("ics-env: a base64 data Secret is written back base64", "[step][ics]") {
  std::string input = EnvSecret("data:\n  BASE_URL: " + Base64Encode("https://ics.nubus.example.com") +
                                "\n  ISSUER_BASE_URL: " + Base64Encode("https://id.nubus.example.com/realms/nubus") +
                                "\n  LOG_LEVEL: " + Base64Encode("INFO") + "\n");
  Rendered r = RenderText(kValues, input);
  INFO(r.Errors());
  REQUIRE(r.ok);
  CHECK(LineDiff(input, r.out) ==
        std::vector<std::string>{
            "-  BASE_URL: " + Base64Encode("https://ics.nubus.example.com"),
            "-  ISSUER_BASE_URL: " + Base64Encode("https://id.nubus.example.com/realms/nubus"),
            "+  BASE_URL: " + Base64Encode("https://ics.example.org"),
            "+  ISSUER_BASE_URL: " + Base64Encode("https://id.example.org/realms/nubus"),
        });
  CHECK(r.result.changes.size() == 2);
  CHECK(r.result.changes[0].second.path == "data.ISSUER_BASE_URL");
}

TEST_CASE("ics-env: only the configured hosts, only the ICS env Secret", "[step][ics]") {
  std::string body = "stringData:\n  BASE_URL: \"https://ics.nubus.example.com\"\n"
                     "  PORTAL_URL: \"https://portal.nubus.example.com\"\n  ORIGIN_REGEX: \"^https://a\\\\.b$\"\n";
  std::string input = EnvSecret(body);
  Rendered r = RenderText("hostgraft:\n  ics:\n    customHost: ics.example.org\n", input);
  REQUIRE(r.ok);
  CHECK(LineDiff(input, r.out) == std::vector<std::string>{
                                      "-  BASE_URL: \"https://ics.nubus.example.com\"",
                                      "+  BASE_URL: \"https://ics.example.org\"",
                                      "-  ORIGIN_REGEX: \"^https://a\\\\.b$\"",
                                      "+  ORIGIN_REGEX: \"(?:^https://a\\\\.b$)|^https://ics\\\\.example\\\\.org$\"",
                                  });
  // Another release's Secret, an unlabelled one, and ICS not configured stay as they are.
  std::string other = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: nubus-intercom-service-oidc\n" +
                      std::string(kLabels) + body;
  CHECK(RenderText(kValues, other).out == other);
  std::string unlabelled = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: nubus-intercom-service\n" + body;
  CHECK(RenderText(kValues, unlabelled).out == unlabelled);
  CHECK(RenderText("", input).out == input);
  // hostgraft.ics.fullname names a release whose fullname is not <release>-intercom-service.
  std::string renamed = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ics\n" + std::string(kLabels) + body;
  CHECK(RenderText(kValues, renamed).out == renamed);
  Rendered named = RenderText(std::string(kValues) + "    fullname: ics\n", renamed);
  CHECK(named.out.find("BASE_URL: \"https://ics.example.org\"") != std::string::npos);
}

TEST_CASE("ics-env: ORIGIN_REGEX gains regex-escaped origins once", "[step][ics]") {
  CHECK(RegexEscape("https://a-b.example.org") == "https://a-b\\.example\\.org");
  CHECK(RegexEscape("^$\\.*+?()[]{}|") == "\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|");
  std::string once = GraftOriginRegex("^https://x$|^https://y$", {"https://ics.example.org"});
  CHECK(once == "(?:^https://x$|^https://y$)|^https://ics\\.example\\.org$");
  CHECK(GraftOriginRegex(once, {"https://ics.example.org"}) == once);
  CHECK(GraftOriginRegex(once, {"https://ics.example.org", "https://p.example.org"}) ==
        "(?:" + once + ")|^https://p\\.example\\.org$");
}

TEST_CASE("ics-env: the grafted ORIGIN_REGEX under JavaScript's new RegExp", "[step][ics][node]") {
  if (RunProgram({"node", "--version"}).exit_code != 0) {
    WARN("node is not installed: JavaScript semantics not checked");
    return;
  }
  std::string regex = GraftOriginRegex("^https://([a-z0-9-]+\\.)?nubus\\.example\\.com$",
                                       {"https://ics.example.org", "https://portal.example.org"});
  // ICS tests the request's Origin with new RegExp(ORIGIN_REGEX).test(origin): search semantics.
  std::string script =
      "const re = new RegExp(process.argv[1]);"
      "for (const o of process.argv.slice(2)) console.log(o + ' ' + re.test(o));";
  RunResult r = RunProgram({"node", "-e", script, regex, "https://ics.example.org", "https://icsXexample.org",
                            "https://portal.example.org", "https://portalXexample.org", "https://ics.nubus.example.com",
                            "https://nubus.example.com", "https://ics.example.org.evil.com",
                            "https://evil.com/?https://ics.example.org", "http://ics.example.org"});
  INFO(r.err);
  CHECK(r.out ==
        "https://ics.example.org true\nhttps://icsXexample.org false\nhttps://portal.example.org true\n"
        "https://portalXexample.org false\nhttps://ics.nubus.example.com true\nhttps://nubus.example.com true\n"
        "https://ics.example.org.evil.com false\nhttps://evil.com/?https://ics.example.org false\n"
        "http://ics.example.org false\n");
}
