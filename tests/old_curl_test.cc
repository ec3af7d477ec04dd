// The Vault module on a libcurl that lacks CURLOPT_PROTOCOLS_STR and
// CURLOPT_CAINFO_BLOB (7.76, RHEL 9), played by tests/old_curl_shim.c
// preloaded into the binary: the registry render over TLS with VAULT_CACERT
// still verifies Vault against that CA only and stays on http and https.
#include <catch2/catch.hpp>
// The older options the fallback sets are deprecated since libcurl 7.85.
#define CURL_DISABLE_DEPRECATION
#include <curl/curl.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft::test;

namespace {

const char kToken[] = "old-curl-token-3c81f5";

std::map<std::string, std::string> OldCurlEnv(const VaultServer& server, const std::string& log) {
  return {{"VAULT_ADDR", server.addr()},       {"VAULT_TOKEN", kToken},       {"VAULT_CACERT", TestCertificates().ca_cert},
          {"LD_PRELOAD", OLD_CURL_SHIM},       {"OLD_CURL_SHIM_LOG", log},
          // Under the sanitizers the shim comes before ASan's runtime in the
          // preload list; the shim touches no allocation, so that is safe.
          {"ASAN_OPTIONS", "detect_leaks=1:verify_asan_link_order=0"}};
}

// The distinct "OPTION VALUE" lines of the shim's log.
std::set<std::string> OptionsSet(const std::string& log) {
  std::set<std::string> lines;
  std::istringstream in(ReadFile(log));
  for (std::string line; std::getline(in, line);) lines.insert(line);
  return lines;
}

std::string Option(CURLoption option, const std::string& value) { return std::to_string(option) + " " + value; }

}  // namespace

TEST_CASE("old curl: the registry renders over TLS with VAULT_CACERT, through the fallback options", "[vault][old-curl]") {
  VaultServer server(RegistryVaultConfig(R"("tokens": {")" + std::string(kToken) + R"(": {"policies": ["root"]}})"), {.tls = true});
  std::string log = TempDir() + "/options";
  RunResult r = Run(RegistryArgs("render", "vault"), ReadFile(Source("testdata/registry/helm3.yaml")), OldCurlEnv(server, log));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(server.CountPrefix("GET", "/v1/registry-kv/data/") >= 2);
  std::set<std::string> set = OptionsSet(log);
  const std::string http_only = std::to_string(CURLPROTO_HTTP | CURLPROTO_HTTPS);
  CHECK(set.count(Option(CURLOPT_PROTOCOLS, http_only)) == 1);
  CHECK(set.count(Option(CURLOPT_REDIR_PROTOCOLS, http_only)) == 1);
  CHECK(set.count(Option(CURLOPT_CAPATH, "NULL")) == 1);
  // VAULT_CACERT handed over as a file: the in-memory copy of its PEM.
  auto cainfo = std::find_if(set.begin(), set.end(), [](const std::string& l) { return l.rfind(std::to_string(CURLOPT_CAINFO) + " ", 0) == 0; });
  REQUIRE(cainfo != set.end());
  CHECK(cainfo->find(" /proc/self/fd/") != std::string::npos);
}

TEST_CASE("old curl: VAULT_CACERT through the fallback trusts that CA only", "[vault][old-curl]") {
  VaultServer server(RegistryVaultConfig(R"("tokens": {")" + std::string(kToken) + R"(": {"policies": ["root"]}})"), {.tls = true});
  std::map<std::string, std::string> env = OldCurlEnv(server, TempDir() + "/options");
  env["VAULT_CACERT"] = TestCertificates().client_cert;  // a certificate, but not Vault's CA
  RunResult r = Run(RegistryArgs("render", "vault"), ReadFile(Source("testdata/registry/helm3.yaml")), env);
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find("TLS with Vault at " + server.addr() + " failed: SSL certificate problem") != std::string::npos);
  CHECK(server.Requests().empty());
}

TEST_CASE("old curl: a libcurl that knows no protocol restriction at all is refused before any request", "[vault][old-curl]") {
  VaultServer server(RegistryVaultConfig(R"("tokens": {")" + std::string(kToken) + R"(": {"policies": ["root"]}})"), {.tls = true});
  std::map<std::string, std::string> env = OldCurlEnv(server, TempDir() + "/options");
  env["OLD_CURL_SHIM_NO_PROTOCOLS"] = "1";
  RunResult r = Run(RegistryArgs("render", "vault"), ReadFile(Source("testdata/registry/helm3.yaml")), env);
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find(" was not sent to Vault at " + server.addr() + ": libcurl " + curl_version_info(CURLVERSION_NOW)->version +
                   " refuses CURLOPT_PROTOCOLS (An unknown option was passed in to libcurl), which the request needs to be safe") !=
        std::string::npos);
  CHECK(server.Requests().empty());
}
