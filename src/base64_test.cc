#include "base64.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

TEST_CASE("base64 round trips the RFC 4648 vectors", "[base64]") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(Base64Encode(plain) == encoded);
    std::string decoded;
    CHECK(Base64Decode(encoded, &decoded));
    CHECK(decoded == plain);
  }
  std::string decoded;
  CHECK(Base64Decode("Zm9v\nYmFy\n", &decoded));
  CHECK(decoded == "foobar");
  CHECK_FALSE(Base64Decode("Zm9v!", &decoded));
  CHECK_FALSE(Base64Decode("Zg==Zg", &decoded));
}
