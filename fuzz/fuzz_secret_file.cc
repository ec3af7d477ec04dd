// The secret-file parser of the files: store (and check-cert --bundle).
// Every '$' of the input becomes a canary word before parsing, so the
// fuzzer puts canaries into keys, values, comments and tags alike.
// Properties: a file is either read or refused with a message, and no
// message or fix ever carries a canary: a secret file's contents (a
// password hash behind a symbolic link, a key) are never quoted.
#include <cstdint>
#include <string>

#include "files_store.h"
#include "fuzz_check.h"

using namespace hostgraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string canary = "zq9canaryzq9";
  std::string text;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '$') text += canary;
    else text += static_cast<char>(data[i]);
  }
  SecretResult result = ParseSecretFile("f.yaml", text);
  FUZZ_CHECK(result.fields.has_value() != result.error.has_value(), "a secret file is either read or refused");
  if (result.error) {
    FUZZ_CHECK(!result.error->message.empty(), "a refusal says why");
    FUZZ_CHECK(result.error->message.find("canary") == std::string::npos, "a message quotes the secret file");
    FUZZ_CHECK(result.error->fix.find("canary") == std::string::npos, "a fix quotes the secret file");
  }
  return 0;
}
