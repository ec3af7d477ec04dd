#include "hosts.h"

#include <arpa/inet.h>

#include <cctype>

#include "digest.h"

namespace hostgraft {
namespace {

constexpr size_t kMaxNameLength = 63;
constexpr size_t kHashDigits = 10;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool LooksLikeIpAddress(std::string_view host) {
  std::string text(host);
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1) return true;
  // "10.1" or "127.1" are read as addresses by inet_aton and by browsers.
  return text.find_first_not_of("0123456789.") == std::string::npos;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Where the host sits inside the URL text, so it can be replaced in place.
struct ParsedUrl {
  Url url;
  size_t host_begin = 0;
};

std::optional<ParsedUrl> Parse(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0 || !std::isalpha(static_cast<unsigned char>(text[0])))
    return std::nullopt;
  for (char c : text.substr(0, sep))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  ParsedUrl parsed;
  parsed.url.scheme = std::string(text.substr(0, sep));
  size_t authority_begin = sep + 3;
  size_t authority_end = text.find_first_of("/?#", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = text.size();
  std::string_view authority = text.substr(authority_begin, authority_end - authority_begin);
  size_t at = authority.rfind('@');
  size_t host_offset = 0;
  if (at != std::string_view::npos) {
    parsed.url.userinfo = std::string(authority.substr(0, at));
    host_offset = at + 1;
  }
  std::string_view host_port = authority.substr(host_offset);
  size_t host_end;
  if (!host_port.empty() && host_port[0] == '[') {
    size_t close = host_port.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host_end = close + 1;
  } else {
    host_end = host_port.find(':');
    if (host_end == std::string_view::npos) host_end = host_port.size();
  }
  if (host_end == 0) return std::nullopt;
  std::string_view rest = host_port.substr(host_end);
  if (!rest.empty()) {
    if (rest[0] != ':') return std::nullopt;
    for (char c : rest.substr(1))
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    parsed.url.port = std::string(rest.substr(1));
  }
  parsed.url.host = std::string(host_port.substr(0, host_end));
  parsed.url.path_and_rest = std::string(text.substr(authority_end));
  parsed.host_begin = authority_begin + host_offset;
  return parsed;
}

}  // namespace

bool IsValidDnsName(std::string_view host, std::string* why, size_t max_length) {
  auto fail = [why](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  if (host.empty()) return fail("it is empty");
  if (host.size() > max_length)
    return fail("it has " + std::to_string(host.size()) + " characters, more than the " +
                std::to_string(max_length) + " allowed");
  if (host.back() == '.') return fail("it ends with a dot");
  if (host.find('*') != std::string_view::npos) return fail("wildcards are not allowed");
  for (char c : host)
    if (c >= 'A' && c <= 'Z') return fail("it has upper-case letters");
  if (LooksLikeIpAddress(host)) return fail("it is an IP address, not a DNS name");
  if (host.find("://") != std::string_view::npos) return fail("it is a URL; write only its host name");
  if (host.find('@') != std::string_view::npos) return fail("it has userinfo (user@ or user:password@)");
  if (host.find(':') != std::string_view::npos) return fail("it has a port; write only the host name");
  for (char c : host)
    if (static_cast<unsigned char>(c) >= 0x80)
      return fail("it has non-ASCII characters; write an internationalised name in its xn-- (punycode) form");
  size_t begin = 0;
  while (begin <= host.size()) {
    size_t end = host.find('.', begin);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(begin, end - begin);
    if (label.empty()) return fail("it has an empty label (two dots in a row or a leading dot)");
    for (char c : label)
      if (!IsLowerAlnum(c) && c != '-')
        return fail(std::string("label \"") + std::string(label) + "\" has the character '" + c +
                    "'; only a-z, 0-9 and '-' are allowed");
    if (label.front() == '-' || label.back() == '-')
      return fail("label \"" + std::string(label) + "\" begins or ends with '-'");
    if (label.size() > kMaxNameLength)
      return fail("label \"" + std::string(label) + "\" has more than " + std::to_string(kMaxNameLength) + " characters");
    begin = end + 1;
  }
  return true;
}

std::string HidingUserinfo(std::string_view host) {
  size_t at = host.rfind('@');
  if (at == std::string_view::npos) return std::string(host);
  size_t scheme = host.find("://");
  size_t begin = scheme != std::string_view::npos && scheme < at ? scheme + 3 : 0;
  return std::string(host.substr(0, begin)) + "***" + std::string(host.substr(at));
}

std::optional<Url> ParseUrl(std::string_view text) {
  std::optional<ParsedUrl> parsed = Parse(text);
  if (!parsed) return std::nullopt;
  return std::move(parsed->url);
}

bool UrlIsOnHost(std::string_view url, std::string_view host) {
  std::optional<ParsedUrl> parsed = Parse(url);
  return parsed && EqualsIgnoreCase(parsed->url.host, host);
}

std::string ReplaceUrlHost(std::string_view url, std::string_view new_host) {
  std::optional<ParsedUrl> parsed = Parse(url);
  if (!parsed) return std::string(url);
  std::string out(url);
  out.replace(parsed->host_begin, parsed->url.host.size(), new_host);
  return out;
}

std::string HostDashed(std::string_view host) {
  std::string out(host);
  for (char& c : out)
    if (c == '.') c = '-';
  return out;
}

std::string GeneratedName(std::string_view prefix, std::string_view host) {
  std::string name = std::string(prefix) + "-" + HostDashed(host);
  if (name.size() <= kMaxNameLength) return name;
  name.resize(kMaxNameLength - kHashDigits - 1);
  // A cut can end on the dash of a former dot; a label may not end with '-'.
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name + "-" + Sha256Hex(host).substr(0, kHashDigits);
}

}  // namespace hostgraft
