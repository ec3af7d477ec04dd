// Host names and the URLs that carry them: what every render step needs to
// decide whether a URL points at a default host and to move it to a custom
// one without touching any other byte.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hostgraft {

// A custom host is a DNS name hostgraft can put into a certificate check, a
// Route and a resource name: RFC 1123 labels, lower case, no trailing dot, no
// wildcard, not an IP address, at most 63 characters (DESIGN.md 4.1).
inline constexpr size_t kMaxCustomHostLength = 63;
// A default host is a name the cluster already serves (an OpenShift apps
// domain can be long): the same rules, up to a DNS name's 253 characters
// and 63 per label.
inline constexpr size_t kMaxDefaultHostLength = 253;

// On false, *why (when given) says what is wrong.
bool IsValidDnsName(std::string_view host, std::string* why, size_t max_length = kMaxCustomHostLength);

// host for messages, with any userinfo (user:password@) replaced by ***.
std::string HidingUserinfo(std::string_view host);

// scheme://[userinfo@]host[:port][/path?query#fragment], each part as written.
struct Url {
  std::string scheme;
  std::string userinfo;       // without the '@'
  std::string host;           // an IPv6 literal keeps its brackets
  std::string port;           // without the ':'
  std::string path_and_rest;  // from the first '/', '?' or '#' after the host
};

// nullopt when the text is not an absolute URL with a host.
std::optional<Url> ParseUrl(std::string_view text);

// True when url parses and its host is host (ASCII case-insensitive); port,
// userinfo and path do not matter.
bool UrlIsOnHost(std::string_view url, std::string_view host);

// url with its host replaced by new_host and every other byte kept; url
// itself when it does not parse.
std::string ReplaceUrlHost(std::string_view url, std::string_view new_host);

// "keycloak.example.com" -> "keycloak-example-com".
std::string HostDashed(std::string_view host);

// The prefix of the names of generated Routes and Secrets.
inline constexpr std::string_view kGeneratedNamePrefix = "hostgraft";

// The name of a resource generated for host (DESIGN.md 5.9):
// "<prefix>-<host dashed>", or, when that is over 63 characters, its first
// part cut to fit "-<10 hex digits of sha256(host)>", so the name stays a
// unique, valid DNS label.
std::string GeneratedName(std::string_view prefix, std::string_view host);

}  // namespace hostgraft
