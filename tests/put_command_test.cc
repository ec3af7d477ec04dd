// hostgraft vault put through the binary against the Vault-API test server:
// what it stores, render reads back; what render would refuse, it refuses
// before writing anything.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "test_certs.h"
#include "test_support.h"
#include "vault_support.h"

using namespace hostgraft::test;

namespace {

const char kRoot[] = "root-token-3c9d";
const char kReader[] = "reader-token-77ab";

std::string ServerConfig(int kv_version) {
  return R"({"mounts": [{"path": "registry-kv", "version": )" + std::to_string(kv_version) + R"(}],
             "tokens": {")" + kRoot + R"(": {"policies": ["root"]}, ")" + kReader + R"(": {"policies": ["reader"]}},
             "policies": {"reader": {"registry-kv/*": ["read"], "sys/internal/ui/mounts/*": ["read"]}}})";
}

const std::string kValues[] = {"-f", Source("testdata/registry/values-platform.yaml"), "-f",
                               Source("testdata/registry/values-registry.yaml")};

// The fields of a files: store secret written to cert.pem, key.pem and ca.pem
// as they are (base64-wrapped or PEM); returns the three --flags.
std::vector<std::string> MaterialFiles(const std::string& secret) {
  YAML::Node fields = YAML::LoadFile(Source("testdata/registry/secrets/" + secret + ".yaml"));
  std::string dir = TempDir();
  WriteFile(dir + "/cert.pem", fields["certificate"].as<std::string>());
  WriteFile(dir + "/key.pem", fields["key"].as<std::string>());
  WriteFile(dir + "/ca.pem", fields["caCertificate"].as<std::string>());
  return {"--cert", dir + "/cert.pem", "--key", dir + "/key.pem", "--ca", dir + "/ca.pem"};
}

RunResult Put(const VaultServer& server, const std::string& token, std::vector<std::string> args,
              const std::vector<std::string>& material) {
  args.insert(args.begin(), {"vault", "put"});
  args.insert(args.end(), material.begin(), material.end());
  if (std::find(args.begin(), args.end(), "--at") == args.end()) args.insert(args.end(), {"--at", kTestAt});
  return Run(args, {}, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", token}, {"HOSTGRAFT_VALUES", ""}});
}

RunResult Put(const VaultServer& server, std::vector<std::string> args, const std::string& secret) {
  args.insert(args.end(), std::begin(kValues), std::end(kValues));
  return Put(server, kRoot, args, MaterialFiles(secret));
}

int Writes(const VaultServer& server) {
  int n = 0;
  for (const VaultServer::Request& r : server.Requests()) n += r.method == "POST" || r.method == "PUT";
  return n;
}

const char kKeycloakPath[] = "registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z";
const char kOfficerPath[] = "registry-kv/registry/reg-a/domains/officer-portal/officer.example.com";
const char kCitizenPath[] = "registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com";

}  // namespace

TEST_CASE("vault put: stored where render reads it, render from Vault equals render from files", "[put][vault]") {
  int kv_version = GENERATE(1, 2);
  INFO("KV v" << kv_version);
  VaultServer server(ServerConfig(kv_version));

  RunResult keycloak = Put(server, {"--host", "keycloak.example.com"}, kKeycloakPath);
  INFO(keycloak.err);
  REQUIRE(keycloak.exit_code == 0);
  CHECK(keycloak.out == std::string(kKeycloakPath) +
                            "\n# in the values:\nkeycloak:\n  customHosts:\n    - host: keycloak.example.com\n"
                            "      certificatePath: " + kKeycloakPath + "\n");
  CHECK(keycloak.err.find("hostgraft: stored the certificate for keycloak.example.com (subject ") == 0);
  CHECK(keycloak.err.find(std::string(") at ") + kKeycloakPath + " in vault " + server.addr() + "\n") !=
        std::string::npos);

  RunResult officer = Put(server, {"--host", "officer.example.com", "--portal", "officer"}, kOfficerPath);
  REQUIRE(officer.exit_code == 0);
  CHECK(officer.out == std::string(kOfficerPath) +
                           "\n# in the values:\nportals:\n  officer:\n    customHost:\n      enabled: true\n"
                           "      host: officer.example.com\n      certificatePath: " + kOfficerPath + "\n");
  // citizen.example.com has no explicit path: the template, with hostgraft.registry.
  RunResult citizen = Put(server, {"--host", "citizen.example.com", "--portal", "citizen"}, kCitizenPath);
  REQUIRE(citizen.exit_code == 0);
  CHECK(citizen.out.substr(0, citizen.out.find('\n')) == kCitizenPath);

  const std::string api = kv_version == 2 ? "/v1/registry-kv/data/" : "/v1/registry-kv/";
  for (const char* path : {kKeycloakPath, kOfficerPath, kCitizenPath})
    CHECK(server.Count("POST", api + std::string(path).substr(std::string("registry-kv/").size())) == 1);

  std::vector<std::string> render{"render", "--at", kTestAt};
  render.insert(render.end(), std::begin(kValues), std::end(kValues));
  std::string input = ReadFile(Source("testdata/registry/helm3.yaml"));
  std::vector<std::string> from_files = render;
  from_files.push_back("--secrets=files:" + Source("testdata/registry/secrets"));
  render.push_back("--secrets=vault");
  RunResult files = Run(from_files, input);
  RunResult vault = Run(render, input, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReader}});
  INFO(vault.err);
  REQUIRE(files.exit_code == 0);
  REQUIRE(vault.exit_code == 0);
  CHECK(vault.out == files.out);
  CHECK(vault.out.find("kind: Route") != std::string::npos);
}

TEST_CASE("vault put: stdout on a full disk is exit 5, saying the certificate is stored", "[put][vault][faults]") {
  VaultServer server(ServerConfig(2));
  std::vector<std::string> args{"vault", "put", "--host", "keycloak.example.com", "--at", kTestAt};
  args.insert(args.end(), std::begin(kValues), std::end(kValues));
  std::vector<std::string> material = MaterialFiles(kKeycloakPath);
  args.insert(args.end(), material.begin(), material.end());
  std::string log = TempDir() + "/error.log";
  RunResult r = RunRedirected(">/dev/full", args, {},
                              {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRoot}, {"HOSTGRAFT_VALUES", ""},
                               {"HOSTGRAFT_ERROR_LOG", log}});
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("hostgraft: error: cannot write the stored path and values (the certificate is stored) to stdout: "
                   "No space left on device") != std::string::npos);
  CHECK(Writes(server) == 1);
  CHECK(ReadFile(log).find("hostgraft vault put (exit 5)") != std::string::npos);
}

TEST_CASE("vault put: material render would refuse is refused and nothing is written", "[put][vault]") {
  VaultServer server(ServerConfig(2));
  SECTION("another host") {
    RunResult r = Put(server, {"--host", "login.example.org"}, kKeycloakPath);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("the certificate for login.example.org does not match login.example.org: its subjectAltName lists "
                     "keycloak.example.com") != std::string::npos);
  }
  SECTION("expired at --at") {
    std::vector<std::string> args{"--host", "officer.example.com", "--portal", "officer", "--at", "2027-02-01T00:00:00Z"};
    RunResult r = Put(server, args, kOfficerPath);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the certificate for officer.example.com expired at 2027-01-01T00:00:00Z (judged at "
                     "2027-02-01T00:00:00Z)") != std::string::npos);
  }
  SECTION("a key of another certificate") {
    std::vector<std::string> files = MaterialFiles(kOfficerPath);
    files[3] = MaterialFiles(kCitizenPath)[3];
    std::vector<std::string> args{"vault", "put", "--host", "officer.example.com", "--portal", "officer", "--at", kTestAt};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), std::begin(kValues), std::end(kValues));
    RunResult r = Run(args, {}, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kRoot}});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the private key does not belong to the certificate for officer.example.com") != std::string::npos);
    CHECK_FALSE(ContainsKeyMaterial(r.err, ReadFile(files[3])));
  }
  SECTION("a self-signed certificate") {
    TestCert self = MakeSelfSignedLeaf({"keycloak.example.com"});
    std::string dir = TempDir();
    WriteFile(dir + "/c.pem", self.cert_pem);
    WriteFile(dir + "/k.pem", self.key_pem);
    RunResult r = Put(server, kRoot, {"--host", "keycloak.example.com", "--path", "registry-kv/x"},
                      {"--cert", dir + "/c.pem", "--key", dir + "/k.pem", "--ca", dir + "/c.pem"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the certificate for keycloak.example.com is self-signed") != std::string::npos);
  }
  CHECK(Writes(server) == 0);
  CHECK(server.Requests().empty());
}

TEST_CASE("vault put: a token that may not write is exit 3 with the capability it lacks", "[put][vault]") {
  VaultServer server(ServerConfig(2));
  std::vector<std::string> args{"--host", "keycloak.example.com"};
  args.insert(args.end(), std::begin(kValues), std::end(kValues));
  RunResult r = Put(server, kReader, args, MaterialFiles(kKeycloakPath));
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find(std::string("error: permission denied writing secret ") + kKeycloakPath +
                   ": the token's policies need capability \"create\" or \"update\" on \"registry-kv/data/cluster/"
                   "domains/keycloak.example.com/20230505T085919Z\"") != std::string::npos);
  CHECK(server.Count("POST", "/v1/registry-kv/data/cluster/domains/keycloak.example.com/20230505T085919Z") == 1);
  CHECK(r.err.find(kReader) == std::string::npos);
}

TEST_CASE("vault put: paths from --path, --registry and the templates", "[put][vault]") {
  VaultServer server(ServerConfig(2));
  std::vector<std::string> material = MaterialFiles(kCitizenPath);
  SECTION("values without hostgraft.registry: the registry name must come from --registry") {
    const std::vector<std::string> set{"--host", "citizen.example.com", "--set",
                                       "portals.citizen.customHost.host=citizen.example.com"};
    RunResult r = Put(server, kRoot, set, material);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error: the certificate path for citizen.example.com comes from hostgraft.vault.portalPath "
                     "\"registry-kv/registry/{registry}/domains/{portal}-portal/{host}\", which needs the registry "
                     "name, and none is known\n  fix: pass --registry NAME or set hostgraft.registry in the values") !=
          std::string::npos);
    std::vector<std::string> with_registry = set;
    with_registry.insert(with_registry.end(), {"--registry", "reg-b"});
    RunResult ok = Put(server, kRoot, with_registry, material);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.substr(0, ok.out.find('\n')) == "registry-kv/registry/reg-b/domains/citizen-portal/citizen.example.com");
  }
  SECTION("--path wins, values or none; a listed Keycloak host without a certificatePath uses keycloakPath") {
    RunResult r = Put(server, kRoot, {"--host", "citizen.example.com", "--path", "registry-kv/custom/citizen"}, material);
    CHECK(r.exit_code == 0);
    CHECK(r.out.substr(0, r.out.find('\n')) == "registry-kv/custom/citizen");
    RunResult k = Put(server, kRoot, {"--host", "citizen.example.com", "--set", "keycloak.customHosts[0].host=citizen.example.com"},
                      material);
    CHECK(k.exit_code == 0);
    CHECK(k.out.substr(0, k.out.find('\n')) == "registry-kv/cluster/domains/citizen.example.com");
  }
  SECTION("usage errors touch nothing") {
    RunResult missing = Run({"vault", "put", "--host", "citizen.example.com"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("vault put needs --cert") != std::string::npos);
    CHECK(missing.err.find("vault put needs --ca") != std::string::npos);
    RunResult portal = Put(server, kRoot, {"--host", "citizen.example.com", "--portal", "admin"}, material);
    CHECK(portal.exit_code == 2);
    CHECK(portal.err.find("unknown --portal admin\n  fix: use officer or citizen") != std::string::npos);
    RunResult bad_path = Put(server, kRoot, {"--host", "citizen.example.com", "--path", "registry-kv/../x"}, material);
    CHECK(bad_path.exit_code == 2);
    CHECK(bad_path.err.find("--path \"registry-kv/../x\" has a '..' segment") != std::string::npos);
    RunResult sub = Run({"vault", "get"});
    CHECK(sub.exit_code == 2);
    CHECK(sub.err.find("hostgraft vault takes the subcommand put") != std::string::npos);
    CHECK(server.Requests().empty());
  }
}

namespace {

const char kLoginPath[] = "registry-kv/cluster/domains/login.example.org";

std::string PortalValues(const std::string& portal, const std::string& host, const std::string& path) {
  return path + "\n# in the values:\nportals:\n  " + portal + ":\n    customHost:\n      enabled: true\n      host: " +
         host + "\n      certificatePath: " + path + "\n";
}

std::string KeycloakValues(const std::string& host, const std::string& path) {
  return path + "\n# in the values:\nkeycloak:\n  customHosts:\n    - host: " + host + "\n      certificatePath: " +
         path + "\n";
}

// The one write the server saw, as "<method> <path>"; "" when none or more.
std::string OnlyWrite(const VaultServer& server) {
  std::string found;
  int n = 0;
  for (const VaultServer::Request& r : server.Requests())
    if (r.method == "POST" || r.method == "PUT") {
      found = r.method + " " + r.path;
      ++n;
    }
  return n == 1 ? found : "";
}

}  // namespace

TEST_CASE("vault put without --portal or --path: the values say where render reads the host's certificate",
          "[put][vault]") {
  VaultServer server(ServerConfig(2));
  SECTION("a portal host: its certificatePath, and the values printed in the portal's shape") {
    RunResult r = Put(server, {"--host", "officer.example.com"}, kOfficerPath);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == PortalValues("officer", "officer.example.com", kOfficerPath));
    CHECK(OnlyWrite(server) == "POST /v1/registry-kv/data/registry/reg-a/domains/officer-portal/officer.example.com");
  }
  SECTION("a portal host set by customDns without a path: the portal template with hostgraft.registry") {
    RunResult r = Put(server, {"--host", "citizen.example.com"}, kCitizenPath);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == PortalValues("citizen", "citizen.example.com", kCitizenPath));
    CHECK(OnlyWrite(server) == "POST /v1/registry-kv/data/registry/reg-a/domains/citizen-portal/citizen.example.com");
  }
  SECTION("a listed Keycloak host: its certificatePath, or keycloakPath when it has none") {
    RunResult k = Put(server, {"--host", "keycloak.example.com"}, kKeycloakPath);
    INFO(k.err);
    REQUIRE(k.exit_code == 0);
    CHECK(k.out == KeycloakValues("keycloak.example.com", kKeycloakPath));
    RunResult login = Put(server, {"--host", "login.example.org"}, "registry-kv/cluster/domains/login.example.org");
    INFO(login.err);
    REQUIRE(login.exit_code == 0);
    CHECK(login.out == KeycloakValues("login.example.org", kLoginPath));
    CHECK(server.Count("POST", "/v1/registry-kv/data/cluster/domains/keycloak.example.com/20230505T085919Z") == 1);
    CHECK(server.Count("POST", "/v1/registry-kv/data/cluster/domains/login.example.org") == 1);
    CHECK(Writes(server) == 2);
  }
  SECTION("--portal naming the portal the values give the host: the same path") {
    RunResult r = Put(server, {"--host", "officer.example.com", "--portal", "officer"}, kOfficerPath);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == PortalValues("officer", "officer.example.com", kOfficerPath));
  }
  SECTION("--path overrides the values; the printed values keep the host's portal shape") {
    RunResult r = Put(server, {"--host", "officer.example.com", "--path", "registry-kv/custom/officer"}, kOfficerPath);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == PortalValues("officer", "officer.example.com", "registry-kv/custom/officer"));
    CHECK(OnlyWrite(server) == "POST /v1/registry-kv/data/custom/officer");
  }
}

TEST_CASE("vault put: the ICS host's certificate goes to hostgraft.ics.vault.ingressPath", "[put][vault]") {
  VaultServer server(R"({"mounts": [{"path": "secret", "version": 2}], "tokens": {"t-1": {"policies": ["root"]}}})");
  TestCert ca = MakeCa("ICS Put Root CA");
  TestCert leaf = MakeLeaf(ca, {"ics.example.org"});
  std::string dir = TempDir();
  WriteFile(dir + "/c.pem", leaf.cert_pem);
  WriteFile(dir + "/k.pem", leaf.key_pem);
  WriteFile(dir + "/a.pem", ca.cert_pem);
  RunResult r = Put(server, "t-1", {"--host", "ics.example.org", "--set", "hostgraft.ics.customHost=ics.example.org"},
                    {"--cert", dir + "/c.pem", "--key", dir + "/k.pem", "--ca", dir + "/a.pem"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "secret/ics/ingress/ics.example.org\n# in the values:\nhostgraft:\n  ics:\n    customHost: "
                 "ics.example.org\n    vault:\n      ingressPath: secret/ics/ingress/ics.example.org\n");
  CHECK(OnlyWrite(server) == "POST /v1/secret/data/ics/ingress/ics.example.org");

  RunResult portal = Put(server, "t-1",
                         {"--host", "ics.example.org", "--portal", "officer", "--set",
                          "hostgraft.ics.customHost=ics.example.org"},
                         {"--cert", dir + "/c.pem", "--key", dir + "/k.pem", "--ca", dir + "/a.pem"});
  CHECK(portal.exit_code == 2);
  CHECK(portal.out.empty());
  CHECK(portal.err ==
        "hostgraft: error: --portal officer contradicts the values: they set ics.example.org as the ICS host "
        "(hostgraft.ics.customHost)\n  fix: leave --portal out: the values decide where render reads its certificate\n");
  CHECK(Writes(server) == 1);
}

TEST_CASE("vault put --host officer.example.com with the registry values, then render from Vault: the officer Route",
          "[put][vault]") {
  VaultServer server(ServerConfig(2));
  // No --portal, no --path: each host stored where the values say.
  for (auto [host, secret] : {std::pair{"keycloak.example.com", kKeycloakPath}, {"officer.example.com", kOfficerPath},
                              {"citizen.example.com", kCitizenPath}}) {
    RunResult put = Put(server, {"--host", host}, secret);
    INFO(host << ": " << put.err);
    REQUIRE(put.exit_code == 0);
    CHECK(put.out.substr(0, put.out.find('\n')) == secret);
  }
  CHECK(server.Count("POST", "/v1/registry-kv/data/registry/reg-a/domains/officer-portal/officer.example.com") == 1);

  std::vector<std::string> render{"render", "--at", kTestAt, "--secrets=vault"};
  render.insert(render.end(), std::begin(kValues), std::end(kValues));
  std::string input = ReadFile(Source("testdata/registry/helm3.yaml"));
  RunResult r = Run(render, input, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", kReader}});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  YAML::Node officer_route;
  for (const YAML::Node& doc : YAML::LoadAll(r.out))
    if (doc["kind"].as<std::string>("") == "Route" && doc["spec"]["host"].as<std::string>("") == "officer.example.com")
      officer_route = doc;
  REQUIRE(officer_route);
  CHECK(officer_route["spec"]["tls"]["termination"].as<std::string>() == "edge");
  CHECK(officer_route["spec"]["tls"]["certificate"].as<std::string>().find("BEGIN CERTIFICATE") != std::string::npos);
  // The same stream as a render from the files the material came from.
  std::vector<std::string> from_files{"render", "--at", kTestAt, "--secrets=files:" + Source("testdata/registry/secrets")};
  from_files.insert(from_files.end(), std::begin(kValues), std::end(kValues));
  RunResult files = Run(from_files, input);
  REQUIRE(files.exit_code == 0);
  CHECK(r.out == files.out);
  CHECK(server.Count("GET", "/v1/registry-kv/data/registry/reg-a/domains/officer-portal/officer.example.com") == 1);
}

TEST_CASE("vault put refuses a host whose certificate path the values cannot give, and writes nothing",
          "[put][vault]") {
  VaultServer server(ServerConfig(2));
  const std::vector<std::string> material = MaterialFiles(kOfficerPath);
  const std::string fix_path = "or pass --path P to store it at a path of your choice\n";
  const std::string known =
      "keycloak.example.com (keycloak.customHosts[0].host), login.example.org (keycloak.customHosts[1].host), "
      "officer.example.com (portals.officer.customHost.host), citizen.example.com (portals.citizen.customDns.host)";
  RunResult r;
  std::string expected;
  SECTION("a host the values do not name") {
    r = Put(server, {"--host", "officer2.example.com"}, kOfficerPath);
    expected = "hostgraft: error: the values do not name officer2.example.com as a custom host, so render would never "
               "read a certificate for it; the custom hosts they name are " + known +
               "\n  fix: add officer2.example.com to keycloak.customHosts or portals.<officer|citizen>.customHost in "
               "the values and pass them with -f, " + fix_path;
  }
  SECTION("the default Keycloak host") {
    r = Put(server, {"--host", "platform-keycloak.apps.cluster.example.com"}, kOfficerPath);
    expected = "hostgraft: error: the values name platform-keycloak.apps.cluster.example.com as the default Keycloak "
               "host (keycloak.host), not a custom host, so render would never read a certificate for it; the custom "
               "hosts they name are " + known +
               "\n  fix: vault put stores the certificates of custom hosts: give one of them as --host, " + fix_path;
  }
  SECTION("values that name no custom host") {
    r = Put(server, kRoot, {"--host", "officer.example.com", "--set", "hostgraft.registry=reg-a"}, material);
    expected = "hostgraft: error: the values do not name officer.example.com as a custom host, so render would never "
               "read a certificate for it; they name no custom host at all\n  fix: add officer.example.com to "
               "keycloak.customHosts or portals.<officer|citizen>.customHost in the values and pass them with -f, " +
               fix_path;
  }
  SECTION("no values at all, with or without --portal") {
    r = Put(server, kRoot, {"--host", "officer.example.com"}, material);
    expected = "hostgraft: error: no values given: vault put reads the values render gets to find where render will "
               "read the certificate for officer.example.com\n  fix: pass the values files render gets with -f (e.g. "
               "-f values-platform.yaml -f values-registry.yaml), " + fix_path;
    RunResult portal =
        Put(server, kRoot, {"--host", "officer.example.com", "--portal", "officer", "--registry", "reg-a"}, material);
    CHECK(portal.exit_code == 2);
    CHECK(portal.out.empty());
    CHECK(portal.err == expected);
  }
  SECTION("--portal naming the other portal") {
    r = Put(server, {"--host", "officer.example.com", "--portal", "citizen"}, kOfficerPath);
    expected = "hostgraft: error: --portal citizen contradicts the values: they set officer.example.com as the officer "
               "portal's custom host (portals.officer.customHost.host)\n  fix: pass --portal officer, or leave --portal "
               "out and let the values decide\n";
  }
  SECTION("--portal for a Keycloak host") {
    r = Put(server, {"--host", "keycloak.example.com", "--portal", "officer"}, kKeycloakPath);
    expected = "hostgraft: error: --portal officer contradicts the values: they set keycloak.example.com as a custom "
               "Keycloak host (keycloak.customHosts[0].host)\n  fix: leave --portal out: the values decide where render "
               "reads its certificate\n";
  }
  SECTION("--registry contradicting hostgraft.registry") {
    r = Put(server, {"--host", "citizen.example.com", "--registry", "reg-b"}, kCitizenPath);
    expected = "hostgraft: error: --registry reg-b contradicts the values: they set hostgraft.registry: reg-a, and "
               "render uses that for {registry} in the certificate path\n  fix: leave --registry out, or correct "
               "hostgraft.registry in the values\n";
  }
  SECTION("keycloak.customHost missing from keycloak.customHosts") {
    r = Put(server, {"--host", "other.example.com", "--set", "keycloak.customHost=other.example.com"}, kKeycloakPath);
    expected = "hostgraft: error: other.example.com is set by keycloak.customHost but is not one of "
               "keycloak.customHosts (keycloak.example.com, login.example.org), so render refuses these values and "
               "reads no certificate for it\n  fix: add it to keycloak.customHosts in the values (with its "
               "certificatePath), or pass --path P\n";
  }
  SECTION("one host named for two things") {
    r = Put(server, kRoot,
            {"--host", "keycloak.example.com", "-f", Source("testdata/registry/values-platform.yaml"), "--set",
             "portals.officer.customHost.host=keycloak.example.com"},
            material);
    expected = "hostgraft: error: the values use keycloak.example.com for two things, keycloak.customHosts[0].host and "
               "portals.officer.customHost.host, and render refuses them\n  fix: give each its own host name in the "
               "values\n";
  }
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == expected);
  CHECK(Writes(server) == 0);
  CHECK(server.Requests().empty());
}
