#include "placeholder_guard.h"

#include <catch2/catch.hpp>

#include "base64.h"
#include "files_store.h"
#include "render_support.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kIcsValues[] =
    "hostgraft:\n  ics:\n    customHost: ics.example.org\n    keycloakHost: id.example.org\n"
    "    portalHost: portal.example.org\n";

const char kUnhandled[] =
    "---\n# Source: app/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n"
    "  namespace: apps\ndata:\n  # hostgraft-placeholder only in a comment: no value holds it\n  mode: fine\n"
    "---\n# Source: app/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-tls\n"
    "  namespace: apps\ndata:\n  tls.key: aG9zdGdyYWZ0LXBsYWNlaG9sZGVy\n  tls.crt: Zm9v\n";

std::string IcsInput() { return ReadFile(Source("testdata/ics/helm3-placeholders.yaml")); }

}  // namespace

TEST_CASE("placeholder guard: a value holds the placeholder as text or base64", "[ics][placeholder]") {
  CHECK(HoldsPlaceholder("hostgraft-placeholder"));
  CHECK(HoldsPlaceholder("hostgraft-placeholder\n"));
  CHECK(HoldsPlaceholder("-----BEGIN CERTIFICATE-----\nhostgraft-placeholder\n"));
  CHECK(HoldsPlaceholder(Base64Encode("hostgraft-placeholder")));
  CHECK(HoldsPlaceholder(Base64Encode("hostgraft-placeholder\n")));
  CHECK_FALSE(HoldsPlaceholder("hostgraft-place"));
  CHECK_FALSE(HoldsPlaceholder(Base64Encode("a real certificate")));
  CHECK_FALSE(HoldsPlaceholder(""));
}

TEST_CASE("placeholder guard: a placeholder no step replaces is exit 2 naming document, path and line",
          "[ics][placeholder]") {
  MemoryStore store;
  Rendered r = RenderText(kIcsValues, kUnhandled, &store);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == kExitUsage);
  CHECK(r.Only(Severity::kError) ==
        "error: document 2 (Secret apps/app-tls), data.tls.key, line 19: the placeholder hostgraft-placeholder is "
        "left in the output: hostgraft replaces nothing here\n"
        "  fix: hostgraft replaces the placeholder only in the Intercom Service's Redis CA ConfigMap (rootca.pem) "
        "and Redis client Secrets (tls.crt, tls.key), with hostgraft.ics configured (docs/ics.md); give this value "
        "its real content\n");
}

TEST_CASE("placeholder guard: without a store (--secrets none) every Redis placeholder left is named",
          "[ics][placeholder]") {
  Rendered r = RenderText(kIcsValues, IcsInput());
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  const std::string why = ": the placeholder hostgraft-placeholder is left in the output: --secrets none gives no TLS "
                          "material to replace it\n  fix: pass --secrets vault or --secrets files:DIR\n";
  CHECK(r.Only(Severity::kError) ==
        "error: document 3 (Secret nubus/nubus-intercom-service-redis-client-credentials), stringData.tls.crt, line 47" +
            why +
            "error: document 3 (Secret nubus/nubus-intercom-service-redis-client-credentials), stringData.tls.key, "
            "line 49" +
            why + "error: document 7 (ConfigMap nubus/nubus-intercom-service-redis-ssl), data.rootca.pem, line 142" +
            why);
}

TEST_CASE("placeholder guard: in a document a step edits, the value is named by its input line", "[ics][placeholder]") {
  FilesStore store(Source("testdata/ics/secrets"));
  std::string input = IcsInput();
  const std::string portal = "  PORTAL_URL: ";
  REQUIRE(input.find(portal) != std::string::npos);
  input.insert(input.find(portal), "  EXTRA_CA: hostgraft-placeholder\n");
  Rendered r = RenderText(kIcsValues, input, &store);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  // The ics-env step edits this Secret (lines 97 to 109) before the value.
  CHECK(r.Only(Severity::kError).rfind(
            "error: document 6 (Secret nubus-intercom-service), stringData.EXTRA_CA, line 117: the placeholder "
            "hostgraft-placeholder is left in the output: hostgraft replaces nothing here\n",
            0) == 0);
}

TEST_CASE("placeholder guard: generated documents are searched too", "[ics][placeholder]") {
  Config config;
  Stream stream;
  Diagnostics diags;
  RenderContext ctx{config, stream, diags, 0, true, {}};
  Value body = Value::Map({{"apiVersion", "v1"}, {"kind", "ConfigMap"}});
  body.Add("data", Value::Map({{"rootca.pem", "hostgraft-placeholder"}}));
  CHECK_FALSE(RefusePlaceholdersLeft(ctx, RenderOptions{}, {}, {{"ConfigMap", "ca", "ics-redis-ca", body}}));
  REQUIRE(diags.all().size() == 1);
  CHECK(FormatDiagnostic(diags.all()[0]).rfind(
            "error: generated ConfigMap ca, data.rootca.pem: the placeholder hostgraft-placeholder is left in the "
            "output: hostgraft replaces nothing here\n",
            0) == 0);
}

TEST_CASE("placeholder guard: lint, which goes on without the Redis material, warns instead", "[ics][placeholder][lint]") {
  Config config;
  config.ics = IcsConfig{};
  Stream stream;
  Diagnostics read;
  REQUIRE(ReadStream(IcsInput(), ManifestReadLimits(), &stream, &read));
  EditedTexts edited;
  for (bool lint : {false, true}) {
    INFO(lint);
    Diagnostics diags, checks;
    RenderContext ctx{config, stream, diags, 0, true, {}};
    RenderOptions options;
    if (lint) options.check_findings = &checks;
    CHECK(RefusePlaceholdersLeft(ctx, options, edited, {}) == lint);
    REQUIRE(diags.all().size() == 3);
    for (const Diagnostic& d : diags.all()) CHECK(d.severity == (lint ? Severity::kWarning : Severity::kError));
    CHECK(FormatDiagnostic(diags.all()[2]) ==
          (lint ? "warning: document 7 (ConfigMap nubus/nubus-intercom-service-redis-ssl), data.rootca.pem, line 142: "
                  "the placeholder hostgraft-placeholder is left in the output: no Redis TLS material from "
                  "secret/ics/redis replaces it\n  fix: render with the Redis secret (caCertificate, certificate, key) "
                  "in the store"
                : "error: document 7 (ConfigMap nubus/nubus-intercom-service-redis-ssl), data.rootca.pem, line 142: "
                  "the placeholder hostgraft-placeholder is left in the output: no Redis TLS material was read for "
                  "it: the stream has no Intercom Service Deployment that uses Redis TLS\n  fix: render the "
                  "Intercom Service release whole (its Deployment included); with an overridden fullname, set "
                  "hostgraft.ics.fullname"));
  }
}
