// hostgraft check-cert on every certificate case of the render tests, from
// PEM files and from a secret file, with its exit codes and report.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft::test;

namespace {

struct Files {
  std::string cert, key, ca;
};

// leaf + its chain, its key and `ca` written to a fresh directory.
Files Write(const TestCert& leaf, const TestCert& ca, const std::string& key_pem = {}) {
  std::string dir = TempDir();
  Files f{dir + "/tls.crt", dir + "/tls.key", dir + "/ca.crt"};
  WriteFile(f.cert, leaf.cert_pem + leaf.chain_pem);
  WriteFile(f.key, key_pem.empty() ? leaf.key_pem : key_pem);
  WriteFile(f.ca, ca.cert_pem);
  return f;
}

RunResult Check(const Files& f, const std::string& host, const std::string& format = "text") {
  return Run({"check-cert", "--host", host, "--cert", f.cert, "--key", f.key, "--ca", f.ca, "--at", kTestAt, "--format",
              format});
}

const TestCert& Ca() {
  static const TestCert ca = MakeCa("Check Root CA", {.serial = 0x100});
  return ca;
}

}  // namespace

TEST_CASE("check-cert: a good certificate is accepted with its full report", "[check-cert]") {
  TestCert leaf = MakeLeaf(Ca(), {"keycloak.example.com", "login.example.com"}, {.serial = 0x1234});
  RunResult r = Check(Write(leaf, Ca()), "keycloak.example.com");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "host      keycloak.example.com\n"
        "subject   CN=keycloak.example.com,O=Hostgraft Tests\n"
        "SANs      keycloak.example.com, login.example.com\n"
        "issuer    CN=Check Root CA,O=Hostgraft Tests\n"
        "serial    1234\n"
        "valid     2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z\n"
        "key       EC P-256, 256 bits\n"
        "chain     CN=keycloak.example.com,O=Hostgraft Tests <- CN=Check Root CA,O=Hostgraft Tests\n"
        "verdict   accepted\n"
        "hostgraft check-cert: no findings\n");
  CHECK_FALSE(ContainsKeyMaterial(r.out + r.err, leaf.key_pem));
}

TEST_CASE("check-cert: each refused case is exit 1 with the rule that refuses it", "[check-cert]") {
  TestCert other_ca = MakeCa("Other Root CA");
  struct Case {
    const char* name;
    TestCert leaf;
    const TestCert* ca;
    std::string key;
    std::string host;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"wrong host", MakeLeaf(Ca(), {"officer.example.com"}), &Ca(), {}, "keycloak.example.com",
       "does not match keycloak.example.com: its subjectAltName lists officer.example.com"},
      {"expired", MakeLeaf(Ca(), {"keycloak.example.com"}, {.not_after = "2026-05-01T00:00:00Z"}), &Ca(), {},
       "keycloak.example.com", "expired at 2026-05-01T00:00:00Z (judged at 2026-06-01T00:00:00Z)"},
      {"not yet valid", MakeLeaf(Ca(), {"keycloak.example.com"}, {.not_before = "2026-07-01T00:00:00Z"}), &Ca(), {},
       "keycloak.example.com", "is not valid before 2026-07-01T00:00:00Z"},
      {"self-signed", MakeSelfSignedLeaf({"keycloak.example.com"}), &Ca(), {}, "keycloak.example.com",
       "is self-signed"},
      {"key mismatch", MakeLeaf(Ca(), {"keycloak.example.com"}), &Ca(), KeyFor("another").pem, "keycloak.example.com",
       "the private key does not belong to the certificate for keycloak.example.com"},
      {"chain to another CA", MakeLeaf(Ca(), {"keycloak.example.com"}), &other_ca, {}, "keycloak.example.com",
       "does not chain to `caCertificate` or the system store"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    RunResult r = Check(Write(c.leaf, *c.ca, c.key), c.host);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("error HG020 certificate: ") != std::string::npos);
    CHECK(r.out.find(c.expected) != std::string::npos);
    CHECK(r.out.find("verdict   refused\n") != std::string::npos);
    CHECK_FALSE(ContainsKeyMaterial(r.out + r.err, c.leaf.key_pem));
  }
}

TEST_CASE("check-cert: a bundle file is read like a files: store secret", "[check-cert]") {
  TestCert leaf = MakeLeaf(Ca(), {"officer.example.com"}, {.not_after = "2026-06-11T00:00:00Z", .serial = 0x77});
  std::string dir = TempDir();
  std::string bundle = dir + "/officer.json";
  auto json = [](const std::string& pem) {
    std::string out;
    for (char c : pem) out += c == '\n' ? std::string("\\n") : std::string(1, c);
    return "\"" + out + "\"";
  };
  WriteFile(bundle, "{\"certificate\": " + json(leaf.cert_pem) + ", \"key\": " + json(leaf.key_pem) +
                        ", \"caCertificate\": " + json(Ca().cert_pem) + "}\n");
  RunResult r = Run({"check-cert", "--host", "officer.example.com", "--bundle", bundle, "--at", kTestAt, "--format",
                     "json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);  // a warning does not refuse
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["command"].GetString()) == "check-cert");
  CHECK(std::string(doc["certificate"]["verdict"].GetString()) == "accepted");
  CHECK(std::string(doc["certificate"]["serial"].GetString()) == "77");
  CHECK(std::string(doc["certificate"]["keyType"].GetString()) == "EC P-256");
  CHECK(doc["certificate"]["dnsNames"].Size() == 1);
  REQUIRE(doc["findings"].Size() == 1);
  CHECK(std::string(doc["findings"][0]["id"].GetString()) == "HG021");
  CHECK(std::string(doc["findings"][0]["file"].GetString()) == bundle);
  CHECK(std::string(doc["findings"][0]["message"].GetString()).find("expires in 10 days, at 2026-06-11T00:00:00Z") !=
        std::string::npos);

  RunResult github = Run({"check-cert", "--host", "keycloak.example.com", "--bundle", bundle, "--at", kTestAt,
                          "--format", "github"});
  CHECK(github.exit_code == 1);
  CHECK(github.out.rfind("::error file=" + bundle + ",title=HG020 certificate::host keycloak.example.com: ", 0) == 0);
}

TEST_CASE("check-cert: usage errors are exit 2 with nothing on stdout", "[check-cert]") {
  Files f = Write(MakeLeaf(Ca(), {"keycloak.example.com"}), Ca());
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  std::vector<Case> cases = {
      {{"check-cert", "--cert", f.cert}, "check-cert needs --host"},
      {{"check-cert", "--host", "a.example.com"}, "check-cert needs either --bundle or --cert"},
      {{"check-cert", "--host", "a.example.com", "--bundle", f.cert, "--cert", f.cert},
       "check-cert needs either --bundle or --cert"},
      {{"check-cert", "--host", "a.example.com", "--bundle", f.cert, "--key", f.key},
       "--key and --ca go with --cert, not --bundle"},
      {{"check-cert", "--host", "a.example.com", "--cert", f.cert + ".missing"}, f.cert + ".missing: --cert cannot be opened: No such file or directory"},
      {{"check-cert", "--host", "a.example.com", "--cert", f.cert, "--fail-on", "never"}, "unknown option --fail-on"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    RunResult r = Run(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
}
