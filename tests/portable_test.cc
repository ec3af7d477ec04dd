// The portable build (src/portable): build/portable/hostgraft and its Vault
// module are linked from this build's objects with static libstdc++,
// OpenSSL, libyaml and yaml-cpp. They need nothing from the system but
// glibc 2.34 or later, libgcc_s and, for the module, libcurl; they export
// nothing that the system's libcurl and libssl could bind to; they render
// every fixture and refuse every bad input byte for byte like this build;
// and the release tarball that packs them installs into the real Helm 4.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

#include "helm_support.h"
#include "host_support.h"
#include "vault_support.h"

using namespace hostgraft::test;

namespace {

const std::string kPortable = HOSTGRAFT_PORTABLE_BINARY;
const std::string kPortableModule = std::filesystem::path(kPortable).replace_filename("hostgraft-vault.so").string();
const std::string kNormalModule = BuildDir() + "/hostgraft-vault.so";
const char kAt[] = "2026-06-01T00:00:00Z";

// Run's environment and leak check, for the portable binary.
RunResult RunPortable(const std::vector<std::string>& args, const std::string& stdin_data = {},
                      std::map<std::string, std::string> env = {}) {
  std::vector<std::string> argv{kPortable};
  argv.insert(argv.end(), args.begin(), args.end());
  env.try_emplace("HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log");
  env.try_emplace("VAULT_ADDR", "");
  RunResult r = RunProgram(argv, stdin_data, env, 20);
  if (ContainsRegisteredSecret(r.err)) FAIL_CHECK("the portable binary's stderr carries secret bytes");
  return r;
}

// Runs args through both binaries and checks that exit code, stdout and
// stderr agree; returns the normal build's result.
RunResult ExpectSame(const std::vector<std::string>& args, const std::string& stdin_data = {},
                     const std::map<std::string, std::string>& env = {}) {
  RunResult normal = Run(args, stdin_data, env);
  RunResult portable = RunPortable(args, stdin_data, env);
  INFO("normal stderr: " << normal.err << "\nportable stderr: " << portable.err);
  CHECK(portable.exit_code == normal.exit_code);
  CHECK(LineDiff(normal.out, portable.out) == std::vector<std::string>{});
  CHECK(portable.out == normal.out);
  CHECK(portable.err == normal.err);
  return normal;
}

std::string Output(const std::vector<std::string>& argv) {
  RunResult r = RunProgram(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// The file names ldd resolves for path, e.g. libc.so.6, ld-linux-x86-64.so.2.
std::set<std::string> LddNames(const std::string& path) {
  std::set<std::string> names;
  std::istringstream lines(Output({"ldd", path}));
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.find("not found") == std::string::npos);
    std::istringstream words(line);
    std::string first;
    words >> first;
    names.insert(std::filesystem::path(first).filename().string());
  }
  return names;
}

// The DT_NEEDED entries of path.
std::set<std::string> Needed(const std::string& path) {
  std::set<std::string> names;
  std::regex needed(R"(\(NEEDED\)\s+Shared library: \[(.+)\])");
  std::istringstream lines(Output({"readelf", "-d", path}));
  std::smatch m;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, m, needed)) names.insert(m[1]);
  return names;
}

// What glibc puts in every process, and libgcc_s (the unwinder: the static
// libgcc would need glibc 2.35).
const std::set<std::string> kGlibcAndLibgcc{"linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6",
                                           "libdl.so.2", "libpthread.so.0", "librt.so.1", "libgcc_s.so.1"};

std::set<std::string> Outside(const std::set<std::string>& names, const std::set<std::string>& allowed) {
  std::set<std::string> rest;
  std::set_difference(names.begin(), names.end(), allowed.begin(), allowed.end(), std::inserter(rest, rest.end()));
  return rest;
}

struct DynamicSymbol {
  std::string name, version;  // version: e.g. "GLIBC_2.34", or "Base"
  bool defined = false;
};

// The dynamic symbol table of path (objdump -T).
std::vector<DynamicSymbol> DynamicSymbols(const std::string& path) {
  std::vector<DynamicSymbol> symbols;
  std::regex row(R"(^[0-9a-f]{16} .*\s(\S+)\s+(\S+)$)");
  std::istringstream lines(Output({"objdump", "-T", path}));
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (!std::regex_match(line, m, row)) continue;
    std::string version = m[1];
    if (version.size() > 2 && version.front() == '(') version = version.substr(1, version.size() - 2);
    symbols.push_back({m[2], version, line.find("*UND*") == std::string::npos});
  }
  return symbols;
}

// The symbol versions path needs with this prefix ("GLIBC_", "GLIBCXX_").
std::set<std::string> NeededVersions(const std::string& path, const std::string& prefix) {
  std::set<std::string> versions;
  for (const DynamicSymbol& s : DynamicSymbols(path))
    if (!s.defined && s.version.rfind(prefix, 0) == 0) versions.insert(s.version);
  return versions;
}

// "GLIBC_2.34" -> {2, 34}.
std::vector<int> VersionNumbers(const std::string& version) {
  std::vector<int> numbers;
  std::istringstream parts(version.substr(version.find('_') + 1));
  for (std::string part; std::getline(parts, part, '.');) numbers.push_back(std::stoi(part));
  return numbers;
}

// Renders every input of dir (its *.yaml but the values files) with args
// through both binaries; each renders to dir/expected/<name>. Returns how
// many there were.
int ExpectFixturesSame(const std::string& dir, const std::vector<std::string>& args) {
  int fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source(dir))) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".yaml" || name.rfind("values-", 0) == 0) continue;
    ++fixtures;
    INFO(name);
    RunResult r = ExpectSame(args, ReadFile(entry.path().string()));
    CHECK(r.exit_code == 0);
    CHECK(r.out == ReadFile(Source(dir + "/expected/" + name)));
  }
  return fixtures;
}

std::set<std::string> DefinedNames(const std::string& path) {
  std::set<std::string> names;
  for (const DynamicSymbol& s : DynamicSymbols(path))
    if (s.defined) names.insert(s.name);
  return names;
}

}  // namespace

TEST_CASE("portable: ldd shows glibc and libgcc_s only, and the module adds libcurl alone", "[portable]") {
  std::set<std::string> binary = LddNames(kPortable);
  CHECK(binary.count("libc.so.6") == 1);
  CHECK(Outside(binary, kGlibcAndLibgcc) == std::set<std::string>{});
  // The module's own needs (ldd would add libcurl's).
  std::set<std::string> module = Needed(kPortableModule);
  CHECK(module.count("libcurl.so.4") == 1);
  CHECK(Outside(module, kGlibcAndLibgcc) == std::set<std::string>{"libcurl.so.4"});
  // The normal build, for contrast, loads the libraries the portable one carries.
  std::set<std::string> normal = LddNames(BuildDir() + "/hostgraft");
  for (const char* lib : {"libstdc++.so.6", "libcrypto.so.3", "libyaml-0.so.2", "libyaml-cpp.so.0.7"}) {
    INFO(lib);
    CHECK(normal.count(lib) == 1);
  }
  CHECK(Needed(kNormalModule).count("libstdc++.so.6") == 1);
}

TEST_CASE("portable: the binary and its module need glibc 2.34 at most and no system libstdc++", "[portable]") {
  for (const std::string& path : {kPortable, kPortableModule}) {
    INFO(path);
    std::set<std::string> glibc = NeededVersions(path, "GLIBC_");
    REQUIRE(!glibc.empty());
    for (const std::string& version : glibc) {
      INFO(version);
      CHECK(VersionNumbers(version) <= std::vector<int>{2, 34});
    }
    CHECK(NeededVersions(path, "GLIBCXX_").empty());
    CHECK(NeededVersions(path, "CXXABI_").empty());
  }
  // A plain static libstdc++ link asks for GLIBC_2.36 (arc4random); the
  // portable link defines it itself.
  CHECK(DefinedNames(kPortable).count("arc4random") == 0);
  CHECK(NeededVersions(BuildDir() + "/hostgraft", "GLIBCXX_").size() > 0);
}

TEST_CASE("portable: nothing of OpenSSL, libstdc++ or yaml is exported for libraries loaded later to bind to",
          "[portable]") {
  // The system's libcurl and libssl, which the Vault module loads, would
  // take any OpenSSL symbol the binary exported instead of their own.
  std::regex bundled(R"(^(SSL_|EVP_|OPENSSL_|CRYPTO_|X509|PEM_|BIO_|ERR_|yaml_|_ZN4YAML|_ZNSt|_ZNKSt|_ZSt|_ZTVSt|_ZTISt|__cxa_|__gxx_|_Znw|_Zdl).*)");
  std::vector<std::string> exported, not_glibc;
  for (const DynamicSymbol& s : DynamicSymbols(kPortable)) {
    if (!s.defined) continue;
    if (std::regex_match(s.name, bundled)) exported.push_back(s.name);
    // Only glibc's own data, copied into the binary (stderr, ...).
    if (s.version.rfind("GLIBC_", 0) != 0) not_glibc.push_back(s.name + " " + s.version);
  }
  CHECK(exported == std::vector<std::string>{});
  CHECK(not_glibc == std::vector<std::string>{});
  CHECK(DefinedNames(kPortableModule) == std::set<std::string>{"hostgraft_make_vault_store"});
  // The normal build exports everything (ENABLE_EXPORTS): the table is read right.
  std::set<std::string> normal = DefinedNames(BuildDir() + "/hostgraft");
  CHECK(std::any_of(normal.begin(), normal.end(), [](const std::string& n) { return n.find("9hostgraft") != std::string::npos; }));
}

TEST_CASE("portable: the registry and ICS fixtures render byte for byte as with the normal build", "[portable]") {
  CHECK(ExpectFixturesSame("testdata/registry", RegistryArgs()) >= 5);
  CHECK(ExpectFixturesSame("testdata/ics", {"render", "-f", Source("testdata/ics/values-ics.yaml"), "--secrets",
                                            "files:" + Source("testdata/ics/secrets"), "--at", kAt}) >= 3);
  // lint's reports, and check-cert on every certificate the fixtures hold
  // (OpenSSL parses and verifies them: the static copy must agree).
  std::string stream = ReadFile(Source("testdata/registry/helm3.yaml"));
  for (const char* format : {"text", "json", "sarif"}) {
    std::vector<std::string> args = RegistryArgs("lint");
    args.insert(args.end(), {"--format", format});
    ExpectSame(args, stream);
  }
  int certificates = 0;
  for (const char* dir : {"testdata/registry/secrets", "testdata/ics/secrets", "testdata/bad/secrets"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(Source(dir))) {
      if (!entry.is_regular_file()) continue;
      ++certificates;
      INFO(entry.path());
      ExpectSame({"check-cert", "--host", "keycloak.example.com", "--bundle", entry.path().string(), "--at", kAt,
                  "--format", "json"});
    }
  CHECK(certificates >= 20);
}

TEST_CASE("portable: bad streams and values files are refused with the same exit code and message", "[portable]") {
  std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source("testdata/bad/stream"))) {
    ++cases;
    INFO(entry.path());
    RunResult r = ExpectSame({"render", "-f", Source("testdata/registry/values-platform.yaml"), "--secrets", "none"},
                             ReadFile(entry.path().string()));
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
  }
  for (const auto& entry : std::filesystem::directory_iterator(Source("testdata/bad/values"))) {
    ++cases;
    INFO(entry.path());
    RunResult r = ExpectSame({"render", "-f", entry.path().string(), "--secrets", "none"}, registry);
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
  }
  CHECK(cases >= 30);
}

TEST_CASE("portable: the Vault module logs in with a client certificate over TLS and reads the registry's secrets",
          "[portable][vault]") {
  // libcurl and the system's OpenSSL in the module, the binary's static
  // OpenSSL checking what they fetched: in one process, each its own.
  const TestPki& pki = TestCertificates();
  RegisterSecret(ReadFile(pki.client_key));
  VaultServer server(RegistryVaultConfig(
                         R"("policies": {"reader": {"registry-kv/*": ["read"], "sys/internal/ui/mounts/*": ["read"]}},
                            "auth": [{"type": "cert", "roles": {"hostgraft": {"common_name": "hostgraft-client",
                                                                               "policies": ["reader"]}}}])"),
                     {.tls = true, .verify_clients = true});
  std::vector<std::string> args = RegistryArgs("render", "vault");
  args.insert(args.end(), {"--set", "hostgraft.vault.auth.method=cert"});
  std::map<std::string, std::string> env{{"VAULT_ADDR", server.addr()},
                                         {"VAULT_CACERT", pki.ca_cert},
                                         {"VAULT_CLIENT_CERT", pki.client_cert},
                                         {"VAULT_CLIENT_KEY", pki.client_key},
                                         {"HOSTGRAFT_VAULT_MODULE", ""}};
  RunResult r = ExpectSame(args, ReadFile(Source("testdata/registry/helm3.yaml")), env);
  CHECK(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(server.Count("POST", "/v1/auth/cert/login") == 2);
  CHECK(server.CountPrefix("GET", "/v1/registry-kv/data/") >= 2);
  // What the libraries of the process took from the binary (ld.so's
  // trace): glibc's own data alone, never OpenSSL, libstdc++ or yaml. With
  // the symbols exported, the system's libcrypto would take its ASN.1
  // tables and functions from the binary's OpenSSL.
  std::string trace = TempDir();
  std::map<std::string, std::string> traced = env;
  traced.insert({{"LD_DEBUG", "bindings"}, {"LD_DEBUG_OUTPUT", trace + "/ld"}});
  REQUIRE(RunPortable(args, ReadFile(Source("testdata/registry/helm3.yaml")), traced).exit_code == 0);
  std::regex binding(R"(binding file (\S+) \[\d+\] to (\S+) \[\d+\]: normal symbol `([^']+)'(?: \[(\S+)\])?)");
  std::vector<std::string> from_binary;
  int from_system_libcrypto = 0;
  for (const auto& file : std::filesystem::directory_iterator(trace)) {
    std::istringstream lines(ReadFile(file.path().string()));
    std::smatch m;
    for (std::string line; std::getline(lines, line);) {
      if (!std::regex_search(line, m, binding)) continue;
      from_system_libcrypto += m[1].str().ends_with("/libcrypto.so.3");
      if (m[2] == kPortable && m[1] != kPortable && !m[4].str().starts_with("GLIBC_"))
        from_binary.push_back(m[1].str() + ": " + m[3].str());
    }
  }
  CHECK(from_system_libcrypto > 0);
  CHECK(from_binary == std::vector<std::string>{});
  // Each binary loaded the module beside it.
  CHECK(RunPortable({"version"}).out.find("vault client " + kPortableModule + "\n") != std::string::npos);
}

TEST_CASE("portable: the release tarball installs with helm plugin install and post-renders like the build's plugin",
          "[portable][real-helm]") {
  const std::string tarball = HOSTGRAFT_RELEASE_TARBALL;
  // Helm 4 takes the top directory hostgraft/ for hostgraft-<version>-linux-<arch>.tgz.
  Helm release("4.1.4");
  RunResult install = release.Run({"plugin", "install", "--verify=false", tarball});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  CHECK(install.out == "WARNING: Skipping plugin signature verification\nInstalled plugin: hostgraft\n");
  std::string plugin = release.data_home() + "/plugins/hostgraft";
  // What it installed: the files of the tarball, "x" marking executables.
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(plugin)) {
    if (!entry.is_regular_file()) continue;
    bool executable = (entry.status().permissions() & std::filesystem::perms::owner_exec) != std::filesystem::perms::none;
    files.insert(std::string(executable ? "x " : "- ") + std::filesystem::relative(entry.path(), plugin).string());
  }
  CHECK(files == std::set<std::string>{"x bin/hostgraft", "x bin/hostgraft-vault.so", "- plugin.yaml", "- README.md",
                                       "- man/man1/hostgraft.1", "- completions/hostgraft.bash",
                                       "- completions/hostgraft.zsh", "- completions/hostgraft.fish"});
  CHECK(ReadFile(plugin + "/man/man1/hostgraft.1") == ReadFile(Source("docs/hostgraft.1")));
  for (const char* shell : {"bash", "zsh", "fish"})
    CHECK(ReadFile(plugin + "/completions/hostgraft." + shell) == Run({"completion", shell}).out);
  // The installed copies are the portable pair, stripped.
  CHECK(Outside(LddNames(plugin + "/bin/hostgraft"), kGlibcAndLibgcc) == std::set<std::string>{});
  CHECK(Outside(Needed(plugin + "/bin/hostgraft-vault.so"), kGlibcAndLibgcc) == std::set<std::string>{"libcurl.so.4"});
  CHECK(std::filesystem::file_size(plugin + "/bin/hostgraft") < std::filesystem::file_size(kPortable));

  Helm build("4.1.4");
  REQUIRE(build.Run({"plugin", "install", BuildDir() + "/helm-plugin/hostgraft"}).exit_code == 0);
  std::vector<std::string> args{"template", "reg-a", Source("testdata/helm/registry"), "-n", "reg-a",
                                "-f", Source("testdata/registry/values-platform.yaml"),
                                "-f", Source("testdata/registry/values-registry.yaml"), "--post-renderer", "hostgraft"};
  for (const std::string& a : RegistryArgs()) args.push_back("--post-renderer-args=" + a);
  RunResult portable = release.Run(args, {{"VAULT_ADDR", ""}});
  RunResult normal = build.Run(args, {{"VAULT_ADDR", ""}});
  INFO(portable.err << normal.err);
  REQUIRE(portable.exit_code == 0);
  REQUIRE(normal.exit_code == 0);
  CHECK(portable.out.find("# Source: hostgraft/route-hostgraft-officer-example-com.yaml\n") != std::string::npos);
  CHECK(portable.out == normal.out);
}
