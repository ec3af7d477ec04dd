// 5.7: a VirtualService that lists a default portal host also lists the
// portal's custom host, so the same routes serve both names.
#include "steps.h"

namespace hostgraft {
namespace {

class VirtualServiceStep : public Step {
 public:
  const char* id() const override { return "virtual-service"; }

  bool Wants(const Document& doc) const override { return doc.Is("networking.istio.io", "VirtualService"); }

  void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const override {
    const Node* hosts = doc.tree().root()->At("spec.hosts");
    if (!hosts || !hosts->IsSeq()) return;
    for (const Portal* p : {&ctx.config.officer, &ctx.config.citizen}) {
      if (p->custom_host.empty() || p->default_host.empty()) continue;
      int at = FindItem(hosts, p->default_host);
      if (at < 0 || FindItem(hosts, p->custom_host) >= 0) continue;
      edits->InsertItem(*hosts, at, Value(p->custom_host));
      edits->Note(id(), "spec.hosts", hosts->line, "lists " + p->custom_host);
    }
  }
};

}  // namespace

std::unique_ptr<Step> MakeVirtualServiceStep() { return std::make_unique<VirtualServiceStep>(); }

}  // namespace hostgraft
