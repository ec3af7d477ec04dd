#include "files_store.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

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
  CHECK(ErrorOf("a/b.yaml", "certificate: C\n\ncertificate: D\n").message ==
        "secret file DIR/a/b.yaml, line 3: duplicate mapping key \"certificate\" (first at line 1)");
  // A key that is no known field is part of the file's contents: never quoted.
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nhunter2: x\nhunter2: y\n").message ==
        "secret file DIR/a/b.yaml, line 3: duplicate mapping key (first at line 2)");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\n---\nkey: K\n").message ==
        "secret file DIR/a/b.yaml, line 2: a second YAML document begins here; one is expected");
  CHECK(ErrorOf("a/b.yaml", "").message == "secret file DIR/a/b.yaml is empty");
  CHECK(ErrorOf("a/b.json", "{\"certificate\": \"C\",\n \"key\": [1]}").message ==
        "secret file DIR/a/b.json, line 2: field key is a list, not a string");
}

TEST_CASE("files store reports YAML syntax errors with their line", "[files]") {
  SecretError e = ErrorOf("a/b.yaml", "certificate: C\nkey: \"unterminated\n");
  CHECK(e.exit_code == kExitSecretStore);
  CHECK(e.message ==
        "secret file DIR/a/b.yaml, line 3: not valid YAML: found unexpected end of stream (while scanning a quoted scalar)");
  CHECK(e.fix.rfind("correct the YAML at that line", 0) == 0);
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

// DESIGN.md section 11: a files: secret path never leaves its store, and no
// message quotes a secret file's contents.

namespace {

const char kGood[] = "certificate: C\nkey: K\ncaCertificate: CA\n";

void Symlink(const std::string& target, const std::string& link) {
  std::filesystem::create_directories(std::filesystem::path(link).parent_path());
  REQUIRE(symlink(target.c_str(), link.c_str()) == 0);
}

}  // namespace

TEST_CASE("files store refuses a symlink that resolves outside DIR and never quotes the target's contents", "[files]") {
  std::string outside = TempDir() + "/shadow";
  WriteFile(outside, "certificate: root:$6$hash\nkey: root:$6$hash\n");
  std::string dir = TempDir();
  Symlink(outside, dir + "/a/b.yaml");
  SecretResult r = ReadOne(dir, "a/b");
  REQUIRE(r.error);
  CHECK_FALSE(r.fields);
  CHECK(r.error->exit_code == kExitSecretStore);
  CHECK(r.error->message == "secret a/b: " + dir + "/a/b.yaml leads outside files:" + dir +
                                " through a symbolic link (to " + std::filesystem::canonical(outside).string() + ")");
  CHECK(r.error->message.find("root:$6$") == std::string::npos);
  CHECK(r.error->fix.find("root:$6$") == std::string::npos);
  CHECK(r.error->message.find("no secret") == std::string::npos);

  // A link on the way (a directory of DIR pointing elsewhere) is the same.
  std::string dir2 = TempDir();
  Symlink(std::filesystem::path(outside).parent_path(), dir2 + "/a");
  WriteFile(std::filesystem::path(outside).parent_path().string() + "/b.yaml", kGood);
  SecretResult r2 = ReadOne(dir2, "a/b");
  REQUIRE(r2.error);
  CHECK(r2.error->message.find("leads outside files:" + dir2 + " through a symbolic link") != std::string::npos);

  // "../" inside the link's text leaves DIR too.
  std::string dir3 = TempDir();
  Symlink("../../" + std::filesystem::path(outside).parent_path().filename().string() + "/shadow", dir3 + "/x/b.yaml");
  // (resolves relative to dir3/x: ../../<outside dir>/shadow)
  SecretResult r3 = ReadOne(dir3, "x/b");
  REQUIRE(r3.error);
  CHECK(r3.error->message.find("leads outside") != std::string::npos);
  CHECK(r3.error->message.find("root:$6$") == std::string::npos);
}

TEST_CASE("files store follows symlinks that stay inside DIR, and a DIR that is a symlink", "[files]") {
  std::string dir = TempDir();
  WriteFile(dir + "/a/20240101.yaml", kGood);
  Symlink("20240101.yaml", dir + "/a/current.yaml");
  SecretResult r = ReadOne(dir, "a/current");
  INFO((r.error ? r.error->message : ""));
  REQUIRE(r.fields);
  CHECK(r.fields->at("key") == "K");

  // A link elsewhere in DIR, through "..".
  WriteFile(dir + "/shared/tls.yaml", kGood);
  Symlink("../shared/tls.yaml", dir + "/b/tls.yaml");
  CHECK(ReadOne(dir, "b/tls").fields);

  // DIR itself a symlink (a GitOps checkout): relative to the resolved DIR.
  std::string link_dir = TempDir() + "/store";
  Symlink(dir, link_dir);
  SecretResult via = ReadOne(link_dir, "a/current");
  INFO((via.error ? via.error->message : ""));
  CHECK(via.fields);
}

TEST_CASE("files store reads a Kubernetes Secret volume layout (..data links)", "[files]") {
  // What the kubelet writes: DIR/..2024_x/ holds the files, DIR/..data links
  // to it, and each DIR/<key> links through ..data.
  std::string dir = TempDir();
  WriteFile(dir + "/..2024_06_01_10_00_00.123456789/sso.example.com.yaml", kGood);
  Symlink("..2024_06_01_10_00_00.123456789", dir + "/..data");
  Symlink("..data/sso.example.com.yaml", dir + "/sso.example.com.yaml");
  SecretResult r = ReadOne(dir, "sso.example.com");
  INFO((r.error ? r.error->message : ""));
  REQUIRE(r.fields);
  CHECK(r.fields->at("caCertificate") == "CA");
}

TEST_CASE("files store refuses a FIFO at a secret path at once, without blocking", "[files]") {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/a");
  REQUIRE(mkfifo((dir + "/a/b.yaml").c_str(), 0600) == 0);
  auto start = std::chrono::steady_clock::now();
  SecretResult r = ReadOne(dir, "a/b");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  REQUIRE(r.error);
  CHECK(r.error->exit_code == kExitSecretStore);
  CHECK(r.error->message == "secret a/b: " + dir + "/a/b.yaml is a FIFO, not a regular file");

  // A link inside DIR to a FIFO inside DIR: the same.
  Symlink("b.yaml", dir + "/a/c.yaml");
  SecretResult c = ReadOne(dir, "a/c");
  REQUIRE(c.error);
  CHECK(c.error->message == "secret a/c: " + dir + "/a/c.yaml is a FIFO, not a regular file");
}

TEST_CASE("files store refuses a directory, a device and a dangling link at a secret path, never as missing", "[files]") {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/a/b.yaml");
  SecretResult d = ReadOne(dir, "a/b");
  REQUIRE(d.error);
  CHECK(d.error->exit_code == kExitSecretStore);
  CHECK(d.error->message == "secret a/b: " + dir + "/a/b.yaml is a directory, not a secret file");

  // A device: a link to /dev/null resolves outside DIR; a device node inside
  // DIR (root can make one) is refused as a device.
  Symlink("/dev/null", dir + "/n.yaml");
  CHECK(ReadOne(dir, "n").error->message.find("leads outside") != std::string::npos);
  if (geteuid() == 0) {
    REQUIRE(mknod((dir + "/zero.json").c_str(), S_IFCHR | 0600, makedev(1, 5)) == 0);
    SecretResult z = ReadOne(dir, "zero");
    REQUIRE(z.error);
    CHECK(z.error->message == "secret zero: " + dir + "/zero.json is a device, not a regular file");
  }

  Symlink("gone.yaml", dir + "/dangling.yaml");
  SecretResult g = ReadOne(dir, "dangling");
  REQUIRE(g.error);
  CHECK(g.error->message == "secret dangling: " + dir + "/dangling.yaml is a symbolic link to a file that does not exist");
}

TEST_CASE("files store messages name only known fields, never a key or value of the file", "[files]") {
  SecretError e = ErrorOf("a/b.yaml", "certificate: C\n\"root:$6$x\": a\n\"root:$6$x\": a\n");
  CHECK(e.message == "secret file DIR/a/b.yaml, line 3: duplicate mapping key (first at line 2)");
  CHECK(e.message.find("root:$6$") == std::string::npos);
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nsecret-ish: [1]\n").message ==
        "secret file DIR/a/b.yaml, line 2: a field is a list, not a string");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nhunter2:\n").message == "secret file DIR/a/b.yaml, line 2: a field has no value");
  CHECK(ErrorOf("a/b.yaml", "caCertificate: C\ncaCertificate: D\n").message ==
        "secret file DIR/a/b.yaml, line 2: duplicate mapping key \"caCertificate\" (first at line 1)");
  CHECK(ErrorOf("a/b.yaml", "certificate: C\nkey: *hunter2\n").message ==
        "secret file DIR/a/b.yaml, line 2: an alias refers to no anchor defined before it");
}

TEST_CASE("render through the binary: a files: secret linked out of its store is exit 3, its contents never printed",
          "[files]") {
  std::string store = TempDir() + "/secrets";
  std::filesystem::copy(Source("testdata/registry/secrets"), store, std::filesystem::copy_options::recursive);
  const std::string secret = "registry-kv/registry/reg-a/domains/officer-portal/officer.example.com";
  std::string outside = TempDir() + "/shadow";
  WriteFile(outside, "certificate: root:$6$saltsalt$hashhashhashhash\nkey: root:$6$saltsalt$hashhashhashhash\n");
  std::filesystem::remove(store + "/" + secret + ".yaml");
  Symlink(outside, store + "/" + secret + ".yaml");
  RunResult r = Run({"render", "-f", Source("testdata/registry/values-platform.yaml"), "-f",
                     Source("testdata/registry/values-registry.yaml"), "--secrets", "files:" + store, "--at",
                     "2026-06-01T00:00:00Z"},
                    ReadFile(Source("testdata/registry/helm3.yaml")));
  INFO(r.err);
  CHECK(r.exit_code == kExitSecretStore);
  CHECK(r.out.empty());
  CHECK(r.err.find("secret " + secret + ": " + store + "/" + secret + ".yaml leads outside files:" + store +
                   " through a symbolic link") != std::string::npos);
  CHECK(r.err.find("root:$6$") == std::string::npos);
  CHECK(r.err.find("no secret") == std::string::npos);
}
