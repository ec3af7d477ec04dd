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

// Keys whose value is a credential. A bare word like "token" only counts
// when written as a key (quoted JSON key, key=, or key: with an underscore
// name), so prose such as "the token: file is empty" stays readable.
constexpr std::array<std::string_view, 12> kCredentialKeys = {
    "client_token", "secret_id_accessor", "secret_id", "role_id", "accessor", "token",
    "jwt",          "password",           "passwd",    "client_secret", "private_key", "x-vault-token"};

// At `at` a credential key starts; returns where its value starts and how it
// is quoted ('"', '\'' or 0), or npos when this is no key.
size_t ValueAfterKey(std::string_view text, size_t at, std::string_view key, char* quote) {
  bool quoted_key = at > 0 && (text[at - 1] == '"' || text[at - 1] == '\'');
  size_t i = at + key.size();
  if (quoted_key) {
    if (i >= text.size() || text[i] != text[at - 1]) return std::string_view::npos;
    ++i;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size()) return std::string_view::npos;
  char sep = text[i];
  bool header = key == "x-vault-token";
  bool key_form = quoted_key || header || sep == '=' || key.find('_') != std::string_view::npos;
  if ((sep != ':' && sep != '=') || !key_form) return std::string_view::npos;
  ++i;
  while (i < text.size() && text[i] == ' ') ++i;
  *quote = 0;
  if (i < text.size() && (text[i] == '"' || text[i] == '\'')) *quote = text[i++];
  return i;
}

void RedactKeyValues(std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    bool done = false;
    if (i == 0 || !IsWordChar(s[i - 1])) {
      for (std::string_view key : kCredentialKeys) {
        if (!EqualsIgnoreCase(s, i, key) || (i + key.size() < s.size() && IsWordChar(s[i + key.size()]))) continue;
        char quote = 0;
        size_t value = ValueAfterKey(s, i, key, &quote);
        if (value == std::string_view::npos) continue;
        size_t end = value;
        if (quote) {
          while (end < s.size() && s[end] != quote) end += s[end] == '\\' && end + 1 < s.size() ? 2 : 1;
        } else {
          while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != ',' && s[end] != ';' &&
                 s[end] != '}' && s[end] != '&')
            ++end;
        }
        if (end == value) continue;
        out.append(s, i, value - i);
        out += kRedacted;
        i = end;
        done = true;
        break;
      }
    }
    if (!done) out += s[i++];
  }
  s = std::move(out);
}

// "Authorization: Bearer X" and "Bearer X" anywhere.
void RedactBearer(std::string& s) {
  for (size_t at = 0; (at = s.find("earer ", at)) != std::string::npos;) {
    if (at == 0 || (s[at - 1] != 'B' && s[at - 1] != 'b')) {
      at += 6;
      continue;
    }
    size_t value = at + 6, len = TokenLength(s, value);
    if (len == 0) {
      at = value;
      continue;
    }
    s.replace(value, len, kRedacted);
    at = value + kRedacted.size();
  }
}

// Vault tokens: hvs./hvb./hvr. service, batch and recovery tokens (20 or
// more base64url characters), and the legacy s./b. forms (24 or more letters
// and digits, not followed by a dash or a dotted label, so host names are
// not taken for tokens).
void RedactVaultTokens(std::string& s) {
  auto run = [&s](size_t from, bool url_chars) {
    size_t end = from;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || (url_chars && (s[end] == '_' || s[end] == '-'))))
      ++end;
    return end - from;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && IsTokenChar(s[i - 1])) continue;
    for (std::string_view prefix : {"hvs.", "hvb.", "hvr.", "s.", "b."}) {
      if (s.compare(i, prefix.size(), prefix) != 0) continue;
      bool legacy = prefix.size() == 2;
      size_t len = run(i + prefix.size(), !legacy), end = i + prefix.size() + len;
      bool name_goes_on = end < s.size() && (s[end] == '-' || (s[end] == '.' && end + 1 < s.size() &&
                                                               std::isalnum(static_cast<unsigned char>(s[end + 1]))));
      if (len < (legacy ? 24u : 20u) || (legacy && name_goes_on)) continue;
      s.replace(i, prefix.size() + len, kRedacted);
      break;
    }
  }
}

// JWTs: three base64url segments, the first a JSON header ("eyJ").
void RedactJwts(std::string& s) {
  for (size_t at = 0; (at = s.find("eyJ", at)) != std::string::npos;) {
    if (at > 0 && IsTokenChar(s[at - 1])) {
      at += 3;
      continue;
    }
    size_t len = TokenLength(s, at);
    std::string_view word(s.data() + at, len);
    size_t dots = 0;
    for (char c : word) dots += c == '.';
    if (dots >= 2 && len >= 30) {
      s.replace(at, len, kRedacted);
      at += kRedacted.size();
    } else {
      at += 3;
    }
  }
}

void RedactPem(std::string& s) {
  for (size_t at = 0; (at = s.find("-----BEGIN ", at)) != std::string::npos;) {
    size_t end = s.find("-----END ", at);
    end = end == std::string::npos ? std::string::npos : s.find("-----", end + 9);
    end = end == std::string::npos ? s.size() : end + 5;
    s.replace(at, end - at, "[redacted PEM]");
    at += 14;
  }
}

}  // namespace

std::string MaskUrlUserinfo(std::string_view text) {
  std::string s(text);
  for (size_t at = 0; (at = s.find("://", at)) != std::string::npos;) {
    size_t start = at + 3, end = start;
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '/' && s[end] != '?' &&
           s[end] != '#' && s[end] != '"' && s[end] != '\'')
      ++end;
    size_t userinfo_end = s.rfind('@', end == start ? start : end - 1);
    if (userinfo_end != std::string::npos && userinfo_end >= start && userinfo_end < end) {
      s.replace(start, userinfo_end - start, "***");
      end = start + 3 + (end - userinfo_end);
    }
    at = end;
  }
  return s;
}

std::string RedactCredentials(std::string_view text) {
  std::string s(text);
  RedactPem(s);
  RedactKeyValues(s);
  RedactBearer(s);
  RedactJwts(s);
  RedactVaultTokens(s);
  return s;
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

std::string SafeText(std::string_view text) { return EscapeControl(RedactCredentials(MaskUrlUserinfo(text))); }

}  // namespace hostgraft
