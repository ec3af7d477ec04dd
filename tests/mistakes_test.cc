// DESIGN.md 2.1, fail closed: the mistakes a platform engineer makes with
// hostgraft, each one a row. Every row must exit with its documented code,
// leave stdout empty (lint: its report only), say what is wrong naming the
// file or setting, say how to fix it, and append the error to the error log
// (Helm 4 shows no stderr of a failing post-renderer).
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "test_support.h"

using namespace hostgraft::test;

namespace {

// What each row may name; expanded in args, env and expectations.
std::string Expand(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars)
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
      text.replace(at, name.size(), value);
  return text;
}

struct Mistake {
  const char* what;
  std::vector<std::string> args;
  int exit_code;
  std::string message;  // part of the first error line
  std::string fix;      // part of its fix line
  std::map<std::string, std::string> files = {};  // written into {D} first
  std::map<std::string, std::string> env = {};
  std::string input = "{IN}";  // the registry's Helm 3 render unless given
  bool lint_report = false;    // lint: stdout carries the report, the error is a finding in it
};

// {P}, {R}: the platform and registry values; {S}: the secrets; {D}: the row's own directory.
const std::vector<Mistake> kMistakes = {
    {"-f forgotten before the values files",
     {"render", "{P}", "{R}", "--secrets", "files:{S}"}, 2,
     "unexpected argument \"{P}\" for render", "values files are given with -f: hostgraft render -f {P}"},
    {"lint given a values file without -f",
     {"lint", "{R}", "--secrets", "none"}, 2,
     "unexpected argument \"{R}\" for lint", "values files are given with -f: hostgraft lint -f {R}"},
    {"no values at all (the Helm 4 plugin without HOSTGRAFT_VALUES or --post-renderer-args)",
     {}, 2,
     "no values given: without them hostgraft knows no custom host and would pass the stream through unchanged",
     "or list them in HOSTGRAFT_VALUES"},
    {"no --secrets and no VAULT_ADDR, with custom hosts that need certificates",
     {"render", "-f", "{P}", "-f", "{R}"}, 2,
     "this render needs TLS material (Route for officer.example.com, Route for citizen.example.com) and no secret "
     "store is chosen",
     "choose one: --secrets vault (with VAULT_ADDR set), --secrets files:DIR, or --secrets none"},
    {"--secrets file: for files:",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "file:{S}"}, 2,
     "--secrets file:{S}: unknown secret store", "write --secrets files:{S}"},
    {"--secrets file: for files:, in a release no custom host concerns (checked all the same)",
     {"render", "-f", "{P}", "--secrets", "file:./secrets"}, 2,
     "--secrets file:./secrets: unknown secret store", "write --secrets files:./secrets", {}, {},
     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata: {a: b}\n"},
    {"--secrets files: a directory that does not exist",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "files:{D}/secrtes"}, 2,
     "--secrets files:{D}/secrtes: {D}/secrtes is not a directory", "use --secrets files:DIR with an existing directory"},
    {"--secrets given no store",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets="}, 2,
     "--secrets \"\": unknown secret store", "use --secrets vault, --secrets files:DIR or --secrets none"},
    {"keycloak.host with a trailing dot",
     {"render", "-f", "{P}", "-f", "{R}", "-f", "{D}/dot.yaml", "--secrets", "files:{S}"}, 2,
     "keycloak.host: \"platform-keycloak.apps.cluster.example.com.\" is not a valid host name: it ends with a dot",
     "without a trailing dot",
     {{"dot.yaml", "keycloak:\n  host: platform-keycloak.apps.cluster.example.com.\n"}}},
    {"keycloak.host an IP address",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "keycloak.host=10.0.0.5", "--secrets", "files:{S}"}, 2,
     "keycloak.host: \"10.0.0.5\" is not a valid host name: it is an IP address", "IP address"},
    {"an upper-case default portal host",
     {"render", "-f", "{P}", "-f", "{R}", "--set",
      "hostgraft.defaultHosts.officer=Officer-Portal-reg-a.apps.cluster.example.com", "--secrets", "files:{S}"}, 2,
     "hostgraft.defaultHosts.officer: \"Officer-Portal-reg-a.apps.cluster.example.com\" is not a valid host name: it "
     "has upper-case letters",
     "a lower-case DNS name"},
    {"a wildcard default portal host",
     {"render", "-f", "{P}", "-f", "{R}", "-f", "{D}/wild.yaml", "--secrets", "files:{S}"}, 2,
     "hostgraft.defaultHosts.citizen: \"*.apps.cluster.example.com\" is not a valid host name: wildcards are not "
     "allowed",
     "wildcard",
     {{"wild.yaml", "hostgraft:\n  defaultHosts:\n    citizen: \"*.apps.cluster.example.com\"\n"}}},
    {"lint with a keycloak.host that has a trailing dot",
     {"lint", "-f", "{P}", "-f", "{R}", "-f", "{D}/dot.yaml", "--secrets", "none"}, 2,
     "(keycloak.host): \"platform-keycloak.apps.cluster.example.com.\" is not a valid host name",
     "write the host as the cluster serves it",
     {{"dot.yaml", "keycloak:\n  host: platform-keycloak.apps.cluster.example.com.\n"}}, {}, "{IN}", true},
    {"keycloak.host that is not the host of the stream's Keycloak CR",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "keycloak.host=keycloak.apps.cluster.example.com", "--secrets",
      "files:{S}"},
     2,
     "document 12 (Keycloak reg-a/main), spec.url, line 372: keycloak.host is \"keycloak.apps.cluster.example.com\", "
     "but the Keycloak resource of this stream serves \"platform-keycloak.apps.cluster.example.com\"",
     "set keycloak.host: platform-keycloak.apps.cluster.example.com"},
    {"an input Route already named like the Route hostgraft generates",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "files:{S}", "--at", "2026-06-01T00:00:00Z"}, 2,
     "document 30 (Route reg-a/hostgraft-officer-example-com), metadata.name, line 807: hostgraft would generate Route "
     "reg-a/hostgraft-officer-example-com (route)",
     "rename or remove this object in the chart", {}, {},
     "{IN}---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: hostgraft-officer-example-com\n"
     "  namespace: reg-a\nspec:\n  host: officer.example.org\n  to: {kind: Service, name: legacy}\n"},
    {"customhost for customHost",
     {"render", "-f", "{P}", "-f", "{D}/typo.yaml", "--secrets", "files:{S}"}, 2,
     "portals.officer.customhost: unknown key; did you mean \"customHost\"?",
     "hostgraft reads portals.officer.customHost",
     {{"typo.yaml", "portals:\n  officer:\n    customhost:\n      host: officer.example.com\n"}}},
    {"hostGraft for hostgraft",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "hostGraft.registry=reg-a", "--secrets", "files:{S}"}, 2,
     "hostGraft: unknown key; did you mean \"hostgraft\"?", "keys are case-sensitive"},
    {"a misspelt key of the hostgraft section",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "hostgraft.regsitry=reg-a", "--secrets", "files:{S}"}, 2,
     "hostgraft.regsitry: unknown key; did you mean \"registry\"?", "the keys under hostgraft are"},
    {"a portal host equal to the Keycloak host",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "portals.citizen.customDns.host=keycloak.example.com", "--secrets",
      "files:{S}"},
     2, "portals.citizen.customDns.host: \"keycloak.example.com\" is used for both", "give each its own host name"},
    {"a portal's custom host that is its default host",
     {"render", "-f", "{P}", "-f", "{R}", "--set",
      "portals.officer.customHost.host=officer-portal-reg-a.apps.cluster.example.com", "--secrets", "files:{S}"},
     2,
     "portals.officer.customHost.host: \"officer-portal-reg-a.apps.cluster.example.com\" is the default officer "
     "portal host (found in the manifests), not a custom one",
     "set enabled: false for no custom host"},
    {"--at as a date without a time",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "files:{S}", "--at", "2026-06-01"}, 2,
     "--at 2026-06-01 is not an RFC 3339 time", "write it like 2026-06-01T00:00:00Z"},
    {"the values of another registry",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "hostgraft.registry=reg-b", "--secrets", "files:{S}"}, 2,
     "spec.realmName, line 450: hostgraft.registry is \"reg-b\", but this stream belongs to the registry \"reg-a\"",
     "pass the values of registry reg-a, or set hostgraft.registry: reg-a"},
    {"a keycloak.customHost the platform does not offer",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "keycloak.customHost=keycloak.exmaple.com", "--secrets",
      "files:{S}"},
     2,
     "keycloak.customHost: \"keycloak.exmaple.com\" is not one of the hosts in keycloak.customHosts "
     "(keycloak.example.com, login.example.org)",
     "choose one of them"},
    {"a URL where a host belongs",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "portals.officer.customHost.host=https://officer.example.com",
      "--secrets", "files:{S}"},
     2, "portals.officer.customHost.host: \"https://officer.example.com\" is not a valid host name: it is a URL",
     "e.g. keycloak.example.com"},
    {"a values file that does not exist",
     {"render", "-f", "{P}", "-f", "{D}/values-registy.yaml", "--secrets", "files:{S}"}, 2,
     "{D}/values-registy.yaml: cannot read values file: No such file or directory",
     "check the -f/--values arguments and HOSTGRAFT_VALUES"},
    {"HOSTGRAFT_VALUES naming a file that does not exist",
     {"render", "--secrets", "files:{S}"}, 2,
     "{D}/gone.yaml: cannot read values file", "HOSTGRAFT_VALUES", {}, {{"HOSTGRAFT_VALUES", "{D}/gone.yaml"}}},
    {"a tab in a values file",
     {"render", "-f", "{P}", "-f", "{D}/tab.yaml", "--secrets", "files:{S}"}, 2,
     "{D}/tab.yaml, line 2: not valid YAML", "indent with spaces, not tabs", {{"tab.yaml", "keycloak:\n\tcustomHost: keycloak.example.com\n"}}},
    {"a values file with a duplicate key",
     {"render", "-f", "{P}", "-f", "{D}/dup.yaml", "--secrets", "files:{S}"}, 2,
     "{D}/dup.yaml, line 3: duplicate mapping key \"customHost\" (first at line 2)", "keep one of the two",
     {{"dup.yaml", "keycloak:\n  customHost: keycloak.example.com\n  customHost: login.example.org\n"}}},
    {"customHosts written as a mapping",
     {"render", "-f", "{D}/map.yaml", "--secrets", "files:{S}"}, 2,
     "keycloak.customHosts: expected a list of {host, certificatePath} entries, got a mapping",
     "write keycloak.customHosts as a list of {host, certificatePath} entries",
     {{"map.yaml", "keycloak:\n  customHosts:\n    host: keycloak.example.com\n"}}},
    {"hostgraft.generate misspelt",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "hostgraft.generate=sometimes", "--secrets", "files:{S}"}, 2,
     "hostgraft.generate: \"sometimes\" is not one of auto, always, never",
     "set hostgraft.generate to one of auto, always, never"},
    {"hostgraft.tls.delivery misspelt",
     {"render", "-f", "{P}", "-f", "{R}", "--set", "hostgraft.tls.delivery=routes", "--secrets", "files:{S}"}, 2,
     "hostgraft.tls.delivery: \"routes\" is not one of route, secret, none",
     "set hostgraft.tls.delivery to one of route, secret, none"},
    {"-f as the last argument",
     {"render", "--secrets", "none", "-f"}, 2, "-f needs a value", "write -f VALUE"},
    {"an option render does not know",
     {"render", "--value", "{R}", "--secrets", "none"}, 2, "unknown option --value for render", "did you mean --values?"},
    {"a misspelt command",
     {"rendr", "-f", "{R}"}, 2, "unknown command rendr", "did you mean render?"},
    {"lint --format not one of the five",
     {"lint", "-f", "{R}", "--secrets", "none", "--format", "xml"}, 2, "unknown --format xml",
     "use text, json, sarif, junit or github"},
    {"lint --fail-on misspelt",
     {"lint", "-f", "{R}", "--secrets", "none", "--fail-on", "warnings"}, 2, "unknown --fail-on warnings",
     "use error, warning or never"},
    {"a kustomize HostGraft config without values",
     {"{D}/hostgraft.yaml"}, 2, "no values given", "list the values files in valuesFiles of the HostGraft config",
     {{"hostgraft.yaml", "apiVersion: hostgraft.io/v1\nkind: HostGraft\nmetadata:\n  name: hostgraft\nsecrets: none\n"}}},
    {"an empty stream (helm template failed, no pipefail)",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "files:{S}"}, 4, "input has no YAML documents",
     "set -o pipefail", {}, {}, ""},
    {"vault put of a host the values do not name (a typo in --host)",
     {"vault", "put", "--host", "oficer.example.com", "--cert", "{D}/c.pem", "--key", "{D}/k.pem", "--ca", "{D}/a.pem",
      "-f", "{P}", "-f", "{R}"},
     2,
     "the values do not name oficer.example.com as a custom host, so render would never read a certificate for it",
     "add oficer.example.com to keycloak.customHosts or portals.<officer|citizen>.customHost in the values"},
    {"vault put --portal that contradicts the values",
     {"vault", "put", "--host", "officer.example.com", "--portal", "citizen", "--cert", "{D}/c.pem", "--key",
      "{D}/k.pem", "--ca", "{D}/a.pem", "-f", "{P}", "-f", "{R}"},
     2, "--portal citizen contradicts the values", "pass --portal officer"},
    {"migrate of a values file with a duplicate key",
     {"migrate", "-f", "{D}/dup.yaml"}, 2, "{D}/dup.yaml, line 3: duplicate mapping key \"customHost\" (first at line 2)",
     "keep one of the two",
     {{"dup.yaml", "keycloak:\n  customHost: keycloak.example.com\n  customHost: login.example.org\n"}}, {}, ""},
    {"--secrets vault without a token",
     {"render", "-f", "{P}", "-f", "{R}", "--secrets", "vault"}, 3,
     "no Vault token: VAULT_TOKEN is not set and ~/.vault-token does not exist", "run vault login, set VAULT_TOKEN",
     {}, {{"VAULT_ADDR", "http://127.0.0.1:1"}, {"HOME", "{D}"}}},
};

}  // namespace

TEST_CASE("mistakes: each fails closed with its exit code, message, fix and error-log entry", "[mistakes][2.1]") {
  const std::string registry = Source("testdata/registry");
  const std::string input = ReadFile(registry + "/helm3.yaml");
  int rows = 0;
  for (const Mistake& m : kMistakes) {
    ++rows;
    const std::string dir = TempDir();
    const std::map<std::string, std::string> vars = {{"{P}", registry + "/values-platform.yaml"},
                                                     {"{R}", registry + "/values-registry.yaml"},
                                                     {"{S}", registry + "/secrets"},
                                                     {"{D}", dir}};
    INFO(m.what);
    for (const auto& [name, text] : m.files) WriteFile(dir + "/" + name, text);
    std::vector<std::string> args;
    for (const std::string& arg : m.args) args.push_back(Expand(arg, vars));
    // Nothing from the environment running the suite chooses for the row.
    std::map<std::string, std::string> env = {{"VAULT_ADDR", ""},
                                              {"VAULT_TOKEN", ""},
                                              {"HOSTGRAFT_VALUES", ""},
                                              {"HOSTGRAFT_ERROR_LOG", dir + "/error.log"}};
    for (const auto& [name, value] : m.env) env[name] = Expand(value, vars);
    RunResult r = Run(args, Expand(m.input, {{"{IN}", input}}), env);
    INFO(r.err);
    CHECK(r.exit_code == m.exit_code);
    if (m.lint_report)
      CHECK(r.out.find(Expand(m.message, vars)) != std::string::npos);
    else
      CHECK(r.out.empty());
    const std::string message = Expand(m.message, vars);
    if (!m.lint_report) {
      // The first error and the fix line under it (notes and warnings may come first).
      size_t at = r.err.find("hostgraft: error: ");
      REQUIRE(at != std::string::npos);
      std::string error = r.err.substr(at, r.err.find('\n', at) - at);
      size_t fix_at = at + error.size() + 1;
      std::string fix = r.err.substr(fix_at, r.err.find('\n', fix_at) - fix_at);
      CHECK(error.find(message) != std::string::npos);
      CHECK(fix.rfind("  fix: ", 0) == 0);
      CHECK(fix.find(Expand(m.fix, vars)) != std::string::npos);
    }
    if (m.lint_report) CHECK(r.out.find("fix: " + Expand(m.fix, vars)) != std::string::npos);
    const std::string log = ReadFile(dir + "/error.log");
    CHECK(log.find(m.lint_report ? message.substr(message.find(':') + 2) : message) != std::string::npos);
    CHECK(log.find("(exit " + std::to_string(m.exit_code) + ")") != std::string::npos);
  }
  CHECK(rows >= 35);
}
