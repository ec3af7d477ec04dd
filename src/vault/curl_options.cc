#include "curl_options.h"

#include <vector>

namespace hostgraft {
namespace {

const CurlOption kProtocolsText{CURLOPT_PROTOCOLS_STR, "CURLOPT_PROTOCOLS_STR", "http,https"};
const CurlOption kRedirProtocolsText{CURLOPT_REDIR_PROTOCOLS_STR, "CURLOPT_REDIR_PROTOCOLS_STR", "http,https"};
// The forms libcurl 7.85 deprecated for the two above, which the older
// libcurls we run on lack; they still work in every libcurl 7 and 8, hence
// the silenced warning.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
const CurlOption kProtocolsBits{CURLOPT_PROTOCOLS, "CURLOPT_PROTOCOLS", long{CURLPROTO_HTTP | CURLPROTO_HTTPS}};
const CurlOption kRedirProtocolsBits{CURLOPT_REDIR_PROTOCOLS, "CURLOPT_REDIR_PROTOCOLS", long{CURLPROTO_HTTP | CURLPROTO_HTTPS}};
#pragma GCC diagnostic pop
// Not the default CA path beside the given CAs.
const CurlOption kNoCaPath{CURLOPT_CAPATH, "CURLOPT_CAPATH", static_cast<const char*>(nullptr)};

std::optional<std::string> SetEach(const CurlSetopt& setopt, const std::vector<CurlOption>& options,
                                   const std::string& libcurl_version) {
  for (const CurlOption& option : options)
    if (CURLcode code = setopt(option); code != CURLE_OK) return RefusedOption(option, code, libcurl_version);
  return std::nullopt;
}

}  // namespace

CURLcode SetCurlOption(CURL* easy, const CurlOption& option) {
  return std::visit([&](auto value) { return curl_easy_setopt(easy, option.option, value); }, option.value);
}

std::string CurlVersion() { return curl_version_info(CURLVERSION_NOW)->version; }

std::string RefusedOption(const CurlOption& option, CURLcode code, const std::string& libcurl_version) {
  return "libcurl " + libcurl_version + " refuses " + option.name + " (" + curl_easy_strerror(code) +
         "), which the request needs to be safe";
}

std::optional<std::string> SetTransportOptions(const CurlSetopt& setopt, const std::string& ca_pem,
                                               const std::function<std::string()>& ca_file,
                                               const std::string& libcurl_version) {
  CURLcode code = setopt(kProtocolsText);
  if (code != CURLE_OK && code != CURLE_UNKNOWN_OPTION) return RefusedOption(kProtocolsText, code, libcurl_version);
  std::optional<std::string> error =
      SetEach(setopt, code == CURLE_OK ? std::vector{kRedirProtocolsText} : std::vector{kProtocolsBits, kRedirProtocolsBits},
              libcurl_version);
  if (error || ca_pem.empty()) return error;

  curl_blob blob{const_cast<char*>(ca_pem.data()), ca_pem.size(), CURL_BLOB_COPY};
  const CurlOption ca_blob{CURLOPT_CAINFO_BLOB, "CURLOPT_CAINFO_BLOB", &blob};
  code = setopt(ca_blob);
  if (code == CURLE_OK)
    return SetEach(setopt, {{CURLOPT_CAINFO, "CURLOPT_CAINFO", static_cast<const char*>(nullptr)}, kNoCaPath}, libcurl_version);
  if (code != CURLE_UNKNOWN_OPTION) return RefusedOption(ca_blob, code, libcurl_version);
  std::string path = ca_file();
  if (path.empty())
    return "libcurl " + libcurl_version + " lacks CURLOPT_CAINFO_BLOB, and no file could be made to hand it the CA certificates";
  return SetEach(setopt, {{CURLOPT_CAINFO, "CURLOPT_CAINFO", path.c_str()}, kNoCaPath}, libcurl_version);
}

}  // namespace hostgraft
