#include <catch2/catch.hpp>

#include "test_support.h"

using namespace hostgraft::test;

TEST_CASE("version names the linked libraries", "[cli]") {
  RunResult r = Run({"version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("hostgraft ", 0) == 0);
  CHECK(r.out.find("libyaml 0.2.5") != std::string::npos);
  CHECK(r.out.find("OpenSSL 3") != std::string::npos);
}

TEST_CASE("help prints usage on stdout", "[cli]") {
  for (const char* arg : {"help", "--help"}) {
    RunResult r = Run({arg});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("usage: hostgraft") == 0);
  }
}
