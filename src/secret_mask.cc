#include "secret_mask.h"

#include <algorithm>
#include <map>
#include <vector>

#include "base64.h"
#include "yaml_tree.h"

namespace hostgraft {
namespace {

// A value to mask and the name it is matched by on the other side.
struct Secret {
  const Node* node;
  std::string path;
};

// The values of every `key` of a mapping: duplicates included, so a second
// `data:` cannot slip through where lookups see only the last.
std::vector<const Node*> ValuesOf(const Node* map, std::string_view key) {
  std::vector<const Node*> values;
  if (!map || !map->IsMap()) return values;
  for (size_t i = 0; i < map->Size(); ++i)
    if (map->KeyAt(i)->IsScalar() && map->KeyAt(i)->value == key) values.push_back(map->ValueAt(i));
  return values;
}

// A PEM private key ("-----BEGIN [RSA |EC |ENCRYPTED |OPENSSH ]PRIVATE
// KEY-----"), as text or as base64 of it.
bool HoldsPrivateKey(std::string_view value) {
  auto pem = [](std::string_view text) {
    size_t begin = text.find("-----BEGIN ");
    return begin != std::string_view::npos && text.find("PRIVATE KEY", begin) != std::string_view::npos;
  };
  if (pem(value)) return true;
  std::string decoded;
  return value.size() >= 16 && Base64Decode(value, &decoded) && pem(decoded);
}

// The secret values of `doc` in text order, each range once; false when
// it holds YAML that does not parse.
bool SecretsOf(const Document& doc, std::vector<Secret>* found) {
  if (!doc.has_node) return true;
  const Node* root = doc.tree().root();
  if (!root) return false;
  std::vector<Secret> secrets;
  if (doc.Is("", "Secret")) {
    for (const char* field : {"data", "stringData"})
      for (const Node* values : ValuesOf(root, field)) {
        if (!values->IsMap()) {
          secrets.push_back({values, field});
          continue;
        }
        for (size_t i = 0; i < values->Size(); ++i)
          secrets.push_back({values->ValueAt(i), std::string(field) + "." + std::string(values->KeyAt(i)->Str())});
      }
  }
  if (doc.Is("route.openshift.io", "Route"))
    for (const Node* spec : ValuesOf(root, "spec"))
      for (const Node* tls : ValuesOf(spec, "tls"))
        for (const Node* key : ValuesOf(tls, "key")) secrets.push_back({key, "spec.tls.key"});
  // Anywhere else: a private key. An alias's content is checked where its
  // anchor is written.
  std::vector<const Node*> todo{root};
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    if (n->alias) continue;
    if (n->IsScalar() && HoldsPrivateKey(n->value)) secrets.push_back({n, PathOf(n)});
    todo.insert(todo.end(), n->children.begin(), n->children.end());
  }
  // An outer range (a Secret's data) covers what lies inside it.
  std::sort(secrets.begin(), secrets.end(), [](const Secret& a, const Secret& b) {
    return a.node->begin != b.node->begin ? a.node->begin < b.node->begin : a.node->ContentEnd() > b.node->ContentEnd();
  });
  for (Secret& s : secrets)
    if (found->empty() || s.node->begin >= found->back().node->ContentEnd()) found->push_back(std::move(s));
  return true;
}

// A masked value's bytes as written: what tells a change, down to its
// quoting.
std::string_view BytesOf(const Document& doc, const Node& node) {
  return doc.text.substr(node.begin, node.ContentEnd() - node.begin);
}

}  // namespace

bool MaskSecrets(const Document& doc, const Document* other, DiffSide side, std::string* masked) {
  std::vector<Secret> secrets, theirs;
  if (!SecretsOf(doc, &secrets) || (other && !SecretsOf(*other, &theirs))) return false;
  std::map<std::string, std::string_view> counterparts;
  for (const Secret& s : theirs) counterparts.emplace(s.path, BytesOf(*other, *s.node));
  std::string& out = *masked;
  out.clear();
  size_t copied = 0;
  for (const Secret& s : secrets) {
    // The length of the value itself (a scalar's, not its quotes' or block
    // header's).
    size_t length = s.node->IsScalar() ? s.node->value.size() : BytesOf(doc, *s.node).size();
    auto it = counterparts.find(s.path);
    bool changed = it != counterparts.end() && it->second != BytesOf(doc, *s.node);
    // A block scalar's range runs to the start of the next line: its line
    // breaks stay, so the lines after it keep theirs.
    size_t end = s.node->ContentEnd();
    while (end > s.node->begin && (doc.text[end - 1] == '\n' || doc.text[end - 1] == ' ')) --end;
    out.append(doc.text.substr(copied, s.node->begin - copied));
    out += "<masked: " + std::to_string(length) + (length == 1 ? " byte" : " bytes");
    if (changed) out += side == DiffSide::kBefore ? ", before" : ", after";
    out += ">";
    copied = end;
  }
  out.append(doc.text.substr(copied));
  return true;
}

}  // namespace hostgraft
