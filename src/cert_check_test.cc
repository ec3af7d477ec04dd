#include "cert_check.h"

#include <openssl/bio.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "rfc3339.h"
#include "test_certs.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const std::string kHost = "keycloak.example.com";
const std::string kRoot = "CN=Test Root CA,O=Hostgraft Tests";

struct Checked {
  bool ok;
  Diagnostics diags;
  CertInfo info;
  std::vector<std::string> errors;    // messages, in order
  std::vector<std::string> warnings;

  // Whether any error or warning message contains fragment.
  bool Says(const std::string& fragment) const {
    for (const Diagnostic& d : diags.all())
      if (d.message.find(fragment) != std::string::npos) return true;
    return false;
  }
};

CertCheckRequest Request(const std::string& host = kHost) {
  CertCheckRequest request;
  request.host = host;
  request.at = TestAt();
  request.trust = Trust::kBundle;  // the system store only where a test says so
  request.where.document = 3;
  request.where.resource = "Route reg-a/keycloak-custom";
  return request;
}

// Runs the check and asserts what holds for every result: errors are exit 1,
// each diagnostic carries the request's location, and none carries key material.
Checked Check(const TlsMaterial& material, const CertCheckRequest& request = Request()) {
  Checked c;
  c.ok = CheckTlsMaterial(material, request, &c.diags, &c.info);
  for (const Diagnostic& d : c.diags.all()) {
    CHECK(d.where.document == request.where.document);
    CHECK(d.where.resource == request.where.resource);
    CHECK_FALSE(ContainsKeyMaterial(FormatDiagnostic(d), material.key));
    if (d.severity == Severity::kError) {
      CHECK(d.exit_code == kExitFindings);
      c.errors.push_back(d.message);
    } else {
      c.warnings.push_back(d.message);
    }
  }
  CHECK(c.ok == c.errors.empty());
  return c;
}

const TestCert& Ca() {
  static const TestCert ca = MakeCa("Test Root CA");
  return ca;
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("a good leaf is accepted and described", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost, "sso.example.com"}, {.serial = 0x1A2B});
  Checked c = Check(Material(leaf, Ca()));
  CHECK(c.ok);
  CHECK(c.diags.all().empty());
  CHECK(c.info.subject == "CN=keycloak.example.com,O=Hostgraft Tests");
  CHECK(c.info.issuer == kRoot);
  CHECK(c.info.serial == "1A2B");
  CHECK(c.info.not_before == "2026-01-01T00:00:00Z");
  CHECK(c.info.not_after == "2027-01-01T00:00:00Z");
  CHECK(c.info.dns_names == std::vector<std::string>{kHost, "sso.example.com"});
  CHECK(c.info.key_type == "EC P-256");
  CHECK(c.info.key_bits == 256);
  CHECK(c.info.chain == std::vector<std::string>{c.info.subject, kRoot});
  CHECK_FALSE(c.info.self_signed);
  CHECK(Check(Material(leaf, Ca()), Request("sso.example.com")).ok);
}

TEST_CASE("a leaf signed through an intermediate carried in certificate is accepted", "[cert_check]") {
  TestCert issuing = MakeIntermediate(Ca(), "Test Issuing CA");
  TestCert leaf = MakeLeaf(issuing, {kHost});
  Checked c = Check(Material(leaf, Ca()));
  CHECK(c.ok);
  CHECK(c.info.chain == std::vector<std::string>{"CN=keycloak.example.com,O=Hostgraft Tests",
                                                 "CN=Test Issuing CA,O=Hostgraft Tests", kRoot});

  SECTION("the intermediate itself may be the stored caCertificate") {
    CHECK(Check({leaf.cert_pem, leaf.key_pem, issuing.cert_pem}).ok);
  }
  SECTION("without the intermediate the chain is refused, saying what to store") {
    Checked missing = Check({leaf.cert_pem, leaf.key_pem, Ca().cert_pem});
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].rfind("the certificate for keycloak.example.com does not chain to `caCertificate`: "
                                  "unable to get local issuer certificate at CN=keycloak.example.com,O=Hostgraft "
                                  "Tests, issued by CN=Test Issuing CA,O=Hostgraft Tests (subject ",
                                  0) == 0);
    CHECK(missing.diags.all()[0].fix ==
          "store the certificate of the CA that issued CN=Test Issuing CA,O=Hostgraft Tests in `caCertificate`, "
          "and any intermediates after the leaf in `certificate`");
  }
}

TEST_CASE("a leaf for another host is refused with subject, issuer, serial, dates and the fix", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {"other.example.com", "www.example.com"}, {.serial = 0x1234});
  Checked c = Check(Material(leaf, Ca()));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0] ==
        "the certificate for keycloak.example.com does not match keycloak.example.com: its subjectAltName lists "
        "other.example.com, www.example.com (subject CN=other.example.com,O=Hostgraft Tests; issuer CN=Test Root "
        "CA,O=Hostgraft Tests; serial 1234; valid 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z)");
  CHECK(c.diags.all()[0].fix == "issue a certificate whose subjectAltName lists keycloak.example.com");
  CHECK(c.diags.exit_code() == 1);
}

TEST_CASE("the subject common name is never taken for the host", "[cert_check]") {
  Checked cn_only = Check(Material(MakeLeaf(Ca(), {}, {.eku = Eku::kServerAuth, .common_name = kHost}), Ca()));
  REQUIRE(cn_only.errors.size() == 1);
  CHECK(cn_only.errors[0].rfind("the certificate for keycloak.example.com does not match keycloak.example.com: "
                                "its subjectAltName lists no DNS names (subject CN=keycloak.example.com,",
                                0) == 0);
  CHECK_FALSE(
      Check(Material(MakeLeaf(Ca(), {"other.example.com"}, {.common_name = kHost}), Ca())).ok);
}

TEST_CASE("a wildcard matches exactly one label", "[cert_check]") {
  TlsMaterial wildcard = Material(MakeLeaf(Ca(), {"*.example.com"}), Ca());
  CHECK(Check(wildcard, Request("a.example.com")).ok);
  CHECK(Check(wildcard, Request("keycloak.example.com")).ok);
  Checked deeper = Check(wildcard, Request("a.b.example.com"));
  REQUIRE(deeper.errors.size() == 1);
  CHECK(deeper.errors[0].rfind("the certificate for a.b.example.com does not match a.b.example.com: its "
                               "subjectAltName lists *.example.com (",
                               0) == 0);
  CHECK(Check(wildcard, Request("example.com")).errors.size() == 1);
  // Browsers refuse partial-label wildcards, so they do not count either.
  CHECK_FALSE(Check(Material(MakeLeaf(Ca(), {"k*.example.com"}), Ca())).ok);
}

TEST_CASE("a self-signed leaf is refused, even when it is the trusted caCertificate", "[cert_check]") {
  TestCert self = MakeSelfSignedLeaf({kHost});
  for (const std::string& ca : {Ca().cert_pem, self.cert_pem}) {
    Checked c = Check({self.cert_pem, self.key_pem, ca});
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0] ==
          "the certificate for keycloak.example.com is self-signed (subject CN=keycloak.example.com,O=Hostgraft "
          "Tests; issuer CN=keycloak.example.com,O=Hostgraft Tests; serial " +
              c.info.serial + "; valid 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z)");
    CHECK(c.diags.all()[0].fix ==
          "issue the certificate from a CA and store the CA's certificate in `caCertificate`");
    CHECK(c.info.self_signed);
  }
}

TEST_CASE("an expired leaf is refused with its end date and the time it was judged at", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost}, {.not_before = "2025-05-01T00:00:00Z", .not_after = "2026-05-01T00:00:00Z"});
  Checked c = Check(Material(leaf, Ca()));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the certificate for keycloak.example.com expired at 2026-05-01T00:00:00Z (judged at "
                          "2026-06-01T00:00:00Z) (subject CN=keycloak.example.com,O=Hostgraft Tests; issuer " +
                              kRoot + "; serial ",
                          0) == 0);
  CHECK(c.diags.all()[0].fix == "renew the certificate and store the new one with its key");
  CHECK(c.warnings.empty());
}

TEST_CASE("a leaf not yet valid is refused", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost}, {.not_before = "2026-07-01T00:00:00Z"});
  Checked c = Check(Material(leaf, Ca()));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the certificate for keycloak.example.com is not valid before 2026-07-01T00:00:00Z "
                          "(judged at 2026-06-01T00:00:00Z) (subject ",
                          0) == 0);
}

TEST_CASE("validity includes both of its ends", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost}, {.not_before = "2026-06-01T00:00:00Z", .not_after = "2026-06-01T00:00:00Z"});
  Checked c = Check(Material(leaf, Ca()));
  CHECK(c.ok);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].rfind("the certificate for keycloak.example.com expires in less than a day, at "
                            "2026-06-01T00:00:00Z (subject ",
                            0) == 0);
  CertCheckRequest later = Request();
  later.at += 1;
  CHECK(Check(Material(leaf, Ca()), later).errors.size() == 1);
}

TEST_CASE("a leaf expiring within the warning days is a warning saying how many days are left", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost}, {.not_after = "2026-06-13T12:00:00Z"});
  Checked c = Check(Material(leaf, Ca()));
  CHECK(c.ok);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].rfind("the certificate for keycloak.example.com expires in 12 days, at 2026-06-13T12:00:00Z "
                            "(subject CN=keycloak.example.com,O=Hostgraft Tests; issuer ",
                            0) == 0);
  CHECK(c.diags.all()[0].severity == Severity::kWarning);
  CHECK(c.diags.all()[0].fix == "renew the certificate before 2026-06-13T12:00:00Z");
  CHECK(c.diags.exit_code() == 0);

  CertCheckRequest shorter = Request();
  shorter.expiry_warning_days = 12;
  CHECK(Check(Material(leaf, Ca()), shorter).warnings.empty());
  shorter.expiry_warning_days = 0;
  CHECK(Check(Material(leaf, Ca()), shorter).warnings.empty());

  TestCert tomorrow = MakeLeaf(Ca(), {kHost}, {.not_after = "2026-06-02T06:00:00Z"});
  CHECK(Check(Material(tomorrow, Ca())).Says("expires in 1 day, at 2026-06-02T06:00:00Z"));
  // Exactly 30 days left is outside the 30-day window.
  CHECK(Check(Material(MakeLeaf(Ca(), {kHost}, {.not_after = "2026-07-01T00:00:00Z"}), Ca())).warnings.empty());
}

TEST_CASE("a key that does not belong to the leaf is refused, naming both key types only", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost});
  TlsMaterial material = Material(leaf, Ca());
  material.key = KeyFor("another key").pem;
  Checked c = Check(material);
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the private key does not belong to the certificate for keycloak.example.com (key: EC "
                          "P-256; certificate: EC P-256) (subject CN=keycloak.example.com,",
                          0) == 0);
  CHECK(c.diags.all()[0].fix == "store the private key the certificate was issued for");

  material.key = KeyFor("another key", KeyType::kRsa).pem;
  Checked rsa = Check(material);
  REQUIRE(rsa.errors.size() == 1);
  CHECK(rsa.errors[0].find("(key: RSA 2048; certificate: EC P-256)") != std::string::npos);
}

TEST_CASE("RSA, EC and Ed25519 key pairs are matched", "[cert_check]") {
  struct Case {
    KeyType type;
    const char* name;
    int bits;
  };
  for (const Case& k : {Case{KeyType::kRsa, "RSA", 2048}, Case{KeyType::kEc, "EC P-256", 256},
                        Case{KeyType::kEd25519, "Ed25519", 256}}) {
    INFO(k.name);
    TestCert leaf = MakeLeaf(Ca(), {kHost}, {.key_type = k.type});
    Checked good = Check(Material(leaf, Ca()));
    CHECK(good.ok);
    CHECK(good.info.key_type == k.name);
    CHECK(good.info.key_bits == k.bits);

    TlsMaterial mismatched = Material(leaf, Ca());
    mismatched.key = KeyFor("another key", k.type).pem;
    Checked bad = Check(mismatched);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].find(std::string("(key: ") + (k.type == KeyType::kRsa ? "RSA 2048" : k.name) +
                             "; certificate: " + (k.type == KeyType::kRsa ? "RSA 2048" : k.name) + ")") !=
          std::string::npos);
  }
  // An Ed25519 CA signs without a digest; its leaves verify all the same.
  TestCert ed_ca = MakeCa("Test Ed25519 CA", {.key_type = KeyType::kEd25519});
  CHECK(Check(Material(MakeLeaf(ed_ca, {kHost}), ed_ca)).ok);
}

TEST_CASE("a chain to another CA is refused", "[cert_check]") {
  TestCert other = MakeCa("Other Root CA");
  Checked c = Check(Material(MakeLeaf(other, {kHost}), Ca()));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the certificate for keycloak.example.com does not chain to `caCertificate`: unable to "
                          "get local issuer certificate at CN=keycloak.example.com,O=Hostgraft Tests, issued by "
                          "CN=Other Root CA,O=Hostgraft Tests (subject ",
                          0) == 0);
}

TEST_CASE("an expired intermediate is refused as a chain failure", "[cert_check]") {
  TestCert issuing = MakeIntermediate(Ca(), "Old Issuing CA",
                                      {.not_before = "2020-01-01T00:00:00Z", .not_after = "2026-05-01T00:00:00Z"});
  Checked c = Check(Material(MakeLeaf(issuing, {kHost}), Ca()));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the certificate for keycloak.example.com does not chain to `caCertificate`: "
                          "certificate has expired at CN=Old Issuing CA,O=Hostgraft Tests, issued by " +
                              kRoot + " (subject ",
                          0) == 0);
  CHECK(c.diags.all()[0].fix ==
        "renew the CA certificate CN=Old Issuing CA,O=Hostgraft Tests or use a chain that is valid at that time");
}

TEST_CASE("trust bundle trusts only caCertificate, system+bundle also the system store", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {kHost});
  TlsMaterial no_ca = Material(leaf, Ca());
  no_ca.ca_certificate.clear();

  CertCheckRequest bundle = Request();
  Checked refused = Check(no_ca, bundle);
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].rfind("the certificate for keycloak.example.com cannot be verified: trust: bundle trusts "
                                "only `caCertificate`, and there is none (subject ",
                                0) == 0);

  CertCheckRequest system = Request();
  system.trust = Trust::kSystemAndBundle;
  CHECK(Check(Material(leaf, Ca()), system).ok);
  Checked not_public = Check(no_ca, system);
  REQUIRE(not_public.errors.size() == 1);
  CHECK(not_public.errors[0].rfind("the certificate for keycloak.example.com does not chain to the system store: "
                                   "unable to get local issuer certificate at ",
                                   0) == 0);
  TestCert other = MakeCa("Other Root CA");
  CHECK(Check(Material(MakeLeaf(other, {kHost}), Ca()), system)
            .Says("the certificate for keycloak.example.com does not chain to `caCertificate` or the system store: "
                  "unable to get local issuer certificate at "));

  SECTION("a CA in the system store is trusted only with system+bundle") {
    // OpenSSL reads the system store from SSL_CERT_FILE / SSL_CERT_DIR when set.
    std::string dir = TempDir();
    WriteFile(dir + "/system.pem", Ca().cert_pem);
    ScopedEnv file("SSL_CERT_FILE", dir + "/system.pem");
    ScopedEnv certs("SSL_CERT_DIR", dir);
    CHECK(Check(no_ca, system).ok);
    CHECK_FALSE(Check(no_ca, bundle).ok);
  }
}

TEST_CASE("the system store is looked for in the distributions' places when OpenSSL's default is missing", "[cert_check]") {
  CHECK(SystemCaFileCandidates() == std::vector<std::string>{X509_get_default_cert_file(), "/etc/ssl/certs/ca-certificates.crt",
                                                             "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
                                                             "/etc/ssl/cert.pem"});
  CHECK(SystemCaDirCandidates() == std::vector<std::string>{X509_get_default_cert_dir(), "/etc/ssl/certs"});
  // A system where only these paths exist.
  auto system = [](std::vector<std::string> present) {
    return [present](const std::string& path) { return std::find(present.begin(), present.end(), path) != present.end(); };
  };
  const std::vector<std::string> files = {"/usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt",
                                          "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem"};
  auto rhel = system({"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"});
  CHECK(SystemCaPath(nullptr, files, rhel) == "/etc/pki/tls/certs/ca-bundle.crt");
  CHECK(SystemCaPath("", files, rhel) == "/etc/pki/tls/certs/ca-bundle.crt");
  CHECK(SystemCaPath(nullptr, files, system({"/usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt"})) == "/usr/lib/ssl/cert.pem");
  CHECK(SystemCaPath(nullptr, files, system({"/etc/ssl/cert.pem"})) == "/etc/ssl/cert.pem");
  CHECK(SystemCaPath(nullptr, files, system({})).empty());
  // SSL_CERT_FILE is taken as it is, even when missing: never a silent switch.
  CHECK(SystemCaPath("/opt/ca.pem", files, rhel) == "/opt/ca.pem");
}

TEST_CASE("system+bundle without any system store is refused, saying where it was looked for", "[cert_check]") {
  TlsMaterial no_ca = Material(MakeLeaf(Ca(), {kHost}), Ca());
  no_ca.ca_certificate.clear();
  CertCheckRequest system = Request();
  system.trust = Trust::kSystemAndBundle;
  std::string dir = TempDir();
  ScopedEnv file("SSL_CERT_FILE", dir + "/missing.pem");
  ScopedEnv certs("SSL_CERT_DIR", dir + "/missing");
  Checked c = Check(no_ca, system);
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("the certificate for keycloak.example.com does not chain to the system store (no system store found at "
                          "SSL_CERT_FILE=" + dir + "/missing.pem, SSL_CERT_DIR=" + dir + "/missing): unable to get local issuer certificate at ",
                          0) == 0);
  CHECK(c.diags.all()[0].fix == "set SSL_CERT_FILE to this system's CA bundle, or store the issuing CA's certificate in `caCertificate`");
  CHECK(c.diags.all()[0].exit_code == kExitFindings);
}

TEST_CASE("a client certificate needs no host but must allow clientAuth", "[cert_check]") {
  CertCheckRequest client = Request("");
  client.client_auth = true;
  TestCert cert = MakeClientCert(Ca(), "ics-redis-client");
  Checked c = Check(Material(cert, Ca()), client);
  CHECK(c.ok);
  CHECK(c.info.dns_names.empty());
  CHECK(c.info.subject == "CN=ics-redis-client,O=Hostgraft Tests");

  client.host = kHost;  // a host given with client_auth is not matched
  CHECK(Check(Material(cert, Ca()), client).ok);
  CHECK(Check(Material(MakeLeaf(Ca(), {}, {.eku = Eku::kNone, .common_name = "no-eku-client"}), Ca()), client).ok);

  Checked server_only = Check(Material(MakeLeaf(Ca(), {"redis.example.com"}), Ca()), client);
  REQUIRE(server_only.errors.size() == 1);
  CHECK(server_only.errors[0].rfind("the client certificate does not allow TLS client authentication: its "
                                    "extendedKeyUsage lacks clientAuth (subject CN=redis.example.com,",
                                    0) == 0);
  CHECK(server_only.diags.all()[0].fix == "issue a client certificate with extendedKeyUsage clientAuth");

  // As a server certificate, the client certificate matches no host.
  CHECK(Check(Material(cert, Ca()))
            .Says("the certificate for keycloak.example.com does not match keycloak.example.com: its "
                  "subjectAltName lists no DNS names (subject CN=ics-redis-client,"));
}

TEST_CASE("every failed rule is reported at once", "[cert_check]") {
  TestCert other = MakeCa("Other Root CA");
  TestCert leaf = MakeLeaf(other, {"other.example.com"}, {.not_after = "2026-05-01T00:00:00Z"});
  TlsMaterial material = Material(leaf, Ca());
  material.key = KeyFor("another key").pem;
  Checked c = Check(material);
  REQUIRE(c.errors.size() == 4);
  CHECK(c.errors[0].find("does not match keycloak.example.com") != std::string::npos);
  CHECK(c.errors[1].find("expired at 2026-05-01T00:00:00Z") != std::string::npos);
  CHECK(c.errors[2].find("the private key does not belong") != std::string::npos);
  CHECK(c.errors[3].find("does not chain to `caCertificate`: unable to get local issuer certificate") !=
        std::string::npos);
  CHECK(c.diags.exit_code() == kExitFindings);
}

TEST_CASE("a missing certificate is refused, a missing key skips only the key rule", "[cert_check]") {
  Checked none = Check({"", "", Ca().cert_pem});
  REQUIRE(none.errors.size() == 1);
  CHECK(none.errors[0] == "the certificate for keycloak.example.com is missing or does not parse");

  TestCert leaf = MakeLeaf(Ca(), {kHost});
  CHECK(Check({leaf.cert_pem, "", Ca().cert_pem}).ok);
}

TEST_CASE("no certificate diagnostic carries key material", "[cert_check]") {
  TestCert leaf = MakeLeaf(Ca(), {"other.example.com"}, {.not_after = "2026-05-01T00:00:00Z"});
  TlsMaterial material = Material(leaf, MakeCa("Other Root CA"));
  Diagnostics diags;
  CheckTlsMaterial(material, Request(), &diags);
  REQUIRE(diags.all().size() == 3);
  std::string all;
  for (const Diagnostic& d : diags.all()) all += FormatDiagnostic(d) + "\n";
  CHECK_FALSE(ContainsKeyMaterial(all, leaf.key_pem));
  CHECK_FALSE(ContainsKeyMaterial(all, Ca().key_pem));
  // The assertion itself can fail: a text holding a key line is caught.
  CHECK(ContainsKeyMaterial(all + leaf.key_pem.substr(28, 64), leaf.key_pem));
}

namespace {

// key in the traditional PEM form of its type ("RSA PRIVATE KEY", "EC PRIVATE KEY").
std::string TraditionalPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr));
  char* data;
  return std::string(data, BIO_get_mem_data(bio.get(), &data));
}

TlsMaterial Decoded(const SecretFields& fields) {
  TlsMaterial material;
  Diagnostics diags;
  REQUIRE(DecodeTlsMaterial(fields, "registry-kv/some/path", true, true, &material, &diags));
  REQUIRE(material.parsed != nullptr);
  return material;
}

}  // namespace

TEST_CASE("checking decoded material parses nothing again", "[cert_check]") {
  TestCert via = MakeIntermediate(Ca(), "Test Parse Once Issuing CA");
  TestCert leaf = MakeLeaf(via, {kHost});
  TlsMaterial material = Decoded(Fields(leaf, Ca()));
  TlsParseCounts before = TlsParses();
  Checked c = Check(material);
  CHECK(c.ok);
  CHECK(c.info.chain.size() == 3);
  CHECK(TlsParses().certificates == before.certificates);
  CHECK(TlsParses().keys == before.keys);

  // A key put in after decoding is the one judged.
  material.key = KeyFor("another key").pem;
  Checked swapped = Check(material);
  REQUIRE(swapped.errors.size() == 1);
  CHECK(swapped.Says("the private key does not belong to the certificate for keycloak.example.com (key: EC P-256; "
                     "certificate: EC P-256)"));
  CHECK(TlsParses().certificates == before.certificates);
}

TEST_CASE("decoded keys of every PEM form are matched, another key of the same form is refused", "[cert_check]") {
  struct Case {
    const char* what;
    KeyType type;
    bool traditional;
    const char* summary;
  };
  for (const Case& k : {Case{"RSA, PKCS#1", KeyType::kRsa, true, "RSA 2048"},
                        Case{"RSA, PKCS#8", KeyType::kRsa, false, "RSA 2048"},
                        Case{"EC, SEC1", KeyType::kEc, true, "EC P-256"},
                        Case{"EC, PKCS#8", KeyType::kEc, false, "EC P-256"},
                        Case{"Ed25519, PKCS#8", KeyType::kEd25519, false, "Ed25519"}}) {
    INFO(k.what);
    TestCert leaf = MakeLeaf(Ca(), {kHost}, {.key_type = k.type});
    SecretFields fields = Fields(leaf, Ca());
    if (k.traditional) fields["key"] = TraditionalPem(leaf.key.get());
    Checked good = Check(Decoded(fields));
    CHECK(good.ok);

    const TestKey& another = KeyFor("another key", k.type);
    fields["key"] = k.traditional ? TraditionalPem(another.pkey.get()) : another.pem;
    Checked bad = Check(Decoded(fields));
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.Says(std::string("the private key does not belong to the certificate for keycloak.example.com (key: ") +
                   k.summary + "; certificate: " + k.summary + ")"));
  }
}
