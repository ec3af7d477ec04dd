#include "ics.h"

#include <catch2/catch.hpp>

#include "base64.h"
#include "stream_reader.h"

using namespace hostgraft;

namespace {

Stream Read(const std::string& text) {
  Stream s;
  Diagnostics d;
  REQUIRE(ReadStream(text, ReadLimits{}, &s, &d));
  return s;
}

std::string Labelled(const std::string& kind, const std::string& name, const std::string& release) {
  return "---\napiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name +
         "\n  labels:\n    app.kubernetes.io/name: intercom-service\n    app.kubernetes.io/instance: " + release + "\n";
}

}  // namespace

TEST_CASE("ics: the fullname the chart makes of the release, or the configured one", "[ics]") {
  Config config;
  config.ics = IcsConfig{};
  std::string unlabelled = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: other\n  labels:\n"
                           "    app.kubernetes.io/instance: x\n";
  CHECK(IcsFullname(config, Read(unlabelled)) == "");
  CHECK(IcsFullname(config, Read(unlabelled + Labelled("Service", "nubus-intercom-service", "nubus"))) ==
        "nubus-intercom-service");
  // common.names.fullname: a release whose name contains the chart's is the fullname.
  CHECK(IcsFullname(config, Read(Labelled("Service", "my-intercom-service-a", "my-intercom-service-a"))) ==
        "my-intercom-service-a");
  config.ics->fullname = "ics";
  CHECK(IcsFullname(config, Read(Labelled("Service", "ics", "nubus"))) == "ics");
  config.ics.reset();
  CHECK(IcsFullname(config, Read(Labelled("Service", "nubus-intercom-service", "nubus"))) == "");
}

TEST_CASE("ics: Secret values from stringData or base64 data", "[ics]") {
  Stream s = Read("---\nkind: Secret\nstringData:\n  A: \"1\"\ndata:\n  A: " + Base64Encode("2") +
                  "\n  B: " + Base64Encode("two") + "\n  C: not*base64\n");
  const Node& secret = *s.documents[0].tree().root();
  CHECK(ReadSecretValue(secret, "A")->value == "1");
  CHECK_FALSE(ReadSecretValue(secret, "A")->base64);
  CHECK(ReadSecretValue(secret, "B")->value == "two");
  CHECK(ReadSecretValue(secret, "B")->base64);
  CHECK_FALSE(ReadSecretValue(secret, "C"));
  CHECK_FALSE(ReadSecretValue(secret, "D"));
  CHECK(SamePem("-----BEGIN X-----\nAA\n-----END X-----\n", "-----BEGIN X-----\nAA\n-----END X-----"));
  CHECK_FALSE(SamePem("-----BEGIN X-----\nAA\n-----END X-----\n", "-----BEGIN X-----\nAB\n-----END X-----\n"));
}
