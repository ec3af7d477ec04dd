// SHA-256 through OpenSSL's EVP interface, for generated names and the
// hostgraft.io/checksum pod annotation.
#pragma once

#include <string>
#include <string_view>

namespace hostgraft {

// 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace hostgraft
