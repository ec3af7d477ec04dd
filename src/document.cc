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

std::string_view Document::Group() const { return ApiGroup(api_version); }

bool Document::Is(std::string_view group, std::string_view k) const { return kind == k && Group() == group; }

}  // namespace hostgraft
