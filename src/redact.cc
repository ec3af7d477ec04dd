#include "redact.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace hostgraft {
namespace {

constexpr std::string_view kRedacted = "[redacted]";

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
bool IsTokenChar(char c) { return IsWordChar(c) || c == '.' || c == '/' || c == '+' || c == '='; }

bool EqualsIgnoreCase(std::string_view text, size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

// The length of a run of token characters starting at `at`.
size_t TokenLength(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && IsTokenChar(text[end])) ++end;
  return end - at;
}

// At one position of a text, what a pass does: keep `keep` bytes as they
// are, then put the replacement for `cut` bytes. Nothing to do: both 0.
struct Span {
  size_t keep = 0, cut = 0;
};

// One pass over text in a single linear scan: spans never overlap, and a
// replacement is never scanned again.
template <typename Find>
std::string Rewrite(std::string_view text, std::string_view with, Find find) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    Span span = find(text, i);
    if (span.keep == 0 && span.cut == 0) {
      out += text[i++];
      continue;
    }
    out.append(text.substr(i, span.keep));
    if (span.cut) out += with;
    i += span.keep + span.cut;
  }
  return out;
}

bool AtWordStart(std::string_view s, size_t i) { return i == 0 || !IsTokenChar(s[i - 1]); }

// Keys whose value is a credential. A bare word like "token" only counts
// when written as a key (quoted JSON key, key=, or key: with an underscore
// name), so prose such as "the token: file is empty" stays readable.
constexpr std::array<std::string_view, 12> kCredentialKeys = {
    "client_token", "secret_id_accessor", "secret_id", "role_id", "accessor", "token",
    "jwt",          "password",           "passwd",    "client_secret", "private_key", "x-vault-token"};

Span CredentialValue(std::string_view s, size_t at) {
  if (at > 0 && IsWordChar(s[at - 1])) return {};
  for (std::string_view key : kCredentialKeys) {
    if (!EqualsIgnoreCase(s, at, key) || (at + key.size() < s.size() && IsWordChar(s[at + key.size()]))) continue;
    bool quoted_key = at > 0 && (s[at - 1] == '"' || s[at - 1] == '\'');
    size_t i = at + key.size();
    if (quoted_key) {
      if (i >= s.size() || s[i] != s[at - 1]) continue;
      ++i;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size() || (s[i] != ':' && s[i] != '=')) continue;
    bool key_form = quoted_key || key == "x-vault-token" || s[i] == '=' || key.find('_') != std::string_view::npos;
    if (!key_form) continue;
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    char quote = i < s.size() && (s[i] == '"' || s[i] == '\'') ? s[i++] : 0;
    size_t end = i;
    if (quote) {
      while (end < s.size() && s[end] != quote) end += s[end] == '\\' && end + 1 < s.size() ? 2 : 1;
      end = std::min(end, s.size());
    } else {
      while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != ',' && s[end] != ';' &&
             s[end] != '}' && s[end] != '&')
        ++end;
    }
    if (end > i) return {i - at, end - i};
  }
  return {};
}

// "Bearer X", as in an Authorization header.
Span BearerToken(std::string_view s, size_t at) {
  if (!AtWordStart(s, at) || !EqualsIgnoreCase(s, at, "bearer ")) return {};
  size_t len = TokenLength(s, at + 7);
  return len ? Span{7, len} : Span{};
}

// Vault tokens: hvs./hvb./hvr. service, batch and recovery tokens (20 or
// more base64url characters), and the legacy s./b. forms (24 or more letters
// and digits, not followed by a dash or a dotted label, so host names are
// not taken for tokens).
Span VaultToken(std::string_view s, size_t at) {
  if (!AtWordStart(s, at)) return {};
  for (std::string_view prefix : {"hvs.", "hvb.", "hvr.", "s.", "b."}) {
    if (s.compare(at, prefix.size(), prefix) != 0) continue;
    bool legacy = prefix.size() == 2;
    size_t end = at + prefix.size();
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) ||
                              (!legacy && (s[end] == '_' || s[end] == '-'))))
      ++end;
    size_t len = end - at - prefix.size();
    bool name_goes_on = end < s.size() && (s[end] == '-' || (s[end] == '.' && end + 1 < s.size() &&
                                                             std::isalnum(static_cast<unsigned char>(s[end + 1]))));
    if (len >= (legacy ? 24u : 20u) && !(legacy && name_goes_on)) return {0, end - at};
    // Not a token: skip the word, so its inside is not scanned again.
    return {std::max<size_t>(1, TokenLength(s, at)), 0};
  }
  return {};
}

// JWTs: three base64url segments, the first a JSON header ("eyJ").
Span Jwt(std::string_view s, size_t at) {
  if (!AtWordStart(s, at) || s.compare(at, 3, "eyJ") != 0) return {};
  size_t len = TokenLength(s, at), dots = 0;
  for (size_t i = at; i < at + len; ++i) dots += s[i] == '.';
  return dots >= 2 && len >= 30 ? Span{0, len} : Span{len, 0};
}

// A PEM block, to its END line or to the end of the text.
Span PemBlock(std::string_view s, size_t at) {
  if (s.compare(at, 11, "-----BEGIN ") != 0) return {};
  size_t end = s.find("-----END ", at + 11);
  end = end == std::string_view::npos ? end : s.find("-----", end + 9);
  return {0, (end == std::string_view::npos ? s.size() : end + 5) - at};
}

// The userinfo of a URL: "user:pw@" after "://", up to the last '@' of the
// authority.
Span UrlUserinfo(std::string_view s, size_t at) {
  if (s.compare(at, 3, "://") != 0) return {};
  size_t start = at + 3, end = start, last_at = std::string_view::npos;
  while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '/' && s[end] != '?' &&
         s[end] != '#' && s[end] != '"' && s[end] != '\'') {
    if (s[end] == '@') last_at = end;
    ++end;
  }
  if (last_at == std::string_view::npos) return {end - at, 0};
  return {3, last_at - start};
}

}  // namespace

std::string MaskUrlUserinfo(std::string_view text) { return Rewrite(text, "***", UrlUserinfo); }

std::string RedactCredentials(std::string_view text) {
  std::string s = Rewrite(MaskUrlUserinfo(text), "[redacted PEM]", PemBlock);
  s = Rewrite(s, kRedacted, CredentialValue);
  s = Rewrite(s, kRedacted, BearerToken);
  s = Rewrite(s, kRedacted, Jwt);
  return Rewrite(s, kRedacted, VaultToken);
}

std::string EscapeControl(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    }
  }
  return out;
}

std::string SafeText(std::string_view text) { return EscapeControl(RedactCredentials(text)); }

}  // namespace hostgraft
