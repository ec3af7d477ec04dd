// Liberal in what passes through, strict in what is edited (DESIGN.md
// section 3): a duplicate mapping key or a YAML alias in a document no step
// must change passes byte for byte with a warning; a document a step must
// edit is never edited through a duplicate key or an alias.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

std::vector<std::string> Args() {
  return {"render", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
          Source("testdata/registry/values-registry.yaml"), "--secrets", "none"};
}

// The officer portal's VirtualService up to its metadata.
const std::string kVirtualServiceHead =
    "---\n"
    "apiVersion: networking.istio.io/v1beta1\n"
    "kind: VirtualService\n"
    "metadata:\n"
    "  name: officer-portal\n"
    "  namespace: reg-a\n";

// The whole of it: the step adds officer.example.com to spec.hosts.
const std::string kVirtualService = kVirtualServiceHead +
    "spec:\n"
    "  hosts:\n"
    "    - officer-portal-reg-a.apps.cluster.example.com\n"
    "  gateways: [gateway]\n";

// As a published chart renders it: `env` twice in one container (Helm and
// the API server keep the last).
const char kDuplicateEnv[] =
    "---\n"
    "# Source: monitoring/templates/exporter.yaml\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: exporter\n"
    "  namespace: openshift-monitoring\n"
    "spec:\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: exporter\n"
    "          image: exporter:1.0\n"
    "          env: []\n"
    "          env:\n"
    "            - name: A\n"
    "              value: \"1\"\n";

}  // namespace

TEST_CASE("strict edits: a duplicate key in a document no step edits passes byte for byte, with a warning",
          "[strict-edits]") {
  std::string input = kVirtualService + kDuplicateEnv;
  RunResult r = Run(Args(), input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The VirtualService is grafted; the Deployment comes out as it came.
  CHECK(r.out.find("    - officer.example.com\n") != std::string::npos);
  CHECK(r.out.substr(r.out.size() - std::string(kDuplicateEnv).size()) == kDuplicateEnv);
  CHECK(r.err.find("warning: document 2 (Deployment openshift-monitoring/exporter), "
                   "spec.template.spec.containers[0].env, line 25: duplicate mapping key \"env\" (first at line 24): Helm and "
                   "the API server keep the last value; the document passes through as it came, and hostgraft refuses to "
                   "edit it") != std::string::npos);
}

TEST_CASE("strict edits: a duplicate key in a document a step must edit is exit 4", "[strict-edits]") {
  std::string input = kVirtualService + "  gateways: [other]\n";
  RunResult r = Run(Args(), input);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  CHECK(r.err.find("error: document 1 (VirtualService reg-a/officer-portal), spec.gateways, line 11: duplicate "
                   "mapping key \"gateways\" in a document hostgraft must edit (virtual-service: spec.hosts)") !=
        std::string::npos);
}

TEST_CASE("strict edits: a duplicate key that makes a resource's identity ambiguous is exit 4", "[strict-edits]") {
  std::string input = kVirtualService + "---\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
  RunResult r = Run(Args(), input);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  CHECK(r.err.find("document 2 (ConfigMap a), line 15: duplicate mapping key \"name\" (first at line 14): the "
                   "resource's identity is ambiguous") != std::string::npos);
}

TEST_CASE("strict edits: values files stay strict about duplicate keys", "[strict-edits]") {
  std::string values = TempDir() + "/values.yaml";
  WriteFile(values, "keycloak:\n  host: a.example.com\n  host: b.example.com\n");
  RunResult r = Run({"render", "-f", values, "--secrets", "none"}, kVirtualService);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("duplicate mapping key \"host\"") != std::string::npos);
}

TEST_CASE("strict edits: nothing is edited through a YAML alias", "[strict-edits]") {
  // spec is an alias of an annotation's anchored value: adding the custom
  // host to spec.hosts would rewrite the annotation too.
  std::string input = kVirtualServiceHead +
      "  annotations:\n"
      "    template: &t\n"
      "      hosts:\n"
      "        - officer-portal-reg-a.apps.cluster.example.com\n"
      "spec: *t\n";
  RunResult r = Run(Args(), input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == input);
  CHECK(r.err.find("warning: document 1 (VirtualService reg-a/officer-portal), metadata.annotations.template.hosts, "
                   "line 10: not edited: this node is shared through a YAML alias, and an edit would change every "
                   "place that refers to it\n  fix: write the value out in the chart's template instead of the "
                   "anchor and alias\n") != std::string::npos);

  // The anchored node is shared too: an edit of spec.hosts would change
  // what the later alias says.
  std::string anchored = kVirtualServiceHead +
      "spec: &s\n"
      "  hosts:\n"
      "    - officer-portal-reg-a.apps.cluster.example.com\n";
  r = Run(Args(), anchored + "status: *s\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == anchored + "status: *s\n");
  CHECK(r.err.find("document 1 (VirtualService reg-a/officer-portal), spec.hosts, line 9: not edited") !=
        std::string::npos);
  // An anchor no alias refers to shares nothing: the document is edited.
  r = Run(Args(), anchored);
  CHECK(r.exit_code == 0);
  CHECK(r.out == anchored + "    - officer.example.com\n");
  CHECK(r.err.find("not edited") == std::string::npos);
}
