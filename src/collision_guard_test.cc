#include "collision_guard.h"

#include <catch2/catch.hpp>

#include "render_support.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const char kValues[] =
    "keycloak: {host: d.example.com}\nhostgraft: {registry: reg-a, tls: {trust: bundle}}\nportals:\n  officer:\n"
    "    customHost: {enabled: true, host: officer.example.com, certificatePath: kv/o}\n";

// The Route serving the default officer host: the anchor of the generated one.
const char kAnchor[] =
    "---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: officer-portal\n  namespace: reg-a\n"
    "spec:\n  host: officer-portal-reg-a.apps.example.com\n  to: {kind: Service, name: gw}\n"
    "  port: {targetPort: http2}\n";

// An input object called what hostgraft names the Route for officer.example.com.
std::string Namesake(const std::string& api_version, const std::string& kind, const std::string& ns) {
  return "---\napiVersion: " + api_version + "\nkind: " + kind + "\nmetadata:\n  name: hostgraft-officer-example-com\n" +
         (ns.empty() ? "" : "  namespace: " + ns + "\n") + "spec:\n  host: other.example.com\n";
}

struct Store {
  TestCert ca = MakeCa("Collision Test CA");
  TestCert leaf = MakeLeaf(ca, {"officer.example.com"});
  MemoryStore store;
  Store() { store.Put("kv/o", Fields(leaf, ca)); }
};

}  // namespace

TEST_CASE("collision guard: a generated Route named like an input Route is exit 2 naming both",
          "[collision][2.1]") {
  Store s;
  Rendered r = RenderText(kValues, kAnchor + Namesake("route.openshift.io/v1", "Route", "reg-a"), &s.store);
  CHECK_FALSE(r.ok);
  CHECK(r.out.empty());
  CHECK(r.diags.exit_code() == kExitUsage);
  CHECK(r.Only(Severity::kError) ==
        "error: document 2 (Route reg-a/hostgraft-officer-example-com), metadata.name, line 15: hostgraft would "
        "generate Route reg-a/hostgraft-officer-example-com (route), and this input object has that name already: "
        "the output would hold two objects with one name\n"
        "  fix: rename or remove this object in the chart (names starting with hostgraft- are hostgraft's), or drop "
        "the custom host it stands in the way of from the values\n");
}

TEST_CASE("collision guard: the same name in another namespace, kind or API group is another object",
          "[collision][2.1]") {
  Store s;
  for (const std::string& other : {Namesake("route.openshift.io/v1", "Route", "other-ns"),
                                   Namesake("v1", "Secret", "reg-a"),
                                   Namesake("example.io/v1", "Route", "reg-a")}) {
    INFO(other);
    Rendered r = RenderText(kValues, kAnchor + other, &s.store);
    INFO(r.Errors());
    CHECK(r.ok);
    REQUIRE(r.result.generated.size() == 1);
    CHECK(r.result.generated[0].Resource() == "Route reg-a/hostgraft-officer-example-com");
  }
}

TEST_CASE("collision guard: the object a previous render generated is not generated again", "[collision][2.1]") {
  Store s;
  Rendered once = RenderText(kValues, kAnchor, &s.store);
  REQUIRE(once.ok);
  Rendered twice = RenderText(kValues, once.out, &s.store);
  INFO(twice.Errors());
  CHECK(twice.ok);
  CHECK(twice.out == once.out);
}
