// The options that keep a Vault transfer safe, set in the newest form the
// running libcurl knows. The module links the system's libcurl.so.4, 7.76
// on RHEL 9 and 7.81 on Ubuntu 22.04: there the newer options are unknown,
// and an unchecked curl_easy_setopt would silently drop the restriction.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <optional>
#include <string>
#include <variant>

namespace hostgraft {

// One curl_easy_setopt call, named for messages.
struct CurlOption {
  CURLoption option;
  const char* name;  // "CURLOPT_PROTOCOLS_STR"
  std::variant<long, const char*, const curl_blob*, curl_slist*> value;
};
using CurlSetopt = std::function<CURLcode(const CurlOption&)>;

// curl_easy_setopt(easy, option.option, option.value).
CURLcode SetCurlOption(CURL* easy, const CurlOption& option);

// The running libcurl's version, e.g. "7.76.1".
std::string CurlVersion();

// Why option could not be set, naming it and libcurl_version.
std::string RefusedOption(const CurlOption& option, CURLcode code, const std::string& libcurl_version);

// Restricts the transfer to http and https and, when ca_pem is not empty,
// trusts its CAs only: CURLOPT_PROTOCOLS_STR and CURLOPT_CAINFO_BLOB where
// libcurl knows them (7.85, 7.77), else CURLOPT_PROTOCOLS with
// CURLOPT_REDIR_PROTOCOLS and CURLOPT_CAINFO naming ca_file(), a file
// holding ca_pem (empty when none could be made: an error). Any other
// refusal fails closed: returns RefusedOption's text, and the transfer must
// not run.
std::optional<std::string> SetTransportOptions(const CurlSetopt& setopt, const std::string& ca_pem,
                                               const std::function<std::string()>& ca_file,
                                               const std::string& libcurl_version);

}  // namespace hostgraft
