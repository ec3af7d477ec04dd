#include "rfc3339.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

namespace {

std::time_t Parse(std::string_view text) {
  std::time_t t = -12345;
  REQUIRE(ParseRfc3339(text, &t));
  return t;
}

}  // namespace

TEST_CASE("RFC 3339 times in UTC parse to epoch seconds", "[rfc3339]") {
  CHECK(Parse("1970-01-01T00:00:00Z") == 0);
  CHECK(Parse("2026-06-01T00:00:00Z") == 1780272000);
  CHECK(Parse("2024-02-29T12:34:56Z") == 1709210096);
  CHECK(Parse("2026-06-01t00:00:00z") == 1780272000);
  CHECK(Parse("2026-06-01 00:00:00Z") == 1780272000);
}

TEST_CASE("RFC 3339 fractional seconds are dropped", "[rfc3339]") {
  CHECK(Parse("2026-06-01T00:00:00.999Z") == 1780272000);
  CHECK(Parse("2026-06-01T00:00:01.000000001Z") == 1780272001);
}

TEST_CASE("RFC 3339 offsets are applied", "[rfc3339]") {
  CHECK(Parse("2026-06-01T02:00:00+02:00") == 1780272000);
  CHECK(Parse("2026-05-31T19:30:00-04:30") == 1780272000);
  CHECK(Parse("2026-06-01T00:00:00-00:00") == 1780272000);
}

TEST_CASE("RFC 3339 garbage and impossible dates are refused", "[rfc3339]") {
  std::time_t t = 42;
  for (const char* bad : {"", "now", "2026-06-01", "2026-06-01T00:00:00", "2026-06-01T00:00Z",
                          "2026-6-01T00:00:00Z", "2026-06-01T00:00:00ZZ", "2026-06-01T00:00:00+0200",
                          "2026-06-01T00:00:00+02", "2026-06-01T00:00:00.Z", "2026-13-01T00:00:00Z",
                          "2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                          "2026-06-01T24:00:00Z", "2026-06-01T00:60:00Z", "2026-06-01T00:00:61Z",
                          "2026-06-01T00:00:00+24:00", "2026-06-01X00:00:00Z", " 2026-06-01T00:00:00Z",
                          "2026-06-01T00:00:00Z "}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad, &t));
  }
  CHECK(t == 42);
}

TEST_CASE("RFC 3339 formatting is UTC with Z and round-trips", "[rfc3339]") {
  CHECK(FormatRfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatRfc3339(1780272000) == "2026-06-01T00:00:00Z");
  CHECK(FormatRfc3339(Parse("2026-06-01T02:03:04+02:00")) == "2026-06-01T00:03:04Z");
  CHECK(FormatRfc3339(Parse("2099-12-31T23:59:59Z")) == "2099-12-31T23:59:59Z");
}
