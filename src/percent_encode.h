// Percent-encoding of paths (RFC 3986: all but unreserved characters and
// '/'), for Vault API paths and SARIF file URIs. Inline because the Vault
// module shares it without linking the core.
#pragma once

#include <string>
#include <string_view>

namespace hostgraft {

inline std::string PercentEncodePath(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace hostgraft
