#include "tls_material.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>

#include <catch2/catch.hpp>

#include "test_certs.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

const std::string kPath = "registry-kv/cluster/domains/keycloak.example.com";

struct Decoded {
  bool ok;
  TlsMaterial material;
  Diagnostics diags;
};

Decoded Decode(const SecretFields& fields, bool need_key = true, bool need_ca = true) {
  Decoded d;
  d.ok = DecodeTlsMaterial(fields, kPath, need_key, need_ca, &d.material, &d.diags);
  return d;
}

const TestCert& Ca() {
  static const TestCert ca = MakeCa("Test Root CA");
  return ca;
}

const TestCert& Leaf() {
  static const TestCert leaf = MakeLeaf(Ca(), {"keycloak.example.com"});
  return leaf;
}

// The single error of d, checked to name the secret path and never to carry key material.
Diagnostic OnlyError(const Decoded& d) {
  REQUIRE_FALSE(d.ok);
  REQUIRE(d.diags.all().size() == 1);
  const Diagnostic& e = d.diags.all()[0];
  CHECK(e.severity == Severity::kError);
  CHECK(e.where.file == kPath);
  CHECK_FALSE(ContainsKeyMaterial(FormatDiagnostic(e), Leaf().key_pem));
  return e;
}

}  // namespace

TEST_CASE("PEM fields are taken as they are", "[tls_material]") {
  Decoded d = Decode(Fields(Leaf(), Ca()));
  REQUIRE(d.ok);
  CHECK(d.diags.all().empty());
  CHECK(d.material.certificate == Leaf().cert_pem);
  CHECK(d.material.key == Leaf().key_pem);
  CHECK(d.material.ca_certificate == Ca().cert_pem);
}

TEST_CASE("base64-wrapped PEM is decoded, on one line or wrapped", "[tls_material]") {
  std::string wrapped_key = Base64(Leaf().key_pem);
  for (size_t i = 76; i < wrapped_key.size(); i += 77) wrapped_key.insert(i, "\n");
  SecretFields fields = {{"certificate", Base64(Leaf().cert_pem)},
                         {"key", wrapped_key + "\n"},
                         {"caCertificate", Base64(Ca().cert_pem)}};
  Decoded d = Decode(fields);
  REQUIRE(d.ok);
  CHECK(d.material.certificate == Leaf().cert_pem);
  CHECK(d.material.key == Leaf().key_pem);
  CHECK(d.material.ca_certificate == Ca().cert_pem);
}

TEST_CASE("CRLF line ends, surrounding blanks and text outside blocks are normalised away", "[tls_material]") {
  std::string crlf;
  for (char c : Leaf().cert_pem) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  SecretFields fields = Fields(Leaf(), Ca());
  fields["certificate"] = "\n  Bag Attributes\n    friendlyName: keycloak\r\n" + crlf + "\n\n";
  Decoded d = Decode(fields);
  REQUIRE(d.ok);
  CHECK(d.material.certificate == Leaf().cert_pem);
}

TEST_CASE("the certificate field keeps the chain it carries, leaf first", "[tls_material]") {
  TestCert issuing = MakeIntermediate(Ca(), "Test Issuing CA");
  TestCert leaf = MakeLeaf(issuing, {"a.example.com"});
  Decoded d = Decode(Fields(leaf, Ca()));
  REQUIRE(d.ok);
  std::vector<std::string> blocks = PemCertificates(d.material.certificate);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0] == leaf.cert_pem);
  CHECK(blocks[1] == issuing.cert_pem);
  CHECK(ParseCertificates(d.material.certificate).size() == 2);
}

TEST_CASE("a missing field is exit 3 naming the secret path and the field", "[tls_material]") {
  for (const char* name : {"certificate", "key", "caCertificate"}) {
    SecretFields fields = Fields(Leaf(), Ca());
    fields.erase(name);
    Decoded d = Decode(fields);
    Diagnostic e = OnlyError(d);
    CHECK(e.exit_code == kExitSecretStore);
    CHECK(e.message == std::string("the secret has no `") + name + "`");
    CHECK(FormatDiagnostic(e).find(kPath + ": the secret has no `" + name + "`") != std::string::npos);
    CHECK(d.diags.exit_code() == 3);
  }
}

TEST_CASE("an empty field counts as missing", "[tls_material]") {
  SecretFields fields = Fields(Leaf(), Ca());
  fields["key"] = " \n";
  Diagnostic e = OnlyError(Decode(fields));
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "the secret has no `key` (it is empty)");
  CHECK(e.fix == "store the certificate's PEM private key under `key`");
}

TEST_CASE("need_key and need_ca make fields optional, but what is there is still checked", "[tls_material]") {
  Decoded ca_only = Decode({{"caCertificate", Ca().cert_pem}}, /*need_key=*/false, /*need_ca=*/true);
  REQUIRE(ca_only.ok);
  CHECK(ca_only.material.certificate.empty());
  CHECK(ca_only.material.key.empty());
  CHECK(ca_only.material.ca_certificate == Ca().cert_pem);

  Decoded no_ca = Decode({{"certificate", Leaf().cert_pem}, {"key", Leaf().key_pem}}, true, false);
  REQUIRE(no_ca.ok);
  CHECK(no_ca.material.ca_certificate.empty());

  Diagnostic e = OnlyError(Decode({{"caCertificate", "garbage"}}, false, false));
  CHECK(e.exit_code == kExitFindings);
  CHECK(e.message == "`caCertificate` is neither PEM nor base64-encoded PEM");
}

TEST_CASE("fields that are not PEM of their kind are exit 1 saying what is wrong", "[tls_material]") {
  std::string cert = Leaf().cert_pem;
  std::string cut_cert = cert.substr(0, cert.size() / 2);
  std::string cut_key = Leaf().key_pem.substr(0, Leaf().key_pem.size() - 30);
  std::string damaged = cert;
  damaged.erase(damaged.find('\n', 40) + 1, 65);  // drop the second base64 line
  std::string legacy_encrypted = Leaf().key_pem;
  legacy_encrypted.insert(legacy_encrypted.find('\n') + 1, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n");

  struct Case {
    std::string field, value, message;
  };
  const Case cases[] = {
      {"certificate", "not a certificate at all", "`certificate` is neither PEM nor base64-encoded PEM"},
      {"certificate", Der(Leaf()), "`certificate` is binary DER, not PEM"},
      {"caCertificate", Base64(Der(Ca())), "`caCertificate` is base64-encoded DER, not PEM"},
      {"certificate", cut_cert, "`certificate` is cut off: its `BEGIN CERTIFICATE` block has no END line"},
      {"key", cut_key, "`key` is cut off: its `BEGIN PRIVATE KEY` block has no END line"},
      {"key", Base64(cut_key), "`key` is cut off: its `BEGIN PRIVATE KEY` block has no END line"},
      {"certificate", damaged, "`certificate` holds a damaged certificate (its base64 or DER does not parse)"},
      {"certificate", cert.substr(0, cert.size() - 26) + "-----END PRIVATE KEY-----\n",
       "`certificate` has a `BEGIN CERTIFICATE` block that ends with `-----END PRIVATE KEY-----`"},
      {"key", EncryptedKeyPem(Leaf(), "secret passphrase"), "`key` is an encrypted private key"},
      {"key", legacy_encrypted, "`key` is an encrypted private key"},
      {"key", Leaf().cert_pem, "`key` holds a CERTIFICATE block where a private key belongs"},
      {"key", Leaf().key_pem + Leaf().key_pem, "`key` holds 2 private keys"},
      {"caCertificate", Ca().cert_pem + Leaf().key_pem,
       "`caCertificate` holds a PRIVATE KEY block where only certificates belong"},
      {"certificate", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
       "`certificate` holds a damaged certificate (its base64 or DER does not parse)"},
      {"key", "-----BEGIN " + Leaf().key_pem.substr(28, 40) + "-----\n" + Leaf().key_pem.substr(28),
       "`key` has a damaged BEGIN line"},
      {"certificate", cert.substr(0, cert.size() - 26) + "-----END " + Leaf().key_pem.substr(28, 40) + "-----\n",
       "`certificate` has a `BEGIN CERTIFICATE` block that ends with a damaged END line"},
      {"caCertificate", std::string(kMaxPemFieldBytes + 1 - Ca().cert_pem.size(), '\n') + Ca().cert_pem,
       "`caCertificate` is larger than 1048576 bytes: no certificate chain is that big"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    SecretFields fields = Fields(Leaf(), Ca());
    fields[c.field] = c.value;
    Decoded d = Decode(fields);
    Diagnostic e = OnlyError(d);
    CHECK(e.exit_code == kExitFindings);
    CHECK(e.message == c.message);
    CHECK_FALSE(e.fix.empty());
    CHECK_FALSE(ContainsKeyMaterial(FormatDiagnostic(e), c.value));  // no line of the field is quoted
    CHECK(d.material.certificate.empty() == (c.field == "certificate"));
    CHECK(d.material.key.empty() == (c.field == "key"));
  }
}

TEST_CASE("legacy EC keys with their EC PARAMETERS block are accepted", "[tls_material]") {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey_traditional(bio.get(), Leaf().key.get(), nullptr, nullptr, 0, nullptr, nullptr));
  char* data;
  std::string legacy(data, BIO_get_mem_data(bio.get(), &data));
  REQUIRE(legacy.rfind("-----BEGIN EC PRIVATE KEY-----", 0) == 0);
  SecretFields fields = Fields(Leaf(), Ca());
  fields["key"] = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + legacy;
  Decoded d = Decode(fields);
  REQUIRE(d.ok);
  CHECK(d.material.key == legacy);
}

TEST_CASE("every bad field is reported, not only the first", "[tls_material]") {
  Decoded d = Decode({{"certificate", "garbage"}, {"key", EncryptedKeyPem(Leaf(), "pw")}});
  REQUIRE_FALSE(d.ok);
  REQUIRE(d.diags.all().size() == 3);
  CHECK(d.diags.all()[0].message == "`certificate` is neither PEM nor base64-encoded PEM");
  CHECK(d.diags.all()[1].message == "`key` is an encrypted private key");
  CHECK(d.diags.all()[2].message == "the secret has no `caCertificate`");
  CHECK(d.diags.exit_code() == kExitFindings);
}

TEST_CASE("parsing a private key never prompts and refuses encrypted keys", "[tls_material]") {
  CHECK(ParsePrivateKey(Leaf().key_pem) != nullptr);
  CHECK(ParsePrivateKey(EncryptedKeyPem(Leaf(), "pw")) == nullptr);
  CHECK(ParsePrivateKey("garbage") == nullptr);
}

namespace {

// key in the traditional PEM form of its type ("RSA PRIVATE KEY", "EC PRIVATE
// KEY"), encrypted when a passphrase is given.
std::string TraditionalPem(EVP_PKEY* key, const char* passphrase = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  const EVP_CIPHER* cipher = passphrase ? EVP_aes_128_cbc() : nullptr;
  auto* pass = reinterpret_cast<const unsigned char*>(passphrase);
  REQUIRE(PEM_write_bio_PrivateKey_traditional(bio.get(), key, cipher, pass, passphrase ? std::strlen(passphrase) : 0,
                                               nullptr, nullptr));
  char* data;
  return std::string(data, BIO_get_mem_data(bio.get(), &data));
}

// What OpenSSL's own reader makes of pem: null or a key.
EvpPkeyPtr GenericRead(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, [](char*, int, int, void*) { return -1; }, nullptr));
  ERR_clear_error();
  return key;
}

}  // namespace

TEST_CASE("every unencrypted key form is read by the decoder its PEM label names", "[tls_material]") {
  const TestKey& ec = KeyFor("parse: ec");
  const TestKey& rsa = KeyFor("parse: rsa", KeyType::kRsa);
  const TestKey& ed = KeyFor("parse: ed25519", KeyType::kEd25519);
  struct Case {
    const char* what;
    std::string pem;
    EVP_PKEY* key;
    const char* label;
  };
  const Case cases[] = {
      {"EC, PKCS#8", ec.pem, ec.pkey.get(), "PRIVATE KEY"},
      {"EC, SEC1", TraditionalPem(ec.pkey.get()), ec.pkey.get(), "EC PRIVATE KEY"},
      {"RSA, PKCS#8", rsa.pem, rsa.pkey.get(), "PRIVATE KEY"},
      {"RSA, PKCS#1", TraditionalPem(rsa.pkey.get()), rsa.pkey.get(), "RSA PRIVATE KEY"},
      {"Ed25519, PKCS#8", ed.pem, ed.pkey.get(), "PRIVATE KEY"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(c.pem.rfind(std::string("-----BEGIN ") + c.label + "-----\n", 0) == 0);
    TlsParseCounts before = TlsParses();
    EvpPkeyPtr key = ParsePrivateKey(c.pem);
    REQUIRE(key != nullptr);
    CHECK(EVP_PKEY_eq(key.get(), c.key) == 1);
    CHECK(TlsParses().keys == before.keys + 1);
    CHECK(TlsParses().generic_keys == before.generic_keys);  // no fallback to OpenSSL's generic reader
  }
}

TEST_CASE("encrypted, damaged and mislabelled keys get the answer OpenSSL's own reader gives", "[tls_material]") {
  const TestKey& ec = KeyFor("parse: ec");
  const TestKey& rsa = KeyFor("parse: rsa", KeyType::kRsa);
  std::string sec1 = TraditionalPem(ec.pkey.get());
  std::string pkcs1 = TraditionalPem(rsa.pkey.get());
  std::string damaged = rsa.pem;
  damaged.erase(damaged.find('\n', 40) + 1, 65);  // drop the second base64 line
  auto relabel = [](std::string pem, const std::string& from, const std::string& to) {
    for (const char* edge : {"-----BEGIN ", "-----END "}) {
      const std::string line = edge + from + "-----";
      size_t at = pem.find(line);
      REQUIRE(at != std::string::npos);
      pem.replace(at, line.size(), edge + to + "-----");
    }
    return pem;
  };
  struct Case {
    const char* what;
    std::string pem;
    bool readable;
  };
  const Case cases[] = {
      {"encrypted PKCS#8", EncryptedKeyPem(Leaf(), "pw"), false},
      {"legacy encrypted PKCS#1", TraditionalPem(rsa.pkey.get(), "pw"), false},
      {"legacy encrypted SEC1", TraditionalPem(ec.pkey.get(), "pw"), false},
      {"damaged PKCS#8", damaged, false},
      // Under a wrong label the exact decoder fails and OpenSSL's reader answers.
      {"SEC1 labelled RSA", relabel(sec1, "EC PRIVATE KEY", "RSA PRIVATE KEY"), false},
      {"PKCS#1 labelled PKCS#8", relabel(pkcs1, "RSA PRIVATE KEY", "PRIVATE KEY"), false},
      {"PKCS#8 labelled EC", relabel(ec.pem, "PRIVATE KEY", "EC PRIVATE KEY"), true},
      {"no key at all", Leaf().cert_pem, false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    EvpPkeyPtr key = ParsePrivateKey(c.pem);
    CHECK((key != nullptr) == c.readable);
    CHECK((key != nullptr) == (GenericRead(c.pem) != nullptr));
    CHECK(ERR_peek_error() == 0);
  }
}

TEST_CASE("decoded material keeps what was parsed, a CA two secrets carry is parsed once", "[tls_material]") {
  TestCert ca = MakeCa("Parse Once Root CA");
  TestCert a = MakeLeaf(ca, {"a.example.com"});
  TestCert b = MakeLeaf(ca, {"b.example.com"});
  TlsParseCounts before = TlsParses();
  Decoded da = Decode(Fields(a, ca));
  REQUIRE(da.ok);
  TlsParseCounts middle = TlsParses();
  CHECK(middle.certificates == before.certificates + 2);  // a's leaf and the CA
  CHECK(middle.keys == before.keys + 1);
  Decoded db = Decode(Fields(b, ca));
  REQUIRE(db.ok);
  TlsParseCounts after = TlsParses();
  CHECK(after.certificates == middle.certificates + 1);  // only b's leaf: the CA is the one parsed for a
  CHECK(after.keys == middle.keys + 1);

  REQUIRE(da.material.parsed != nullptr);
  REQUIRE(db.material.parsed != nullptr);
  const ParsedTls& pa = *da.material.parsed;
  REQUIRE(pa.chain.size() == 1);
  REQUIRE(pa.anchors.size() == 1);
  CHECK(X509_cmp(pa.chain[0].get(), a.cert.get()) == 0);
  CHECK(X509_cmp(pa.anchors[0].get(), ca.cert.get()) == 0);
  CHECK(EVP_PKEY_eq(pa.private_key.get(), a.key.get()) == 1);
  CHECK(pa.anchors[0].get() == db.material.parsed->anchors[0].get());  // one object, shared

  // Asking again parses nothing: the same objects, copies of the material included.
  TlsMaterial copy = da.material;
  CHECK(ParsedFor(da.material) == da.material.parsed);
  CHECK(ParsedFor(copy) == da.material.parsed);
  CHECK(TlsParses().certificates == after.certificates);
  CHECK(TlsParses().keys == after.keys);
}

TEST_CASE("material changed after decoding is parsed again in the fields that changed", "[tls_material]") {
  Decoded d = Decode(Fields(Leaf(), Ca()));
  REQUIRE(d.ok);
  TlsMaterial edited = d.material;
  edited.key = KeyFor("another key").pem;
  TlsParseCounts before = TlsParses();
  std::shared_ptr<const ParsedTls> parsed = ParsedFor(edited);
  CHECK(parsed != d.material.parsed);
  CHECK(TlsParses().keys == before.keys + 1);
  CHECK(TlsParses().certificates == before.certificates);
  CHECK(EVP_PKEY_eq(parsed->private_key.get(), KeyFor("another key").pkey.get()) == 1);
  CHECK(parsed->chain[0].get() == d.material.parsed->chain[0].get());
  CHECK(parsed->anchors[0].get() == d.material.parsed->anchors[0].get());

  // Material built without decoding is parsed when asked, from the same process-wide certificates.
  TlsMaterial built = Material(Leaf(), Ca());
  CHECK(built.parsed == nullptr);
  std::shared_ptr<const ParsedTls> built_parsed = ParsedFor(built);
  REQUIRE(built_parsed->chain.size() == 1);
  CHECK(built_parsed->chain[0].get() == d.material.parsed->chain[0].get());
  CHECK(EVP_PKEY_eq(built_parsed->private_key.get(), Leaf().key.get()) == 1);

  // A field that did not decode is left empty, and so is its parsed form.
  SecretFields fields = Fields(Leaf(), Ca());
  fields["key"] = EncryptedKeyPem(Leaf(), "pw");
  Decoded bad = Decode(fields);
  REQUIRE_FALSE(bad.ok);
  REQUIRE(bad.material.parsed != nullptr);
  CHECK(bad.material.key.empty());
  CHECK(bad.material.parsed->private_key == nullptr);
  CHECK(bad.material.parsed->chain.size() == 1);
}
