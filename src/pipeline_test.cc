#include "pipeline.h"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "render_command.h"
#include "render_support.h"

using namespace hostgraft;

namespace {

const char kPortals[] =
    "hostgraft:\n  registry: reg-a\n  defaultHosts: {officer: officer-portal-reg-a.apps.example.com}\n"
    "portals:\n  officer:\n    customHost: {enabled: true, host: officer.example.com}\n";

// A ConfigMap no step touches, then a Gateway step 5.6 edits, then another
// untouched document.
const char kInput[] =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: before\ndata:\n  a: b\n"
    "---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: main\n  namespace: reg-a\n"
    "spec:\n  servers:\n  - hosts:\n    - officer-portal-reg-a.apps.example.com\n"
    "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n";

}  // namespace

TEST_CASE("pipeline: Render reads its input and never changes it, untouched documents are written from it, not "
          "copied", "[pipeline]") {
  Options options;
  options.secrets = "none";
  options.at = test::kAt;
  RenderRun run;
  Diagnostics diags;
  REQUIRE(PrepareRender(YAML::Load(kPortals), kInput, &run, &diags));
  RenderResult first, second;
  REQUIRE(Render(run.config, run.stream, RenderOptionsOf(options, nullptr), &first, &diags));
  CHECK(*run.stream.input == kInput);
  REQUIRE(Render(run.config, run.stream, RenderOptionsOf(options, nullptr), &second, &diags));
  CHECK(second.output.Text() == first.output.Text());
  CHECK(first.output.Text().find("    - officer.example.com\n") != std::string::npos);

  // The first document is a view of the input's bytes; the edited Gateway
  // is a text of its own; the last document is a view again.
  const std::vector<std::string_view>& pieces = first.output.pieces();
  REQUIRE(pieces.size() == 3);
  const char* in_begin = run.stream.input->data();
  const char* in_end = in_begin + run.stream.input->size();
  auto in_input = [&](std::string_view piece) { return piece.data() >= in_begin && piece.data() < in_end; };
  CHECK(in_input(pieces[0]));
  CHECK_FALSE(in_input(pieces[1]));
  CHECK(in_input(pieces[2]));
  CHECK(pieces[2] == "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n");
}
