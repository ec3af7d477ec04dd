// Standard base64, for Secret data (ICS env Secrets, generated TLS Secrets)
// and for base64-wrapped PEM in stored secrets.
#pragma once

#include <string>
#include <string_view>

namespace hostgraft {

std::string Base64Encode(std::string_view data);
// Whitespace is ignored and padding optional; false on any other character.
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace hostgraft
