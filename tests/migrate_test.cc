// hostgraft migrate through the binary: the fixtures of testdata/migrate,
// idempotence, refusals, and --from-route carried into Vault by the
// printed vault put command.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "migrate_command.h"
#include "migrate_values.h"
#include "test_certs.h"
#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

RunResult Migrate(const std::string& values_file, const std::vector<std::string>& more = {}) {
  std::vector<std::string> args{"migrate", "-f", values_file};
  args.insert(args.end(), more.begin(), more.end());
  return Run(args);
}

std::string Written(const std::string& text) {
  std::string path = TempDir() + "/values.yaml";
  WriteFile(path, text);
  return path;
}

// Migrates text in-process; the errors when it fails.
std::string MigrateText(const std::string& text, bool* ok = nullptr) {
  Diagnostics diags;
  std::string out;
  bool done = MigrateValues(text, "values.yaml", &out, &diags);
  if (ok) *ok = done;
  if (done) return out;
  std::string errors;
  for (const Diagnostic& d : diags.all()) errors += FormatDiagnostic(d) + "\n";
  return errors;
}

int Mode(const std::string& path) {
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("migrate: each old shape becomes its expected new values, and again changes nothing", "[migrate]") {
  for (const char* name : {"keycloak-custom-host", "global-custom-dns", "global-only"}) {
    INFO(name);
    std::string input = Source(std::string("testdata/migrate/") + name + ".yaml");
    std::string expected = ReadFile(Source(std::string("testdata/migrate/") + name + ".expected.yaml"));
    RunResult once = Migrate(input);
    INFO(once.err);
    REQUIRE(once.exit_code == 0);
    CHECK(once.out == expected);
    CHECK(once.err.empty());
    RunResult twice = Migrate(Written(once.out));
    REQUIRE(twice.exit_code == 0);
    CHECK(twice.out == once.out);
  }
}

TEST_CASE("migrate: values already in the new shapes come back byte for byte", "[migrate]") {
  for (const char* file : {"testdata/migrate/new-shapes.yaml", "testdata/registry/values-platform.yaml"}) {
    INFO(file);
    RunResult r = Migrate(Source(file));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == ReadFile(Source(file)));
  }
}

TEST_CASE("migrate: a custom host equal to keycloak.host means none and stays", "[migrate]") {
  std::string text = "keycloak:\n  host: kc.example.com\n  customHost: kc.example.com\n";
  CHECK(MigrateText(text) == text);
  CHECK(MigrateText("# nothing yet\n") == "# nothing yet\n");
}

TEST_CASE("migrate: flow and JSON values are edited in their own style", "[migrate]") {
  CHECK(MigrateText("global: {customDNS: {officerPortal: officer.example.com}, x: 1}\nportals: {}\n") ==
        "global: {x: 1}\nportals: {officer: {customHost: {enabled: true, host: officer.example.com}}}\n");
  CHECK(MigrateText("global: {customDNS: {legacy: 1, officerPortal: o.example.com, citizenPortal: c.example.com}}\n") ==
        "global: {customDNS: {legacy: 1}}\nportals:\n  officer:\n    customHost:\n      enabled: true\n"
        "      host: o.example.com\n  citizen:\n    customHost:\n      enabled: true\n      host: c.example.com\n");
  CHECK(MigrateText("{\"keycloak\": {\"customHost\": \"kc.example.com\"}}\n") ==
        "{\"keycloak\": {\"customHost\": \"kc.example.com\", \"customHosts\": [{\"host\": \"kc.example.com\"}]}}\n");
}

TEST_CASE("migrate: an old Keycloak host joins an existing list and keeps unknown customDNS keys", "[migrate]") {
  std::string text =
      "keycloak:\n  customHosts:\n    - host: a.example.com\n"
      "global:\n  customDNS:\n    keycloak: b.example.com\n    legacyFlag: true\n";
  CHECK(MigrateText(text) ==
        "keycloak:\n  customHosts:\n    - host: a.example.com\n    - host: b.example.com\n  customHost: b.example.com\n"
        "global:\n  customDNS:\n    legacyFlag: true\n");
}

TEST_CASE("migrate: conflicting old and new hosts are refused, nothing printed", "[migrate]") {
  RunResult r = Migrate(Written("portals:\n  officer:\n    customHost: {host: a.example.com}\n"
                                "global:\n  customDNS:\n    officerPortal: b.example.com\n"));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("global.customDNS.officerPortal: \"b.example.com\" differs from \"a.example.com\" set by "
                   "portals.officer.customHost.host") != std::string::npos);

  bool ok = true;
  std::string errors = MigrateText(
      "portals:\n  officer:\n    customHost: {enabled: false, host: a.example.com}\n"
      "global:\n  customDNS:\n    officerPortal: b.example.com\n",
      &ok);
  CHECK_FALSE(ok);
  CHECK(errors ==
        "error: values.yaml, global.customDNS.officerPortal: sets host b.example.com while "
        "portals.officer.customHost is disabled\n  fix: remove global.customDNS.officerPortal, or enable "
        "portals.officer.customHost\n");
}

TEST_CASE("migrate: a malformed values file gets render's exit code and message", "[migrate]") {
  struct Case {
    const char* name;
    std::string text;
    std::string error;  // after "<file>, " (or alone when it names no file)
    bool names_file = true;
  };
  const Case cases[] = {
      {"a duplicate key", "keycloak:\n  host: a.example.com\n  host: b.example.com\n",
       "line 3: duplicate mapping key \"host\" (first at line 2)"},
      {"a tab in the indentation", "keycloak:\n\thost: a.example.com\n",
       "line 2: not valid YAML: found character that cannot start any token (while scanning for the next token)"},
      {"a list at the top level", "- keycloak\n- portals\n",
       "line 1: a values file must be a mapping at its top level, not a list"},
      {"two documents", "keycloak:\n  host: a.example.com\n---\nportals: {}\n",
       "line 3: a second YAML document begins here; one is expected"},
      {"an unterminated flow list", "keycloak:\n  customHosts: [\n",
       "line 3: not valid YAML: did not find expected node content (while parsing a flow node)"},
      {"a wrong type", "keycloak:\n  customHosts: foo\n",
       "keycloak.customHosts: expected a list of {host, certificatePath} entries, got the string \"foo\"", false},
  };
  const std::string stream = ReadFile(Source("testdata/registry/helm3.yaml"));
  SECTION("each malformed file") {
    for (const Case& c : cases) {
      INFO(c.name);
      const std::string file = Written(c.text);
      RunResult migrate = Migrate(file);
      CHECK(migrate.exit_code == 2);
      CHECK(migrate.out.empty());
      // The one error, with whatever fix render gives it.
      if (c.names_file)
        CHECK(migrate.err.rfind("hostgraft: error: " + file + ", " + c.error + "\n", 0) == 0);
      else
        CHECK(migrate.err.find(c.error + "\n") != std::string::npos);
      CHECK(migrate.err.find("hostgraft: error: ", 1) == std::string::npos);
      RunResult render = Run({"render", "-f", file, "--secrets", "none"}, stream);
      CHECK(render.exit_code == 2);
      CHECK(render.err.find(migrate.err) != std::string::npos);
    }
  }
  SECTION("a file that does not exist") {
    const std::string file = TempDir() + "/missing.yaml";
    RunResult migrate = Migrate(file);
    CHECK(migrate.exit_code == 2);
    CHECK(migrate.out.empty());
    CHECK(migrate.err.rfind("hostgraft: error: " + file + ": cannot read values file: No such file or directory\n", 0) ==
          0);
    RunResult render = Run({"render", "-f", file, "--secrets", "none"}, stream);
    CHECK(render.exit_code == 2);
    CHECK(render.err.find(migrate.err) != std::string::npos);
  }
  SECTION("in process, the splice reader's refusals are usage errors naming the file") {
    Diagnostics diags;
    std::string out;
    CHECK_FALSE(MigrateValues("keycloak:\n  host: a.example.com\n  host: b.example.com\n", "values.yaml", &out, &diags));
    CHECK(diags.exit_code() == 2);
    REQUIRE_FALSE(diags.all().empty());
    CHECK(diags.all()[0].where.file == "values.yaml");
  }
}

TEST_CASE("migrate: usage errors", "[migrate]") {
  std::string values = Source("testdata/migrate/keycloak-custom-host.yaml");
  RunResult none = Run({"migrate"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("migrate takes exactly one -f file") != std::string::npos);
  RunResult half = Migrate(values, {"--from-route", values});
  CHECK(half.exit_code == 2);
  CHECK(half.err.find("--from-route and --out-dir go together") != std::string::npos);
  RunResult two = Run({"migrate", "-f", values, "-f", values});
  CHECK(two.exit_code == 2);
  CHECK(two.out.empty());
  RunResult set = Migrate(values, {"--set", "keycloak.host=kc.example.com"});
  CHECK(set.exit_code == 2);
  CHECK(set.out.empty());
  CHECK(set.err.find("error: migrate rewrites a file and takes no --set\n") != std::string::npos);
  RunResult stray = Migrate(values, {values});
  CHECK(stray.exit_code == 2);
  CHECK(stray.out.empty());
}

namespace {

struct RouteFixture {
  TestCert ca = MakeCa("Migrate Root CA");
  TestCert leaf = MakeLeaf(ca, {"keycloak.example.com"});
  std::string dir = TempDir();
  std::string route;

  RouteFixture(const std::string& host = "keycloak.example.com", bool with_ca = true) {
    std::string text = "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: keycloak-custom\n"
                       "  namespace: reg-a\nspec:\n  host: " + host + "\n  tls:\n    termination: edge\n";
    auto block = [](const std::string& key, const std::string& pem) {
      std::string out = "    " + key + ": |\n";
      std::istringstream lines(pem);
      for (std::string line; std::getline(lines, line);) out += "      " + line + "\n";
      return out;
    };
    text += block("certificate", leaf.cert_pem) + block("key", leaf.key_pem);
    if (with_ca) text += block("caCertificate", ca.cert_pem);
    route = dir + "/route.yaml";
    WriteFile(route, "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: other\n---\n" + text);
  }
};

}  // namespace

TEST_CASE("migrate --from-route writes the material privately and prints a vault put that stores it", "[migrate][vault]") {
  RouteFixture fx;
  std::string out_dir = fx.dir + "/material";
  RunResult r = Migrate(Source("testdata/migrate/keycloak-custom-host.yaml"),
                        {"--from-route", fx.route, "--out-dir", out_dir});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/migrate/keycloak-custom-host.expected.yaml")));
  const std::string command = "hostgraft vault put --host keycloak.example.com --cert " + out_dir +
                              "/certificate.pem --key " + out_dir + "/key.pem --ca " + out_dir +
                              "/ca.pem --path registry-kv/cluster/domains/keycloak.example.com\n";
  CHECK(r.err == "hostgraft: to store the Route's certificate in Vault, run:\n" + command);
  CHECK(Mode(out_dir) == 0700);
  for (const char* name : {"certificate.pem", "key.pem", "ca.pem"}) CHECK(Mode(out_dir + "/" + name) == 0600);
  CHECK(ReadFile(out_dir + "/certificate.pem") == fx.leaf.cert_pem);
  CHECK(ReadFile(out_dir + "/key.pem") == fx.leaf.key_pem);
  CHECK(ReadFile(out_dir + "/ca.pem") == fx.ca.cert_pem);
  CHECK_FALSE(ContainsKeyMaterial(r.out + r.err, fx.leaf.key_pem));
  CHECK(r.out.find("BEGIN CERTIFICATE") == std::string::npos);

  // The printed command, run as printed, stores the material where render reads it.
  VaultServer server(R"({"mounts": [{"path": "registry-kv", "version": 2}], "tokens": {"t-1": {"policies": ["root"]}}})");
  std::vector<std::string> args;
  std::istringstream words(command);
  for (std::string w; words >> w;) args.push_back(w);
  args.erase(args.begin());
  args.insert(args.end(), {"--at", kTestAt});
  RunResult put = Run(args, {}, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", "t-1"}});
  INFO(put.err);
  CHECK(put.exit_code == 0);
  CHECK(server.Count("POST", "/v1/registry-kv/data/cluster/domains/keycloak.example.com") == 1);

  // Again into the same directory: the key files are never written over
  // (DESIGN.md section 11), each is named, and all are left as they were.
  RunResult again = Migrate(Source("testdata/migrate/keycloak-custom-host.yaml"),
                            {"--from-route", fx.route, "--out-dir", out_dir});
  CHECK(again.exit_code == 2);
  CHECK(again.out.empty());
  for (const char* name : {"certificate.pem", "key.pem", "ca.pem"})
    CHECK(again.err.find("error: " + out_dir + "/" + name + ": already exists (a file); migrate creates the key files new") !=
          std::string::npos);
  CHECK(again.err.find("fix: remove it, or choose another --out-dir") != std::string::npos);
  CHECK(ReadFile(out_dir + "/key.pem") == fx.leaf.key_pem);
}

TEST_CASE("migrate --from-route for a portal: its template path, the registry from the values or the Route", "[migrate]") {
  RouteFixture officer("officer.example.com");
  RunResult r = Migrate(Source("testdata/migrate/global-custom-dns.yaml"),
                        {"--from-route", officer.route, "--out-dir", officer.dir + "/m"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // --portal: the command as printed stores it and prints the values in the portal's shape.
  CHECK(r.err.find(" --portal officer --path registry-kv/registry/reg-a/domains/officer-portal/officer.example.com\n") !=
        std::string::npos);

  // No hostgraft.registry: the Route's namespace (reg-a) names the registry.
  RouteFixture citizen("citizen.example.org");
  RunResult n = Migrate(Written("global:\n  customDNS:\n    citizenPortal: citizen.example.org\n"),
                        {"--from-route", citizen.route, "--out-dir", citizen.dir + "/m"});
  INFO(n.err);
  REQUIRE(n.exit_code == 0);
  CHECK(n.out == "portals:\n  citizen:\n    customHost:\n      enabled: true\n      host: citizen.example.org\n");
  CHECK(n.err.find("--host citizen.example.org --cert " + citizen.dir + "/m/certificate.pem") != std::string::npos);
  CHECK(n.err.find(" --portal citizen --path registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.org\n") !=
        std::string::npos);
}

TEST_CASE("migrate --from-route refusals", "[migrate]") {
  std::string values = Source("testdata/migrate/keycloak-custom-host.yaml");
  SECTION("a Route for a host the values do not name") {
    RouteFixture fx("other.example.com");
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", fx.dir + "/m"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("Route reg-a/keycloak-custom, spec.host: the Route serves other.example.com, which the values name as "
                     "no custom host") != std::string::npos);
    struct stat st;
    CHECK(stat((fx.dir + "/m").c_str(), &st) != 0);
  }
  SECTION("an out-dir others can read") {
    RouteFixture fx;
    std::string open_dir = fx.dir + "/open";
    REQUIRE(mkdir(open_dir.c_str(), 0755) == 0);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", open_dir});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the directory is open to other users") != std::string::npos);
    CHECK_FALSE(std::ifstream(open_dir + "/key.pem").good());
  }
  SECTION("a file without a Route that carries a certificate") {
    RunResult r = Migrate(values, {"--from-route", values, "--out-dir", TempDir() + "/m"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no Route with spec.tls.certificate") != std::string::npos);
  }
  SECTION("a Route without caCertificate: a warning, the command still printed") {
    RouteFixture fx("keycloak.example.com", false);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", fx.dir + "/m"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("the Route has no caCertificate") != std::string::npos);
    CHECK(r.err.find("hostgraft vault put --host keycloak.example.com") != std::string::npos);
  }
}

// DESIGN.md section 11: files with secrets are created new (O_EXCL,
// O_NOFOLLOW), 0600, in a directory of the caller that nobody else can write.
TEST_CASE("migrate --out-dir never writes into an existing file, a link or another user's directory", "[migrate]") {
  std::string values = Source("testdata/migrate/keycloak-custom-host.yaml");
  RouteFixture fx;
  std::string out_dir = fx.dir + "/m";
  REQUIRE(mkdir(out_dir.c_str(), 0700) == 0);

  SECTION("a file already at a target: refused by name, left untouched, nothing else written") {
    WriteFile(out_dir + "/key.pem", "someone else's\n");
    REQUIRE(chmod((out_dir + "/key.pem").c_str(), 0644) == 0);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", out_dir});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("error: " + out_dir + "/key.pem: already exists (a file); migrate creates the key files new and never "
                     "writes into an existing one\n  fix: remove it, or choose another --out-dir\n") != std::string::npos);
    CHECK(ReadFile(out_dir + "/key.pem") == "someone else's\n");
    CHECK(Mode(out_dir + "/key.pem") == 0644);
    CHECK_FALSE(std::filesystem::exists(out_dir + "/certificate.pem"));
    CHECK_FALSE(std::filesystem::exists(out_dir + "/ca.pem"));
  }
  SECTION("a symbolic link at a target: refused, its target neither created nor changed") {
    std::string elsewhere = TempDir();
    REQUIRE(symlink((elsewhere + "/stolen.pem").c_str(), (out_dir + "/key.pem").c_str()) == 0);
    REQUIRE(symlink((elsewhere + "/existing.pem").c_str(), (out_dir + "/certificate.pem").c_str()) == 0);
    WriteFile(elsewhere + "/existing.pem", "kept\n");
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", out_dir});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(out_dir + "/key.pem: already exists (a symbolic link)") != std::string::npos);
    CHECK(r.err.find(out_dir + "/certificate.pem: already exists (a symbolic link)") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(elsewhere + "/stolen.pem"));
    CHECK(ReadFile(elsewhere + "/existing.pem") == "kept\n");
    CHECK_FALSE(std::filesystem::exists(out_dir + "/ca.pem"));
  }
  SECTION("a private directory that belongs to another user") {
    // chown needs root; the CI and the dev machines run the tests as root.
    REQUIRE(geteuid() == 0);
    REQUIRE(chown(out_dir.c_str(), 65534, 65534) == 0);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", out_dir});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("error: " + out_dir + ": --out-dir: the directory belongs to another user (uid 65534, not 0), and "
                     "private keys go into it") != std::string::npos);
    CHECK(std::filesystem::is_empty(out_dir));
  }
  SECTION("a directory others can write, even without read") {
    REQUIRE(chmod(out_dir.c_str(), 0733) == 0);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", out_dir});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the directory is open to other users") != std::string::npos);
    CHECK(std::filesystem::is_empty(out_dir));
  }
  SECTION("--out-dir a symbolic link to the caller's private directory is the directory itself") {
    std::string link = fx.dir + "/link";
    REQUIRE(symlink(out_dir.c_str(), link.c_str()) == 0);
    RunResult r = Migrate(values, {"--from-route", fx.route, "--out-dir", link});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(Mode(out_dir + "/key.pem") == 0600);
    CHECK(ReadFile(out_dir + "/key.pem") == fx.leaf.key_pem);
  }
}

TEST_CASE("migrate --out-dir: a write that fails is exit 5, and no key file is left behind", "[migrate]") {
  // RLIMIT_FSIZE of 100 bytes (util-linux prlimit): the certificate's write
  // stops part way with EFBIG. hostgraft ignores SIGXFSZ, so the write fails
  // instead of the signal ending the run (exit_code would be -1).
  REQUIRE(access("/usr/bin/prlimit", X_OK) == 0);
  RouteFixture fx;
  std::string out_dir = fx.dir + "/m";
  std::string log_dir = TempDir();
  RunResult r = RunProgram({"prlimit", "--fsize=100", "--", HOSTGRAFT_BINARY, "migrate", "-f",
                            Source("testdata/migrate/keycloak-custom-host.yaml"), "--from-route", fx.route, "--out-dir",
                            out_dir},
                           {}, {{"HOSTGRAFT_ERROR_LOG", log_dir + "/error.log"}, {"VAULT_ADDR", ""}});
  INFO(r.err);
  CHECK(r.exit_code == 5);
  CHECK(r.out.empty());
  CHECK(r.err.find("error: " + out_dir + "/certificate.pem: cannot write the file: File too large\n") != std::string::npos);
  CHECK_FALSE(ContainsKeyMaterial(r.out + r.err, fx.leaf.key_pem));
  CHECK(std::filesystem::is_directory(out_dir));
  CHECK(std::filesystem::is_empty(out_dir));
}
