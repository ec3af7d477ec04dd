// The Argo CD config management plugin in examples/argocd/: its generate
// command, run the way the CMP server runs it (in the app directory, with
// ARGOCD_* variables), with a stub helm that prints the registry render or,
// where what helm does with the arguments matters, the real Helm 3.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "helm_support.h"
#include "host_support.h"
#include "test_certs.h"
#include "vault_support.h"

using namespace hostgraft::test;

namespace {

struct App {
  std::string dir;  // the application's source path
  std::string bin;  // the stub helm and hostgraft
  std::map<std::string, std::string> env;
};

// `helm_body` is the stub helm's shell script; it records its arguments.
App MakeApp(const std::string& helm_body, const std::string& hostgraft_args) {
  App app{TempDir(), TempDir(), {}};
  WriteScript(app.bin + "/helm", "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + app.bin + "/helm-args\n" + helm_body);
  WriteScript(app.bin + "/hostgraft", "#!/bin/sh\nexec " + std::string(HOSTGRAFT_BINARY) + " \"$@\"\n");
  WriteFile(app.dir + "/Chart.yaml", "apiVersion: v2\nname: registry\nversion: 1.9.7\n");
  WriteFile(app.dir + "/values-platform.yaml", ReadFile(Source("testdata/registry/values-platform.yaml")));
  WriteFile(app.dir + "/values-registry.yaml", ReadFile(Source("testdata/registry/values-registry.yaml")));
  // The TLS material in the repository next to the chart: files:DIR must be
  // inside the app directory.
  std::filesystem::copy(Source("testdata/registry/secrets"), app.dir + "/secrets",
                        std::filesystem::copy_options::recursive);
  app.env = {{"PATH", app.bin + ":/usr/bin:/bin"},
             {"ARGOCD_APP_NAME", "reg-a"},
             {"ARGOCD_APP_NAMESPACE", "reg-a"},
             {"ARGOCD_ENV_VALUES_FILES", "values-platform.yaml values-registry.yaml"},
             {"ARGOCD_ENV_HOSTGRAFT_ARGS", hostgraft_args},
             {"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"},
             {"VAULT_ADDR", ""}};
  return app;
}

// An app whose helm is the real Helm 3 (homes of its own), still recording
// its arguments, with the registry chart as templates: the render of
// testdata/registry/helm3.yaml, plus a ConfigMap `probe` that shows what
// helm made of the values, the namespace and the capabilities it was given.
App MakeRealHelmApp(const std::string& hostgraft_args) {
  Helm helm("3.17.3");
  std::string home = TempDir();
  App app = MakeApp("HELM_CONFIG_HOME=" + home + "/config HELM_CACHE_HOME=" + home + "/cache HELM_DATA_HOME=" + home +
                        "/data HELM_PLUGINS=" + home + "/plugins KUBECONFIG=" + home + "/kubeconfig exec " +
                        helm.binary() + " \"$@\"\n",
                    hostgraft_args);
  std::filesystem::create_directories(app.dir + "/templates");
  std::filesystem::create_directories(app.dir + "/files");
  WriteFile(app.dir + "/files/registry.yaml", ReadFile(Source("testdata/registry/helm3.yaml")));
  WriteFile(app.dir + "/templates/registry.yaml", "{{ .Files.Get \"files/registry.yaml\" }}\n");
  WriteFile(app.dir + "/templates/probe.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n  namespace: {{ .Release.Namespace }}\n"
            "data:\n"
            "  greeting: {{ .Values.greeting | default \"unset\" | quote }}\n"
            "  port: {{ .Values.port | default \"unset\" | quote }}\n"
            "  portKind: {{ kindOf .Values.port | quote }}\n"
            "  first: {{ .Values.list | default (list \"unset\") | first | quote }}\n"
            "  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n"
            "  monitoring: {{ .Capabilities.APIVersions.Has \"monitoring.coreos.com/v1\" | quote }}\n");
  return app;
}

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

std::string HelmArgs(const App& app) { return ReadFile(app.bin + "/helm-args"); }
bool HelmRan(const App& app) { return Exists(app.bin + "/helm-args"); }

RunResult Generate(const App& app) {
  YAML::Node plugin = YAML::LoadFile(Source("examples/argocd/plugin.yaml"));
  std::vector<std::string> argv = plugin["spec"]["generate"]["command"].as<std::vector<std::string>>();
  for (const YAML::Node& arg : plugin["spec"]["generate"]["args"]) argv.push_back(arg.as<std::string>());
  return RunIn(app.dir, argv, {}, app.env);
}

const std::string kSecretsArgs = std::string("--secrets files:secrets --at ") + kTestAt;

// The hostgraft container of repo-server-patch.yaml.
YAML::Node HostgraftContainer(const YAML::Node& patch) {
  for (const YAML::Node& c : patch["spec"]["template"]["spec"]["containers"])
    if (c["name"].as<std::string>() == "hostgraft") return c;
  FAIL("repo-server-patch.yaml has no container named hostgraft");
  return {};
}

std::string EnvValue(const YAML::Node& container, const std::string& name) {
  for (const YAML::Node& e : container["env"])
    if (e["name"].as<std::string>() == name) return e["value"].as<std::string>("");
  return {};
}

// Seconds of a VAULT_CLIENT_TIMEOUT value: 30, 30s or 2m.
double DurationSeconds(const std::string& v) {
  size_t end = 0;
  double n = std::stod(v, &end);
  std::string unit = v.substr(end);
  if (unit.empty() || unit == "s") return n;
  if (unit == "m") return n * 60;
  FAIL("unexpected duration " << v);
  return 0;
}

// A Vault test server config that holds testdata/registry/secrets in the
// KV v2 mount registry-kv and lets `role` log in with `jwt` (kubernetes).
std::string VaultWithRegistrySecrets(const std::string& role, const std::string& jwt) {
  return RegistryVaultConfig(
      R"("policies": {"reader": {"registry-kv/*": ["read"], "sys/internal/ui/mounts/*": ["read"]}},
         "auth": [{"type": "kubernetes", "mount": "kubernetes", "roles": {)" +
      JsonQuoted(role) + R"(: {"jwt": )" + JsonQuoted(jwt) + R"(, "policies": ["reader"]}}}])");
}

}  // namespace

TEST_CASE("argocd: generate pipes helm template through hostgraft", "[argocd]") {
  YAML::Node plugin = YAML::LoadFile(Source("examples/argocd/plugin.yaml"));
  CHECK(plugin["apiVersion"].as<std::string>() == "argoproj.io/v1alpha1");
  CHECK(plugin["kind"].as<std::string>() == "ConfigManagementPlugin");

  App app = MakeApp("cat " + Source("testdata/registry/helm3.yaml") + "\n", kSecretsArgs);
  RunResult r = Generate(app);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(HelmArgs(app) ==
        "template\nreg-a\n.\n--namespace\nreg-a\n-f\nvalues-platform.yaml\n-f\nvalues-registry.yaml\n");
}

TEST_CASE("argocd: a failing hostgraft fails the whole command with no manifest", "[argocd]") {
  // An allowed store that hostgraft cannot use: hostgraft's own error.
  App app = MakeApp("cat " + Source("testdata/registry/helm3.yaml") + "\n", "--secrets files:nonexistent");
  RunResult r = Generate(app);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("nonexistent") != std::string::npos);
  CHECK(r.err.find("hostgraft-cmp:") == std::string::npos);
}

TEST_CASE("argocd: a failing helm fails the whole command (pipefail)", "[argocd]") {
  // helm prints part of a manifest, then fails: without pipefail hostgraft
  // would render the part and Argo CD would apply it.
  App app = MakeApp("head -n 40 " + Source("testdata/registry/helm3.yaml") + "\necho 'Error: boom' >&2\nexit 1\n",
                    kSecretsArgs);
  RunResult r = Generate(app);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Error: boom") != std::string::npos);
}

TEST_CASE("argocd: HELM_ARGS that would run a program or read outside the app are refused before helm runs",
          "[argocd]") {
  // The post-renderer is a real command: the real helm would run
  // `/bin/sh -c 'touch${IFS}MARKER'` on the render (the sh expands ${IFS};
  // the plugin must not). Every case ends with it, so a refusal that came
  // too late (after helm started) would leave the marker behind.
  std::string marker_dir = TempDir();
  int n = 0;
  struct Case {
    std::string helm_args;
    std::string named;  // what the message must quote
  };
  std::vector<Case> cases{
      {"--post-renderer=/bin/sh", "--post-renderer=/bin/sh"},
      {"--post-renderer /bin/sh", "\"--post-renderer\""},
      {"--set image.tag=1 --post-renderer=/bin/sh", "--post-renderer=/bin/sh"},
      {"-f /etc/passwd", "-f /etc/passwd"},
      {"-f ../x", "-f ../x"},
      {"-f sub/../../x", "-f sub/../../x"},
      {"--values=http://x", "--values=http://x"},
      {"-f http://charts.example.com/v.yaml", "-f http://charts.example.com/v.yaml"},
      {"--values=/etc/passwd", "--values=/etc/passwd"},
      {"-f outside.yaml", "-f outside.yaml"},  // a symlink to /etc/passwd
      {"--plugin /tmp/x", "\"--plugin\""},
      {"--repo https://charts.example.com", "\"--repo\""},
      {"--kubeconfig /etc/kubeconfig", "\"--kubeconfig\""},
      {"--set-file key=/etc/passwd", "\"--set-file\""},
      {"--dry-run=server", "--dry-run=server"},
      {"--registry-config /etc/registry.json", "\"--registry-config\""},
      {"oci://registry.example.com/chart", "oci://registry.example.com/chart"},
  };
  for (const Case& c : cases) {
    std::string marker = marker_dir + "/ran-" + std::to_string(++n);
    std::string hostile = c.helm_args + " --post-renderer=/bin/sh --post-renderer-args=-c --post-renderer-args=touch${IFS}" +
                          marker;
    App app = MakeRealHelmApp(kSecretsArgs);
    std::filesystem::create_symlink("/etc/passwd", app.dir + "/outside.yaml");
    app.env["ARGOCD_ENV_HELM_ARGS"] = hostile;
    RunResult r = Generate(app);
    INFO("HELM_ARGS=" << hostile << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("HELM_ARGS") != std::string::npos);
    CHECK(r.err.find(c.named) != std::string::npos);
    CHECK_FALSE(Exists(marker));
    CHECK_FALSE(HelmRan(app));
  }

  SECTION("VALUES_FILES and HOSTGRAFT_ARGS get the same file rules") {
    for (auto [name, value, named] :
         {std::tuple{"ARGOCD_ENV_VALUES_FILES", "values-platform.yaml /etc/passwd", "/etc/passwd"},
          {"ARGOCD_ENV_VALUES_FILES", "../values.yaml", "../values.yaml"},
          {"ARGOCD_ENV_HOSTGRAFT_ARGS", "-f /var/run/secrets/hostgraft/vault-token",
           "-f /var/run/secrets/hostgraft/vault-token"},
          {"ARGOCD_ENV_HOSTGRAFT_ARGS", "--secrets files:/var/run/secrets", "--secrets files:/var/run/secrets"},
          {"ARGOCD_ENV_HOSTGRAFT_ARGS", "--input /etc/passwd", "\"--input\""}}) {
      App app = MakeRealHelmApp(kSecretsArgs);
      app.env[name] = value;
      RunResult r = Generate(app);
      INFO(name << "=" << value << "\nstderr: " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find(named) != std::string::npos);
      CHECK_FALSE(HelmRan(app));
    }
  }
}

TEST_CASE("argocd: allowed HELM_ARGS reach the real helm and change its render", "[argocd]") {
  App app = MakeRealHelmApp(kSecretsArgs);
  WriteFile(app.dir + "/extra.yaml", "greeting: from-extra\n");
  std::filesystem::create_directories(app.dir + "/env");
  WriteFile(app.dir + "/env/prod.yaml", "list: [from-prod]\n");
  // Both forms of the long options; `*` is a chart version constraint that
  // must reach helm as it is, not be expanded to the app's file names.
  app.env["ARGOCD_ENV_HELM_ARGS"] =
      "-f extra.yaml --values=env/prod.yaml --set-string port=8080 --set list[0]=from-set "
      "--namespace reg-b --version * --kube-version=v1.29.0 --api-versions monitoring.coreos.com/v1 "
      "--include-crds --skip-tests";
  RunResult r = Generate(app);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(HelmArgs(app) ==
        "template\nreg-a\n.\n--namespace\nreg-a\n-f\nvalues-platform.yaml\n-f\nvalues-registry.yaml\n"
        "-f\nextra.yaml\n--values\nenv/prod.yaml\n--set-string\nport=8080\n--set\nlist[0]=from-set\n"
        "--namespace\nreg-b\n--version\n*\n--kube-version\nv1.29.0\n--api-versions\nmonitoring.coreos.com/v1\n"
        "--include-crds\n--skip-tests\n");
  YAML::Node probe;
  int routes = 0;
  for (const YAML::Node& doc : YAML::LoadAll(r.out)) {
    if (!doc.IsMap()) continue;
    if (doc["kind"].as<std::string>("") == "ConfigMap" && doc["metadata"]["name"].as<std::string>("") == "probe")
      probe = doc;
    if (doc["kind"].as<std::string>("") == "Route" && doc["spec"]["host"].as<std::string>("") == "officer.example.com")
      ++routes;
  }
  REQUIRE(probe);
  CHECK(probe["metadata"]["namespace"].as<std::string>() == "reg-b");
  CHECK(probe["data"]["greeting"].as<std::string>() == "from-extra");
  CHECK(probe["data"]["port"].as<std::string>() == "8080");
  CHECK(probe["data"]["portKind"].as<std::string>() == "string");
  CHECK(probe["data"]["first"].as<std::string>() == "from-set");
  CHECK(probe["data"]["kube"].as<std::string>() == "v1.29.0");
  CHECK(probe["data"]["monitoring"].as<std::string>() == "true");
  // And hostgraft still grafted the custom hosts onto helm's render.
  CHECK(routes == 1);
}

TEST_CASE("argocd: the hostgraft sidecar logs in to Vault with a projected service-account token", "[argocd]") {
  YAML::Node patch = YAML::LoadFile(Source("examples/argocd/repo-server-patch.yaml"));
  YAML::Node pod = patch["spec"]["template"]["spec"];
  // Argo CD's repo-server pod mounts no token; the patch must not turn that on.
  CHECK_FALSE((pod["automountServiceAccountToken"] && pod["automountServiceAccountToken"].as<bool>()));
  YAML::Node container = HostgraftContainer(patch);

  // The projected volume: a token for Vault (audience vault), short-lived.
  std::string volume_name, token_path;
  for (const YAML::Node& v : pod["volumes"]) {
    if (!v["projected"]) continue;
    for (const YAML::Node& s : v["projected"]["sources"]) {
      if (!s["serviceAccountToken"]) continue;
      CHECK(s["serviceAccountToken"]["audience"].as<std::string>("") == "vault");
      int expiration = s["serviceAccountToken"]["expirationSeconds"].as<int>(0);
      CHECK(expiration >= 600);  // Kubernetes' minimum
      CHECK(expiration <= 86400);
      volume_name = v["name"].as<std::string>();
      token_path = s["serviceAccountToken"]["path"].as<std::string>("");
    }
  }
  REQUIRE(!volume_name.empty());
  REQUIRE(!token_path.empty());

  // Mounted read-only into the hostgraft container, and into no other.
  std::string mount_path;
  for (const YAML::Node& m : container["volumeMounts"])
    if (m["name"].as<std::string>() == volume_name) {
      CHECK(m["readOnly"].as<bool>(false));
      mount_path = m["mountPath"].as<std::string>();
    }
  REQUIRE(!mount_path.empty());
  for (const YAML::Node& c : pod["containers"])
    if (c["name"].as<std::string>() != "hostgraft")
      for (const YAML::Node& m : c["volumeMounts"]) CHECK(m["name"].as<std::string>() != volume_name);

  // The plugin's hostgraft is pointed at that file, as a role.
  const std::string jwt_file = mount_path + "/" + token_path;
  CHECK(EnvValue(container, "HOSTGRAFT_VAULT_JWT_FILE") == jwt_file);
  const std::string role = EnvValue(container, "HOSTGRAFT_VAULT_ROLE");
  REQUIRE(!role.empty());
  // hostgraft's Vault deadline ends well before Argo CD's 60 s RPC deadline.
  std::string timeout = EnvValue(container, "VAULT_CLIENT_TIMEOUT");
  REQUIRE(!timeout.empty());
  CHECK(DurationSeconds(timeout) <= 30);

  // Run generate with the sidecar's environment; the token file is a temp
  // file here (no kubelet), everything else as the patch says.
  const std::string jwt = "eyJhbGciOiJSUzI1NiJ9.argocd-repo-server-projected.c2lnbmF0dXJl";
  RegisterSecret(jwt);
  VaultServer server(VaultWithRegistrySecrets(role, jwt));
  App app = MakeApp("cat " + Source("testdata/registry/helm3.yaml") + "\n", std::string("--secrets vault --at ") + kTestAt);
  for (const YAML::Node& e : container["env"]) app.env[e["name"].as<std::string>()] = e["value"].as<std::string>("");
  std::string token_file = TempDir() + "/vault-token";
  WriteFile(token_file, jwt);
  app.env["HOSTGRAFT_VAULT_JWT_FILE"] = token_file;
  app.env["VAULT_ADDR"] = server.addr();
  app.env["HOSTGRAFT_ERROR_LOG"] = TempDir() + "/error.log";
  RunResult r = Generate(app);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
  CHECK(server.Count("POST", "/v1/auth/kubernetes/login") == 1);
  CHECK(r.err.find(jwt) == std::string::npos);

  SECTION("an Application cannot point the login at another file or role") {
    app.env["ARGOCD_ENV_HOSTGRAFT_ARGS"] = std::string("--secrets vault --at ") + kTestAt +
                                           " --set hostgraft.vault.auth.jwtFile=elsewhere"
                                           " --set hostgraft.vault.auth.role=other";
    RunResult again = Generate(app);
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(server.Count("POST", "/v1/auth/kubernetes/login") == 2);
  }
}
