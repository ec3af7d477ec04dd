// The one redactor every message passes through (redact.h). Properties: the
// result of SafeText has no control character, masks the userinfo of every
// URL it keeps, and keeps no Vault token of the input; it never crashes or
// takes more than linear time on what a server or a hostile file can send.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "redact.h"

using namespace hostgraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string safe = SafeText(text);
  for (char c : safe) {
    unsigned char u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u >= 0x20 && u != 0x7f, "SafeText left a control character");
  }
  // A token or URL password appended after a separator is gone from the
  // output (unless the input itself spells it out elsewhere). Checked before
  // escaping, which could spell it anew ("\x7f" + "uzzpass1").
  const std::string token = "hvs.CAESIFuzzTokenFuzzTokenFuzzToken01", password = "fuzzpass1";
  if (text.find(token) == std::string::npos) {
    std::string with_token = RedactCredentials(text + " " + token + " ");
    FUZZ_CHECK(with_token.find(token) == std::string::npos, "a Vault token survived SafeText");
  }
  if (text.find(password) == std::string::npos) {
    std::string with_url = RedactCredentials(text + " http://fuzzuser:" + password + "@host/ ");
    FUZZ_CHECK(with_url.find(password) == std::string::npos, "URL userinfo survived SafeText");
  }
  // Escaping is the last pass, so a second one finds nothing to escape.
  FUZZ_CHECK(EscapeControl(safe) == safe, "EscapeControl is not idempotent on SafeText's output");
  return 0;
}
