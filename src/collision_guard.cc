#include "collision_guard.h"

#include <map>
#include <tuple>

namespace hostgraft {
namespace {

// Group, kind, namespace, name: what the API server keys an object on. An
// object without a namespace is in the release's namespace, as is a
// generated one beside it (tls_hosts.h AnchorOf).
using Identity = std::tuple<std::string, std::string, std::string, std::string>;

}  // namespace

bool RefuseNameCollisions(const Stream& stream, const std::vector<GeneratedDocument>& generated, Diagnostics* diags) {
  if (generated.empty()) return true;
  std::map<Identity, const Document*> inputs;
  for (const Document& doc : stream.documents)
    if (doc.has_node && !doc.kind.empty() && !doc.name.empty())
      inputs.emplace(Identity{std::string(doc.Group()), doc.kind, doc.namespace_, doc.name}, &doc);
  bool ok = true;
  for (const GeneratedDocument& g : generated) {
    auto it = inputs.find(Identity{std::string(ApiGroup(g.ApiVersion())), g.kind, g.Namespace(), g.name});
    if (it == inputs.end()) continue;
    const Document& doc = *it->second;
    const Node* name = doc.tree().root()->At("metadata.name");
    diags->Error(kExitUsage, {doc.index, doc.Resource(), "metadata.name", name ? name->line : doc.first_line, {}},
                 "hostgraft would generate " + g.Resource() + " (" + g.step + "), and this input object has that "
                 "name already: the output would hold two objects with one name",
                 "rename or remove this object in the chart (names starting with hostgraft- are hostgraft's), or "
                 "drop the custom host it stands in the way of from the values");
    ok = false;
  }
  return ok;
}

}  // namespace hostgraft
