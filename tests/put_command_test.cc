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
  return Run(args, {}, {{"VAULT_ADDR", server.addr()}, {"VAULT_TOKEN", token}});
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

TEST_CASE("vault put: stored where render reads it; render from Vault equals render from files", "[put][vault]") {
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
  SECTION("no values: the registry name must come from --registry") {
    RunResult r = Put(server, kRoot, {"--host", "citizen.example.com", "--portal", "citizen"}, material);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error: the certificate path for citizen.example.com comes from hostgraft.vault.portalPath "
                     "\"registry-kv/registry/{registry}/domains/{portal}-portal/{host}\", which needs the registry "
                     "name, and none is known\n  fix: pass --registry NAME or set hostgraft.registry in the values") !=
          std::string::npos);
    RunResult ok = Put(server, kRoot, {"--host", "citizen.example.com", "--portal", "citizen", "--registry", "reg-b"},
                       material);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.substr(0, ok.out.find('\n')) == "registry-kv/registry/reg-b/domains/citizen-portal/citizen.example.com");
  }
  SECTION("--path wins; a Keycloak host without --portal uses keycloakPath") {
    RunResult r = Put(server, kRoot, {"--host", "citizen.example.com", "--path", "registry-kv/custom/citizen"}, material);
    CHECK(r.exit_code == 0);
    CHECK(r.out.substr(0, r.out.find('\n')) == "registry-kv/custom/citizen");
    RunResult k = Put(server, kRoot, {"--host", "citizen.example.com"}, material);
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
    CHECK(portal.err.find("--portal admin is neither officer nor citizen") != std::string::npos);
    RunResult bad_path = Put(server, kRoot, {"--host", "citizen.example.com", "--path", "registry-kv/../x"}, material);
    CHECK(bad_path.exit_code == 2);
    CHECK(bad_path.err.find("--path \"registry-kv/../x\" has a '..' segment") != std::string::npos);
    RunResult sub = Run({"vault", "get"});
    CHECK(sub.exit_code == 2);
    CHECK(sub.err.find("hostgraft vault takes the subcommand put") != std::string::npos);
    CHECK(server.Requests().empty());
  }
}
