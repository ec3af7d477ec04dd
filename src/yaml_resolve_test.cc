#include "yaml_resolve.h"

#include <catch2/catch.hpp>

using namespace hostgraft;

namespace {

ScalarType TypeOf(std::string_view text) { return ResolvePlainScalar(text).type; }

}  // namespace

TEST_CASE("yaml resolve: nulls and YAML 1.1 booleans, with their value", "[yaml-resolve]") {
  for (const char* text : {"", "~", "null", "Null", "NULL"}) CHECK(TypeOf(text) == ScalarType::kNull);
  for (const char* text : {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kBool);
    CHECK(ResolvePlainScalar(text).truth);
  }
  for (const char* text : {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kBool);
    CHECK_FALSE(ResolvePlainScalar(text).truth);
  }
  // Mixed case is no boolean to any of the readers.
  for (const char* text : {"yEs", "tRUE", "nULL", "oN", "none", "nil"}) CHECK(TypeOf(text) == ScalarType::kString);
}

TEST_CASE("yaml resolve: integers as Go yaml.v2, YAML 1.1 and 1.2 read them", "[yaml-resolve]") {
  for (const char* text : {"0", "12", "-12", "+12", "0123", "1_000", "0x1F", "0X1F", "0o17", "0O17", "0b101",
                           "0B101", "-0b101", "190:20:30", "8:30", "08:30", "99999999999999999999999"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kInt);
  }
  // yaml.v2 removes every '_' before it parses a number.
  CHECK(TypeOf("+_1") == ScalarType::kInt);
  CHECK(TypeOf("0_x1f") == ScalarType::kInt);
}

TEST_CASE("yaml resolve: floats", "[yaml-resolve]") {
  for (const char* text : {"1.5", "1.10", "-1.5", ".5", "+.5", "1.", "1e5", "1e+5", "1.5E-3", "09", "1_000.5",
                           "1:20.5", ".inf", "+.Inf", "-.INF", ".NaN"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kFloat);
  }
}

TEST_CASE("yaml resolve: timestamps", "[yaml-resolve]") {
  for (const char* text : {"2024-01-02", "2024-1-2", "2024-01-02T10:00:00Z", "2024-01-02t1:2:3.5+01:00",
                           "2024-01-02 10:00:00", "2001-12-14 21:59:43.10 -5", "2024-13-45"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kTimestamp);
  }
  for (const char* text : {"2024-01-02 release", "2024-01-02T", "2024-01", "24-01-02"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kString);
  }
}

TEST_CASE("yaml resolve: YAML 1.1's merge and value keys", "[yaml-resolve]") {
  CHECK(TypeOf("<<") == ScalarType::kMerge);
  CHECK(TypeOf("=") == ScalarType::kMerge);
}

TEST_CASE("yaml resolve: strings that look almost like something else", "[yaml-resolve]") {
  for (const char* text : {"v1", "1.2.3", "0x", "0b2", "1:60", "1:", ".", "-", "+", "1e", "1_e5x", "e5", "0.0.0.0",
                           "10.0.0.1", "keycloak.example.com", "http2", "8080/TCP", "1-2", "yes please"}) {
    INFO(text);
    CHECK(TypeOf(text) == ScalarType::kString);
  }
}
