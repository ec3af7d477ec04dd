#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

const char kValues[] = "hostgraft:\n  ics:\n    customHost: ics.example.org\n  tls: {trust: bundle}\n";

const char kIngress[] =
    "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: nubus-intercom-service\n"
    "  namespace: nubus\n  labels:\n    app.kubernetes.io/name: intercom-service\nspec:\n  tls:\n"
    "    - hosts:\n        - \"ics.nubus.example.com\"\n      secretName: \"nubus-intercom-service-tls\"\n"
    "  rules:\n    - host: \"ics.nubus.example.com\"\n      http:\n        paths:\n          - path: /\n"
    "            pathType: Prefix\n";

}  // namespace

TEST_CASE("ics-ingress: a rule and a tls entry for customHost, and the checked certificate's Secret", "[step][ics]") {
  TestCert ca = MakeCa("Ingress Test CA");
  MemoryStore store;
  store.Put("secret/ics/ingress/ics.example.org", Fields(MakeLeaf(ca, {"ics.example.org"}), ca));
  Rendered r = RenderText(kValues, kIngress, &store);
  INFO(r.Errors());
  REQUIRE(r.ok);
  std::string input = kIngress;
  REQUIRE(r.out.find("---\n# Source: hostgraft/secret-hostgraft-ics-example-org.yaml\n") != std::string::npos);
  std::string edited = r.out.substr(0, r.out.find("---\n# Source: hostgraft/"));
  CHECK(LineDiff(input, edited) == std::vector<std::string>{
                                       "+    - hosts:",
                                       "+        - ics.example.org",
                                       "+      secretName: hostgraft-ics-example-org",
                                       "+    - host: \"ics.example.org\"",
                                       "+      http:",
                                       "+        paths:",
                                       "+          - path: /",
                                       "+            pathType: Prefix",
                                   });
  REQUIRE(r.result.generated.size() == 1);
  const auto& secret = r.result.generated[0];
  CHECK(secret.step == "ics-ingress");
  CHECK(RenderBlock(secret.body, 0).find("  namespace: nubus\n") != std::string::npos);
  CHECK(RenderBlock(secret.body, 0).find("type: kubernetes.io/tls\n") != std::string::npos);
  CHECK(RenderText(kValues, r.out, &store).out == r.out);
}

TEST_CASE("ics-ingress: without material only the rule, an Ingress without tls gets one", "[step][ics]") {
  Rendered none = RenderText(kValues, kIngress);
  REQUIRE(none.ok);
  CHECK(LineDiff(kIngress, none.out).size() == 5);
  CHECK(none.out.find("hostgraft-ics-example-org") == std::string::npos);
  // The --secrets none warning for the ingress certificate (and notes).
  int warnings = 0;
  for (const hostgraft::Diagnostic& d : none.diags.all()) warnings += d.severity == hostgraft::Severity::kWarning;
  CHECK(warnings == 1);
  CHECK_FALSE(none.diags.has_errors());

  std::string no_tls = kIngress;
  no_tls.erase(no_tls.find("  tls:\n"), no_tls.find("  rules:\n") - no_tls.find("  tls:\n"));
  TestCert ca = MakeCa("Ingress Test CA");
  MemoryStore store;
  store.Put("secret/ics/ingress/ics.example.org", Fields(MakeLeaf(ca, {"ics.example.org"}), ca));
  Rendered r = RenderText(kValues, no_tls, &store);
  REQUIRE(r.ok);
  CHECK(r.out.find("            pathType: Prefix\n  tls:\n    - hosts:\n        - ics.example.org\n"
                   "      secretName: hostgraft-ics-example-org\n") != std::string::npos);
}
