// Which curl options a Vault transfer gets from libcurls old and new, with a
// recording setopt in place of curl_easy_setopt: what libcurl 7.76 (RHEL 9)
// and 7.81 (Ubuntu 22.04) answer is played back as CURLE_UNKNOWN_OPTION.
#include <catch2/catch.hpp>

#include <map>

// The older options the fallback sets are deprecated since libcurl 7.85.
#define CURL_DISABLE_DEPRECATION

#include "vault/curl_options.h"

using namespace hostgraft;

namespace {

const std::string kPem = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";

// Records "NAME=value" per call; answers[option] is returned, else CURLE_OK.
struct FakeCurl {
  std::map<CURLoption, CURLcode> answers;
  std::vector<std::string> calls;
  int ca_files = 0;

  std::optional<std::string> Set(const std::string& ca_pem, const std::string& ca_file = "/proc/self/fd/7") {
    auto setopt = [this](const CurlOption& o) {
      std::string value = std::visit(
          [](auto v) -> std::string {
            using T = decltype(v);
            if constexpr (std::is_same_v<T, long>) return std::to_string(v);
            else if constexpr (std::is_same_v<T, const char*>) return v ? v : "NULL";
            else if constexpr (std::is_same_v<T, const curl_blob*>) return std::string(static_cast<const char*>(v->data), v->len);
            else return "list";
          },
          o.value);
      calls.push_back(std::string(o.name) + "=" + value);
      auto it = answers.find(o.option);
      return it == answers.end() ? CURLE_OK : it->second;
    };
    return SetTransportOptions(setopt, ca_pem, [&] { ++ca_files; return ca_file; }, "7.76.1");
  }
};

const long kHttpBits = CURLPROTO_HTTP | CURLPROTO_HTTPS;

}  // namespace

TEST_CASE("curl options: a current libcurl gets the *_STR and blob options", "[vault][curl-options]") {
  FakeCurl curl;
  CHECK_FALSE(curl.Set(kPem));
  CHECK(curl.calls == std::vector<std::string>{"CURLOPT_PROTOCOLS_STR=http,https", "CURLOPT_REDIR_PROTOCOLS_STR=http,https",
                                               "CURLOPT_CAINFO_BLOB=" + kPem, "CURLOPT_CAINFO=NULL", "CURLOPT_CAPATH=NULL"});
  CHECK(curl.ca_files == 0);
}

TEST_CASE("curl options: without VAULT_CACERT or VAULT_CAPATH the CA options stay libcurl's", "[vault][curl-options]") {
  FakeCurl curl;
  CHECK_FALSE(curl.Set(""));
  CHECK(curl.calls == std::vector<std::string>{"CURLOPT_PROTOCOLS_STR=http,https", "CURLOPT_REDIR_PROTOCOLS_STR=http,https"});
}

TEST_CASE("curl options: libcurl 7.76 gets the protocol bitmasks and the CA file", "[vault][curl-options]") {
  FakeCurl curl;
  curl.answers = {{CURLOPT_PROTOCOLS_STR, CURLE_UNKNOWN_OPTION}, {CURLOPT_CAINFO_BLOB, CURLE_UNKNOWN_OPTION}};
  CHECK_FALSE(curl.Set(kPem));
  CHECK(curl.calls == std::vector<std::string>{"CURLOPT_PROTOCOLS_STR=http,https", "CURLOPT_PROTOCOLS=" + std::to_string(kHttpBits),
                                               "CURLOPT_REDIR_PROTOCOLS=" + std::to_string(kHttpBits), "CURLOPT_CAINFO_BLOB=" + kPem,
                                               "CURLOPT_CAINFO=/proc/self/fd/7", "CURLOPT_CAPATH=NULL"});
  CHECK(curl.ca_files == 1);
}

TEST_CASE("curl options: libcurl 7.81 knows the blob but not the *_STR options", "[vault][curl-options]") {
  FakeCurl curl;
  curl.answers = {{CURLOPT_PROTOCOLS_STR, CURLE_UNKNOWN_OPTION}};
  CHECK_FALSE(curl.Set(kPem));
  CHECK(curl.calls[1] == "CURLOPT_PROTOCOLS=" + std::to_string(kHttpBits));
  CHECK(curl.calls[3] == "CURLOPT_CAINFO_BLOB=" + kPem);
  CHECK(curl.ca_files == 0);
}

TEST_CASE("curl options: any other refusal fails closed, naming the option and libcurl's version", "[vault][curl-options]") {
  SECTION("the protocol restriction refused") {
    FakeCurl curl;
    curl.answers = {{CURLOPT_PROTOCOLS_STR, CURLE_BAD_FUNCTION_ARGUMENT}};
    CHECK(curl.Set(kPem) == "libcurl 7.76.1 refuses CURLOPT_PROTOCOLS_STR (A libcurl function was given a bad argument), "
                            "which the request needs to be safe");
    CHECK(curl.calls.size() == 1);
  }
  SECTION("neither form of the protocol restriction known") {
    FakeCurl curl;
    curl.answers = {{CURLOPT_PROTOCOLS_STR, CURLE_UNKNOWN_OPTION}, {CURLOPT_PROTOCOLS, CURLE_UNKNOWN_OPTION}};
    CHECK(curl.Set(kPem) == "libcurl 7.76.1 refuses CURLOPT_PROTOCOLS (An unknown option was passed in to libcurl), "
                            "which the request needs to be safe");
  }
  SECTION("the CA blob refused for another reason (out of memory)") {
    FakeCurl curl;
    curl.answers = {{CURLOPT_CAINFO_BLOB, CURLE_OUT_OF_MEMORY}};
    CHECK(curl.Set(kPem) == "libcurl 7.76.1 refuses CURLOPT_CAINFO_BLOB (Out of memory), which the request needs to be safe");
    CHECK(curl.ca_files == 0);
  }
  SECTION("the default CA path cannot be cleared") {
    FakeCurl curl;
    curl.answers = {{CURLOPT_CAINFO_BLOB, CURLE_UNKNOWN_OPTION}, {CURLOPT_CAPATH, CURLE_NOT_BUILT_IN}};
    CHECK(curl.Set(kPem)->find("refuses CURLOPT_CAPATH (") != std::string::npos);
  }
  SECTION("no CA file could be made for an old libcurl") {
    FakeCurl curl;
    curl.answers = {{CURLOPT_CAINFO_BLOB, CURLE_UNKNOWN_OPTION}};
    CHECK(curl.Set(kPem, "") == "libcurl 7.76.1 lacks CURLOPT_CAINFO_BLOB, and no file could be made to hand it the CA certificates");
    CHECK(curl.calls.back() == "CURLOPT_CAINFO_BLOB=" + kPem);
  }
}
