#include "placeholder_guard.h"

#include <map>
#include <memory>

#include "base64.h"
#include "contains_bytes.h"
#include "steps/ics.h"
#include "yaml_tree.h"

namespace hostgraft {
namespace {

// The placeholder is 21 bytes, a whole number of base64 groups: a value
// that starts with it encodes to text that starts with these 28 characters.
const std::string& Placeholder64() {
  static const std::string encoded = Base64Encode(kPlaceholder);
  return encoded;
}

// The cheap test on a document's bytes; a hit may still be a comment.
bool MayHold(std::string_view text) {
  return ContainsBytes(text, kPlaceholder) || ContainsBytes(text, Placeholder64());
}

// The scalar values (not keys) under `node` that hold the placeholder, in
// document order. An alias is skipped: its anchored node is visited itself.
void Collect(const Node* node, std::vector<const Node*>* out) {
  if (!node || node->alias) return;
  if (node->IsScalar()) {
    if (HoldsPlaceholder(node->value)) out->push_back(node);
    return;
  }
  size_t step = node->IsMap() ? 2 : 1;
  for (size_t i = node->IsMap() ? 1 : 0; i < node->children.size(); i += step) Collect(node->children[i], out);
}

void CollectValue(const Value& v, const std::string& path, std::vector<std::string>* out) {
  if (v.type == Value::Type::kString && HoldsPlaceholder(v.str)) out->push_back(path);
  for (size_t i = 0; i < v.items.size(); ++i) CollectValue(v.items[i], Index(path, i), out);
  for (const auto& [key, value] : v.entries) CollectValue(value, Path(path, key), out);
}

class Guard {
 public:
  Guard(const RenderContext& ctx, const RenderOptions& options) : ctx_(ctx), lint_(options.check_findings) {}

  void Left(const Document* doc, Location where) {
    // lint goes on without what it could not fetch (and says so): the
    // placeholders that material would have replaced are its consequence.
    bool waiting = doc && ctx_.config.ics && IsIcsResource(*doc) && !ctx_.Material(ctx_.config.ics->redis_path);
    std::string message = "the placeholder " + std::string(kPlaceholder) + " is left in the output: ";
    if (lint_ && waiting) {
      ctx_.diags.Warning(where, message + "no Redis TLS material from " + ctx_.config.ics->redis_path + " replaces it",
                         "render with the Redis secret (caCertificate, certificate, key) in the store");
      return;
    }
    refused_ = true;
    if (!ctx_.secrets_available)
      ctx_.diags.Error(kExitUsage, where, message + "--secrets none gives no TLS material to replace it",
                       "pass --secrets vault or --secrets files:DIR");
    else if (waiting)
      ctx_.diags.Error(kExitUsage, where,
                       message + "no Redis TLS material was read for it: the stream has no Intercom Service "
                                 "Deployment that uses Redis TLS",
                       "render the Intercom Service release whole (its Deployment included); with an overridden "
                       "fullname, set hostgraft.ics.fullname");
    else
      ctx_.diags.Error(kExitUsage, where, message + "hostgraft replaces nothing here",
                       "hostgraft replaces the placeholder only in the Intercom Service's Redis CA ConfigMap "
                       "(rootca.pem) and Redis client Secrets (tls.crt, tls.key), with hostgraft.ics configured "
                       "(docs/ics.md); give this value its real content");
  }

  bool refused() const { return refused_; }

 private:
  const RenderContext& ctx_;
  bool lint_;
  bool refused_ = false;
};

}  // namespace

bool HoldsPlaceholder(std::string_view value) {
  if (value.find(kPlaceholder) != std::string_view::npos) return true;
  std::string decoded;
  return value.find(Placeholder64()) != std::string_view::npos && Base64Decode(value, &decoded) &&
         decoded.find(kPlaceholder) != std::string::npos;
}

bool RefusePlaceholdersLeft(const RenderContext& ctx, const RenderOptions& options,
                            const EditedTexts& edited, const std::vector<GeneratedDocument>& generated) {
  Guard guard(ctx, options);
  // One search of the whole input saves one per document in the common case.
  const bool input_may_hold = !ctx.stream.input || MayHold(*ctx.stream.input);
  for (const Document& doc : ctx.stream.documents) {
    auto it = edited.find(doc.index);
    const std::string_view text = it == edited.end() ? std::string_view() : std::string_view(it->second);
    if (!doc.has_node || (text.empty() && !input_may_hold) || !MayHold(text.empty() ? doc.text : text)) continue;
    std::vector<const Node*> input;
    Collect(doc.tree().root(), &input);
    if (text.empty()) {
      for (const Node* n : input) guard.Left(&doc, {doc.index, doc.Resource(), PathOf(n), n->line, {}});
      continue;
    }
    // Lines are the input's: a value the edits left where it was has the
    // line it came on; one they moved is named by its path alone.
    std::map<std::string, int> input_lines;
    for (const Node* n : input) input_lines.emplace(PathOf(n), n->line);
    auto output = std::make_unique<Tree>(text, doc.body_offset, doc.first_line);
    std::vector<const Node*> left;
    Collect(output->root(), &left);
    for (const Node* n : left) {
      std::string path = PathOf(n);
      auto line = input_lines.find(path);
      guard.Left(&doc, {doc.index, doc.Resource(), path, line == input_lines.end() ? 0 : line->second, {}});
    }
  }
  for (const GeneratedDocument& g : generated) {
    std::vector<std::string> left;
    CollectValue(g.body, "", &left);
    for (const std::string& path : left) guard.Left(nullptr, {-1, "generated " + g.kind + " " + g.name, path, 0, {}});
  }
  return !guard.refused();
}

}  // namespace hostgraft
