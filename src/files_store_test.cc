#include "files_store.h"

#include <catch2/catch.hpp>

#include "diagnostics.h"
#include "test_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

SecretResult ReadOne(const std::string& dir, const std::string& path) {
  FilesStore store(dir);
  return store.Read({path})[path];
}

// The error of reading a/b from a store holding only file (a/b.yaml or
// a/b.json) with text; the store's directory reads "DIR" in the message.
SecretError ErrorOf(const std::string& file, const std::string& text) {
  std::string dir = TempDir();
  WriteFile(dir + "/" + file, text);
  SecretResult r = ReadOne(dir, "a/b");
  REQUIRE(r.error);
  CHECK_FALSE(r.fields);
  for (size_t at; (at = r.error->message.find(dir)) != std::string::npos;) r.error->message.replace(at, dir.size(), "DIR");
  return *r.error;
}

}  // namespace

TEST_CASE("files store reads a/b/c from DIR/a/b/c.yaml and keeps every field", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/registry-kv/cluster/domains/sso.example.com.yaml",
            "# TLS for sso.example.com\ncertificate: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n  -----END CERTIFICATE-----\n"
            "key: \"PEM KEY\"\ncaCertificate: 'CA'\nrotation: 30\nnote: plain text\n");
  SecretResult r = ReadOne(dir, "registry-kv/cluster/domains/sso.example.com");
  REQUIRE(r.fields);
  CHECK_FALSE(r.error);
  CHECK(*r.fields == SecretFields{{"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"},
                                  {"key", "PEM KEY"},
                                  {"caCertificate", "CA"},
                                  {"rotation", "30"},
                                  {"note", "plain text"}});
}

TEST_CASE("files store reads .json secrets the same way", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a/b.json", "{\"certificate\": \"C\\nD\", \"key\": \"K\", \"version\": 2, \"active\": true}\n");
  SecretResult r = ReadOne(dir, "a/b");
  REQUIRE(r.fields);
  CHECK(*r.fields == SecretFields{{"certificate", "C\nD"}, {"key", "K"}, {"version", "2"}, {"active", "true"}});
}

TEST_CASE("files store names the path and both files it looked for when a secret is missing", "[files]") {
  std::string dir = TempDir();
  SecretResult r = ReadOne(dir, "a/b");
  REQUIRE(r.error);
  CHECK(r.error->exit_code == kExitSecretStore);
  CHECK(r.error->message == "no secret a/b in files:" + dir + ": looked for " + dir + "/a/b.yaml and " + dir + "/a/b.json");
  CHECK(r.error->fix == "create one of them with the fields certificate, key and caCertificate");
}

TEST_CASE("files store refuses a secret file that is not a mapping of strings, naming file and line", "[files]") {
  SecretError e = ErrorOf("a/b.yaml", "- certificate\n- key\n");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "secret file DIR/a/b.yaml, line 1: the document is not a mapping of fields");
  CHECK(e.fix == "a secret file is one mapping of string fields: certificate, key, caCertificate");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nkey:\n  - one\n").message == "secret file DIR/a/b.yaml, line 3: field key is a list, not a string");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nkey:\n  nested: x\n").message ==
        "secret file DIR/a/b.yaml, line 3: field key is a mapping, not a string");
  CHECK(ErrorOf("a/b.yaml", "certificate: &c C\nkey: *c\n").message == "secret file DIR/a/b.yaml, line 2: field key is an alias, not a string");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nkey: ~\n").message == "secret file DIR/a/b.yaml, line 2: field key has no value");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\n\ncertificate: D\n").message == "secret file DIR/a/b.yaml, line 3: field certificate appears twice");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\n---\nkey: K\n").message ==
        "secret file DIR/a/b.yaml, line 2: a secret file holds one document, this is the second");
  CHECK(ErrorOf("a/b.yaml", "").message == "secret file DIR/a/b.yaml is empty");
  CHECK(ErrorOf("a/b.json", "{\"certificate\": \"C\",\n \"key\": [1]}").message ==
        "secret file DIR/a/b.json, line 2: field key is a list, not a string");
}

TEST_CASE("files store reports YAML syntax errors with their line", "[files]") {
  SecretError e = ErrorOf("a/b.yaml", "certificate: C\nkey: \"unterminated\n");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message == "secret file DIR/a/b.yaml, line 3: found unexpected end of stream");
}

TEST_CASE("files store refuses an ambiguous secret held in both .yaml and .json", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a/b.yaml", "key: K\n");
  WriteFile(dir + "/a/b.json", "{\"key\": \"K\"}");
  SecretResult r = ReadOne(dir, "a/b");
  REQUIRE(r.error);
  CHECK(r.error->message == "secret a/b is ambiguous: both " + dir + "/a/b.yaml and " + dir + "/a/b.json exist");
}

TEST_CASE("files store refuses paths that could leave DIR", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/../outside.yaml", "key: K\n");
  for (const auto& [path, why] : std::vector<std::pair<std::string, std::string>>{
           {"../outside", "has a '..' segment"},
           {"a/../../outside", "has a '..' segment"},
           {"/etc/passwd", "is absolute"},
           {"a//b", "has an empty segment"},
           {"a/./b", "has a '.' segment"},
           {"", "is empty"}}) {
    SecretResult r = ReadOne(dir, path);
    REQUIRE(r.error);
    CHECK(r.error->exit_code == kExitUsage);
    CHECK(r.error->message == "secret path \"" + path + "\" " + why);
  }
}

TEST_CASE("files store refuses secret files over 1 MiB", "[files]") {
  SecretError e = ErrorOf("a/b.yaml", "certificate: " + std::string(kMaxSecretFileBytes, 'x') + "\n");
  CHECK(e.message == "secret file DIR/a/b.yaml is " + std::to_string(kMaxSecretFileBytes + 14) +
                         " bytes; a secret file may be at most 1048576 bytes (1 MiB)");
}

TEST_CASE("files store answers every asked path, each once", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a.yaml", "key: A\n");
  FilesStore store(dir);
  std::map<std::string, SecretResult> results = store.Read({"a", "missing", "a"});
  REQUIRE(results.size() == 2);
  CHECK(results["a"].fields->at("key") == "A");
  CHECK(results["missing"].error);
  CHECK(store.Write("a", {{"key", "B"}})->message == "files:" + dir + " cannot be written to");
}
