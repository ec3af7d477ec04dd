#include "document.h"

namespace hostgraft {

std::string Document::Resource() const {
  if (kind.empty()) return "document " + std::to_string(index);
  std::string r = kind + " ";
  if (!namespace_.empty()) r += namespace_ + "/";
  return r + (name.empty() ? "(unnamed)" : name);
}

std::string_view ApiGroup(std::string_view api_version) {
  size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

IdentityField IdentityFieldAt(std::span<const std::string_view> keys) {
  using enum IdentityField;
  if (keys.size() == 1) return keys[0] == "apiVersion" ? kApiVersion : keys[0] == "kind" ? kKind : kNone;
  if (keys.size() < 2 || keys.size() > 3 || keys[0] != "metadata") return kNone;
  if (keys.size() == 2) return keys[1] == "name" ? kName : keys[1] == "namespace" ? kNamespace : kNone;
  return keys[1] == "annotations" && keys[2] == "postrenderer.helm.sh/postrender-filename" ? kHelm4Filename : kNone;
}

std::string_view Document::Group() const { return ApiGroup(api_version); }

bool Document::Is(std::string_view group, std::string_view k) const { return kind == k && Group() == group; }

}  // namespace hostgraft
