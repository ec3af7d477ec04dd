// The JSON Schemas of schemas/ against hostgraft itself: both are valid
// draft 2020-12 schemas with a description on every property; every values
// file and HostGraft config in testdata/ and every example of
// docs/settings.md validates; wrong values and configs are refused by the
// schema at the key hostgraft names and by hostgraft; edge cases hostgraft
// accepts validate. Debian's python3-jsonschema (/usr/bin/python3) judges;
// YAML becomes JSON with the scalar types hostgraft's values reader gives
// it, so `enabled: yes` is a boolean as it is to Helm.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "host_support.h"
#include "test_support.h"
#include "yaml_resolve.h"

using namespace hostgraft;
using namespace hostgraft::test;

namespace {

constexpr char kPython[] = "/usr/bin/python3";
constexpr char kValuesSchema[] = "hostgraft-values.schema.json";
constexpr char kConfigSchema[] = "hostgraft-plugin-config.schema.json";

// Checks each schema file in argv[1] against the 2020-12 metaschema, then
// validates each case of the JSON file argv[2] ({schema, instance}) against
// the schema it names, resolving $ref beside the schema file as an editor
// does. Prints {"schemaProblems": {file: message}, "errors": [[{path,
// message}]...]}.
constexpr char kValidator[] = R"(
import json, pathlib, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import jsonschema
from jsonschema import Draft202012Validator
problems, validators = {}, {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.schema.json")):
    schema = json.loads(path.read_text())
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        problems[path.name] = e.json_path + ": " + e.message
    resolver = jsonschema.RefResolver(base_uri=path.resolve().as_uri(), referrer=schema)
    validators[path.name] = Draft202012Validator(schema, resolver=resolver)
errors = [[{"path": e.json_path, "message": e.message} for e in validators[case["schema"]].iter_errors(case["instance"])]
          for case in json.loads(pathlib.Path(sys.argv[2]).read_text())]
json.dump({"schemaProblems": problems, "errors": errors}, sys.stdout)
)";

// Debian's python3-jsonschema, which scripts/deps installs. Under CI=true
// its absence fails the test; elsewhere it is a warning and the test stops.
bool HaveJsonSchema() {
  RunResult r = RunProgram({kPython, "-c", "from jsonschema import Draft202012Validator"});
  if (r.exit_code == 0) return true;
  const char* ci = std::getenv("CI");
  std::string why = std::string(kPython) + " cannot import jsonschema.Draft202012Validator (install python3-jsonschema: sh scripts/deps): " + r.err;
  if (ci && std::string(ci) == "true") FAIL(why);
  WARN(why);
  return false;
}

struct NoJson : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                                     rapidjson::CrtAllocator, rapidjson::kWriteNanAndInfFlag>;

// The type hostgraft's values reader takes a scalar for (config_reader.cc):
// quoted or !-tagged text is a string, plain text what Helm reads in it.
ScalarType KindOf(const YAML::Node& node) {
  if (node.IsNull()) return ScalarType::kNull;
  const std::string& tag = node.Tag();
  if (tag == "?" || tag.empty()) return ResolvePlainScalar(node.Scalar()).type;
  if (tag == "tag:yaml.org,2002:int") return ScalarType::kInt;
  if (tag == "tag:yaml.org,2002:bool") return ScalarType::kBool;
  if (tag == "tag:yaml.org,2002:float") return ScalarType::kFloat;
  return ScalarType::kString;
}

void WriteScalar(const YAML::Node& node, JsonWriter* w, const std::string& where) {
  const std::string& text = node.Scalar();
  switch (KindOf(node)) {
    case ScalarType::kNull: w->Null(); return;
    case ScalarType::kBool: w->Bool(ResolvePlainScalar(text).truth); return;
    case ScalarType::kInt: {
      // The reader reads an integer in base 10; other spellings (0x1F,
      // 1_000, 1:20) it refuses, and JSON has no spelling for that.
      char* end = nullptr;
      errno = 0;
      long long number = std::strtoll(text.c_str(), &end, 10);
      if (*end || errno) throw NoJson(where + ": the integer " + text + " has no JSON form here");
      w->Int64(number);
      return;
    }
    case ScalarType::kFloat: {
      std::string plain;
      for (char c : text)
        if (c != '_') plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (plain.find(".nan") != std::string::npos) return void(w->Double(std::nan("")));
      if (plain.find(".inf") != std::string::npos) return void(w->Double(plain[0] == '-' ? -INFINITY : INFINITY));
      char* end = nullptr;
      double number = std::strtod(plain.c_str(), &end);
      if (*end) throw NoJson(where + ": the number " + text + " has no JSON form here");
      w->Double(number);
      return;
    }
    default:  // strings, and timestamps, which JSON (like Helm's JSON view) holds as text
      w->String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
  }
}

void WriteJson(const YAML::Node& node, JsonWriter* w, const std::string& where) {
  if (node.IsMap()) {
    std::set<std::string> keys;
    w->StartObject();
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) throw NoJson(where + ": a key that is not a string");
      const std::string key = entry.first.Scalar();
      // A JSON object cannot say which of two values a key has.
      if (!keys.insert(key).second) throw NoJson(where + ": the key " + key + " twice");
      w->Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
      WriteJson(entry.second, w, where + "." + key);
    }
    w->EndObject();
  } else if (node.IsSequence()) {
    w->StartArray();
    for (size_t i = 0; i < node.size(); ++i) WriteJson(node[i], w, where + "[" + std::to_string(i) + "]");
    w->EndArray();
  } else if (node.IsScalar()) {
    WriteScalar(node, w, where);
  } else {
    w->Null();
  }
}

// node as JSON; throws NoJson when JSON cannot say what hostgraft reads.
std::string ToJson(const YAML::Node& node) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteJson(node, &w, "$");
  return buffer.GetString();
}

struct Instance {
  std::string schema;  // file name in schemas/
  std::string name;    // for messages
  std::string json;
};

struct SchemaError {
  std::string path;  // JSONPath, e.g. $.hostgraft.tls.delivery
  std::string message;
};

struct Validation {
  std::map<std::string, std::string> schema_problems;  // file -> metaschema error
  std::vector<std::vector<SchemaError>> errors;         // per instance
};

std::string Describe(const std::vector<SchemaError>& errors) {
  std::string text;
  for (const SchemaError& e : errors) text += "\n  " + e.path + ": " + e.message;
  return text.empty() ? " (none)" : text;
}

Validation Validate(const std::vector<Instance>& instances) {
  std::string cases = "[";
  for (const Instance& i : instances)
    cases += std::string(cases.size() > 1 ? ",\n" : "") + R"({"schema": ")" + i.schema + R"(", "instance": )" + i.json + "}";
  const std::string file = TempDir() + "/cases.json";
  WriteFile(file, cases + "]");
  RunResult r = RunProgram({kPython, "-c", kValidator, Source("schemas"), file});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  REQUIRE((!doc.HasParseError() && doc.IsObject()));
  Validation v;
  for (const auto& p : doc["schemaProblems"].GetObject()) v.schema_problems[p.name.GetString()] = p.value.GetString();
  for (const auto& list : doc["errors"].GetArray()) {
    v.errors.emplace_back();
    for (const auto& e : list.GetArray()) v.errors.back().push_back({e["path"].GetString(), e["message"].GetString()});
  }
  REQUIRE(v.errors.size() == instances.size());
  return v;
}

std::string Relative(const std::filesystem::path& path) {
  return std::filesystem::relative(path, Source("")).string();
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// A values file: named values*.yaml, or one mapping holding a key hostgraft
// reads at the top (keycloak, portals, global, hostgraft) and no apiVersion
// or kind, which every manifest, chart file and secret file has or lacks
// those keys.
bool IsValuesFile(const std::filesystem::path& path, const std::vector<YAML::Node>& docs) {
  if (StartsWith(path.filename().string(), "values")) return true;
  if (docs.size() != 1 || !docs[0].IsMap() || docs[0]["apiVersion"] || docs[0]["kind"]) return false;
  for (const char* key : {"keycloak", "portals", "global", "hostgraft"})
    if (docs[0][key]) return true;
  return false;
}

bool IsHostGraftConfig(const YAML::Node& node) {
  return node.IsMap() && node["kind"] && node["kind"].IsScalar() && node["kind"].Scalar() == "HostGraft";
}

// Every values file and HostGraft config (a document, or a ResourceList's
// functionConfig) in testdata/ outside bad/, found by name and content.
std::vector<Instance> TestdataInstances() {
  std::vector<Instance> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(Source("testdata"))) {
    const std::filesystem::path& path = entry.path();
    const std::string relative = Relative(path);
    if (!entry.is_regular_file() || StartsWith(relative, "testdata/bad/") ||
        (path.extension() != ".yaml" && path.extension() != ".yml"))
      continue;
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAllFromFile(path.string());
    } catch (const YAML::Exception& e) {
      // Chart templates are Go templates, not YAML; a values file must parse.
      INFO(relative << ": " << e.what());
      REQUIRE_FALSE(StartsWith(path.filename().string(), "values"));
      continue;
    }
    if (IsValuesFile(path, docs)) found.push_back({kValuesSchema, relative, ToJson(docs.empty() ? YAML::Node() : docs[0])});
    for (size_t i = 0; i < docs.size(); ++i) {
      const YAML::Node& doc = docs[i];
      std::string name = relative + " document " + std::to_string(i + 1);
      if (IsHostGraftConfig(doc)) found.push_back({kConfigSchema, name, ToJson(doc)});
      if (doc.IsMap() && doc["functionConfig"] && IsHostGraftConfig(doc["functionConfig"]))
        found.push_back({kConfigSchema, name + " functionConfig", ToJson(doc["functionConfig"])});
    }
  }
  return found;
}

// The ```yaml blocks of a doc that begin with a yaml-language-server
// modeline, each against the schema the modeline names.
std::vector<Instance> DocExamples(const std::string& doc) {
  const std::string text = ReadFile(Source(doc));
  const std::string modeline = "# yaml-language-server: $schema=";
  std::vector<Instance> found;
  for (size_t at = text.find("```yaml\n" + modeline); at != std::string::npos;
       at = text.find("```yaml\n" + modeline, at + 1)) {
    size_t begin = at + 8, end = text.find("```", begin);
    REQUIRE(end != std::string::npos);
    std::string block = text.substr(begin, end - begin);
    std::string url = block.substr(modeline.size(), block.find('\n') - modeline.size());
    std::string schema = url.substr(url.rfind('/') + 1);
    found.push_back({schema, doc + " example " + std::to_string(found.size() + 1) + " (" + url + ")", ToJson(YAML::Load(block))});
  }
  return found;
}

// A values file hostgraft should refuse, where the schema refuses it and a
// fragment of what hostgraft says.
struct WrongValues {
  const char* yaml;
  const char* schema_path;
  const char* reader_says;
  bool vault = false;  // refused only when Vault is used: a vault render of the registry example
};

const WrongValues kWrongValues[] = {
    {"hostgraft: {tls: {delivery: Route}}", "$.hostgraft.tls.delivery",
     "hostgraft.tls.delivery: \"Route\" is not one of route, secret, none"},
    {"hostgraft: {tls: {trust: system}}", "$.hostgraft.tls.trust",
     "hostgraft.tls.trust: \"system\" is not one of system+bundle, bundle"},
    {"hostgraft: {generate: sometimes}", "$.hostgraft.generate",
     "hostgraft.generate: \"sometimes\" is not one of auto, always, never"},
    {"hostgraft: {tls: {expiryWarningDays: -1}}", "$.hostgraft.tls.expiryWarningDays",
     "expected a whole number of days, 0 or more, got the integer -1"},
    {"hostgraft: {tls: {expiryWarningDays: \"30\"}}", "$.hostgraft.tls.expiryWarningDays",
     "expected a whole number of days, 0 or more, got the string \"30\""},
    {"hostgraft: {tls: {route: {targetPort: 0}}}", "$.hostgraft.tls.route.targetPort",
     "expected a port name or a number from 1 to 65535, got the integer 0"},
    {"hostgraft: {tls: {route: {targetPort: yes}}}", "$.hostgraft.tls.route.targetPort",
     "expected a port name or a number from 1 to 65535, got the boolean yes"},
    {"hostgraft: {tls: {route: {service: \"gw-{namespace}\"}}}", "$.hostgraft.tls.route.service",
     "has the unknown placeholder {namespace}"},
    {"hostgraft: {tls: {secretNamespace: 12}}", "$.hostgraft.tls.secretNamespace",
     "hostgraft.tls.secretNamespace: expected a string, got the integer 12"},
    {"hostgraft: {tls: {deliver: route}}", "$.hostgraft.tls.deliver",
     "hostgraft.tls.deliver: unknown key; did you mean \"delivery\"?"},
    {"hostgraft: {registry: [reg-a]}", "$.hostgraft.registry", "hostgraft.registry: expected a string, got a list"},
    {"hostgraft: [registry]", "$.hostgraft", "hostgraft: expected a mapping, got a list"},
    {"hostgraft: {defaultHosts: {officer: Officer-Portal.apps.example.com}}", "$.hostgraft.defaultHosts.officer",
     "it has upper-case letters"},
    {"hostgraft: {defaultHosts: {admin: admin.apps.example.com}}", "$.hostgraft.defaultHosts.admin",
     "hostgraft.defaultHosts.admin: unknown key"},
    {"hostgraft: {frontendUrlRealms: officer-portal}", "$.hostgraft.frontendUrlRealms",
     "hostgraft.frontendUrlRealms: expected a list of realm names"},
    {"hostgraft: {frontendUrlRealms: [\"\"]}", "$.hostgraft.frontendUrlRealms[0]",
     "hostgraft.frontendUrlRealms[0]: empty realm name"},
    {"hostgraft: {vault: {keycloakPath: \"kv/{hostname}\"}}", "$.hostgraft.vault.keycloakPath",
     "has the unknown placeholder {hostname}"},
    {"hostgraft: {vault: {portalPath: \"kv/{portal\"}}", "$.hostgraft.vault.portalPath",
     "has the unknown placeholder {portal"},
    {"hostgraft: {vault: {kvVersion: {registry-kv: 3}}}", "$.hostgraft.vault.kvVersion.registry-kv",
     "expected the KV version 1 or 2, got the integer 3"},
    {"hostgraft: {vault: {kvVersion: {\"/\": 2}}}", "$.hostgraft.vault.kvVersion", "empty mount name"},
    {"hostgraft: {vault: {auth: {method: ldap}}}", "$.hostgraft.vault.auth.method",
     "\"ldap\" is not one of token, kubernetes, approle, cert"},
    {"hostgraft: {vault: {auth: {method: token, tokenFile: /run/token}}}", "$.hostgraft.vault.auth.tokenFile",
     "hostgraft.vault.auth.tokenFile: unknown key"},
    {"hostgraft: {vault: {auth: {method: kubernetes}}}", "$.hostgraft.vault.auth",
     "hostgraft.vault.auth: method kubernetes needs a role", true},
    {"hostgraft: {vault: {auth: {method: kubernetes, role: \"\"}}}", "$.hostgraft.vault.auth.role",
     "hostgraft.vault.auth: method kubernetes needs a role", true},
    {"hostgraft: {vault: {auth: {method: approle, roleId: hostgraft}}}", "$.hostgraft.vault.auth",
     "method approle needs a role_id and a file holding the secret_id", true},
    {"hostgraft: {ics: {customHost: ics_example.org}}", "$.hostgraft.ics.customHost",
     "label \"ics_example\" has the character '_'"},
    {"hostgraft: {ics: {keycloakHost: \"id.example.org:8443\"}}", "$.hostgraft.ics.keycloakHost", "it has a port"},
    {"hostgraft: {ics: {enabled: \"false\"}}", "$.hostgraft.ics.enabled",
     "hostgraft.ics.enabled: expected true or false, got the string \"false\""},
    {"hostgraft: {ics: {vault: {redisPath: \"secret/{host}/redis\"}}}", "$.hostgraft.ics.vault.redisPath",
     "has the unknown placeholder {host}"},
    {"hostgraft: {ics: {customhost: ics.example.org}}", "$.hostgraft.ics.customhost",
     "hostgraft.ics.customhost: unknown key; did you mean \"customHost\"?"},
    {"keycloak: {host: 10.1.2.3}", "$.keycloak.host", "it is an IP address, not a DNS name"},
    {"keycloak: {customHost: keycloak.example.com.}", "$.keycloak.customHost", "it ends with a dot"},
    {"keycloak: {customHosts: [{host: keycloak.example.com, path: a/b}]}", "$.keycloak.customHosts[0]",
     "keycloak.customHosts[0].path: unknown key"},
    {"keycloak: {customHosts: [keycloak.example.com]}", "$.keycloak.customHosts[0]",
     "keycloak.customHosts[0]: expected a mapping {host, certificatePath}, got the string \"keycloak.example.com\""},
    {"keycloak: {customHosts: [{certificatePath: a/b}]}", "$.keycloak.customHosts[0]",
     "keycloak.customHosts[0].host: missing: each custom Keycloak host needs its host name"},
    {"portals: officer", "$.portals", "portals: expected a mapping, got the string \"officer\""},
    {"portals: {officer: {customHost: {enabled: true}}}", "$.portals.officer.customHost",
     "portals.officer.customHost.host: the custom host is enabled but has no host"},
    {"portals: {citizen: {customDns: citizen.example.com}}", "$.portals.citizen.customDns",
     "portals.citizen.customDns: expected a mapping {enabled, host, certificatePath}"},
    {"portals: {officer: {customHost: {host: officer.example.com, enabled: \"yes\"}}}",
     "$.portals.officer.customHost.enabled", "expected true or false, got the string \"yes\""},
    {"portals: {officer: {customHost: {host: officer.example.com, certificatePath: \"a//b\"}}}",
     "$.portals.officer.customHost.certificatePath", "the certificate path has an empty segment"},
    {"portals: {officer: {customHost: {host: officer-portal-with-a-custom-host-name-of-sixty-four.example.com}}}",
     "$.portals.officer.customHost.host", "it has 64 characters, more than the 63 allowed"},
    {"global: {customDNS: keycloak.example.com}", "$.global.customDNS",
     "global.customDNS: expected a mapping, got the string"},
    {"global: {customDNS: {officerPortal: \"*.example.com\"}}", "$.global.customDNS.officerPortal",
     "wildcards are not allowed"},
    {"global: {customDNS: {keycloak: [keycloak.example.com]}}", "$.global.customDNS.keycloak",
     "global.customDNS.keycloak: expected a string, got a list"},
    {"global: {customDNS: {citizenPortal: {enabled: true, host: \"https://citizen.example.com\"}}}",
     "$.global.customDNS.citizenPortal", "it is a URL; write only its host name"},
};

// Values hostgraft accepts that a careless schema would refuse.
struct AcceptedValues {
  const char* why;
  std::string yaml;
  std::string stream = {};  // stdin of the render; empty: testdata/registry/helm3.yaml
};

const std::string kLongDefaultHost =
    "platform-keycloak.apps.a-cluster-whose-name-makes-the-default-host-long.example.com";

const AcceptedValues kAcceptedValues[] = {
    {"an empty file", ""},
    {"an unknown hostgraft key with an empty value: Helm drops it", "hostgraft: {bogus: , tls: {bogus: }}"},
    {"a disabled custom host is not checked", "portals: {officer: {customHost: {enabled: false, host: Not_A_Host}}}"},
    {"ICS turned off leaves its hosts unchecked", "hostgraft: {ics: {enabled: no, customHost: not_a_host}}"},
    {"empty hosts mean none", "keycloak: {customHost: \"\"}\nhostgraft: {defaultHosts: {officer: \"\"}}\nglobal: {customDNS: {officerPortal: \"\"}}"},
    {"a port number, 0 warning days, a {registry} service",
     "hostgraft: {tls: {route: {targetPort: 8443, service: \"gw-{registry}\"}, expiryWarningDays: 0}}"},
    {"a mount named with slashes, empty lists", "hostgraft: {vault: {kvVersion: {/registry-kv/: 2}}, frontendUrlRealms: []}\n"
                                                "keycloak: {customHosts: []}"},
    {"kubernetes login with its role", "hostgraft: {vault: {auth: {method: kubernetes, role: hostgraft}}}"},
    {"chart keys beside the ones hostgraft reads",
     "keycloak: {image: \"keycloak:21\", customHost: keycloak.example.com}\n"
     "portals: {officer: {replicas: 2, customHost: {host: officer.example.com, tls: {}}}}"},
    {"a default host over 63 characters, as the custom Keycloak host meaning none",
     "keycloak: {host: " + kLongDefaultHost + ", customHost: " + kLongDefaultHost + "}",
     "apiVersion: v1.edp.epam.com/v1\nkind: Keycloak\nmetadata: {name: main, namespace: reg-a}\nspec: {url: https://" +
         kLongDefaultHost + "}\n"},
};

// A HostGraft config hostgraft should refuse, as kustomize's exec
// transformer (the file as argv[1]) and as a KRM functionConfig.
struct WrongConfig {
  std::string yaml;
  const char* schema_path;
  const char* reader_says;
  bool exec = true;  // the exec transformer refuses it too (it does not see a kind other than HostGraft, and drops empty fields)
};

const std::string kConfigHead = "apiVersion: hostgraft.io/v1\nkind: HostGraft\nmetadata: {name: hostgraft}\n";
const std::string kConfigValues = "secrets: none\nkeycloak: {customHost: keycloak.example.com}\n";

const WrongConfig kWrongConfigs[] = {
    {"apiVersion: hostgraft.io/v2\nkind: HostGraft\n" + kConfigValues, "$.apiVersion",
     "expected apiVersion hostgraft.io/v1, kind HostGraft, found apiVersion \"hostgraft.io/v2\""},
    {"apiVersion: hostgraft.io/v1\nkind: Hostgraft\n" + kConfigValues, "$.kind",
     "found apiVersion \"hostgraft.io/v1\", kind \"Hostgraft\"", false},
    {"apiVersion: hostgraft.io/v1\n" + kConfigValues, "$", "found apiVersion \"hostgraft.io/v1\", kind \"\"", false},
    {kConfigHead + "valuesFiles: values.yaml\n" + kConfigValues, "$.valuesFiles", "must be a list of file names"},
    {kConfigHead + "valuesFiles: [\"\"]\n" + kConfigValues, "$.valuesFiles[0]", "valuesFiles[0]: must be a file name"},
    {kConfigHead + "valuesFiles:\n" + kConfigValues, "$.valuesFiles", "must be a list of file names", false},
    {kConfigHead + "keycloak: {customHost: keycloak.example.com}\nsecrets: file:./secrets\n", "$.secrets",
     "--secrets file:./secrets: unknown secret store"},
    {kConfigHead + "keycloak: {customHost: keycloak.example.com}\nsecrets: \"files:\"\n", "$.secrets",
     "--secrets files:: no directory given"},
    {kConfigHead + "keycloak: {customHost: keycloak.example.com}\nsecrets: [none]\n", "$.secrets",
     "must be vault, files:DIR or none"},
    {kConfigHead + "at: 2026-06-01\n" + kConfigValues, "$.at", "at: is not an RFC 3339 time"},
    {kConfigHead + "at: \"2026-13-01T00:00:00Z\"\n" + kConfigValues, "$.at", "at: is not an RFC 3339 time"},
    {kConfigHead + kConfigValues + "hostgraft: {tls: {delivery: Secret}}\n", "$.hostgraft.tls.delivery",
     "hostgraft.tls.delivery: \"Secret\" is not one of route, secret, none"},
    {kConfigHead + kConfigValues + "portals: {officer: {customHost: {host: Officer.example.com}}}\n",
     "$.portals.officer.customHost.host", "it has upper-case letters"},
};

bool HasErrorAt(const std::vector<SchemaError>& errors, const std::string& path) {
  for (const SchemaError& e : errors)
    if (e.path == path) return true;
  return false;
}

// The registry's items with `config` as functionConfig.
std::string ResourceList(const std::string& config) {
  std::string list = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n";
  for (size_t begin = 0; begin < config.size();) {
    size_t end = std::min(config.find('\n', begin), config.size());
    list += "  " + config.substr(begin, end - begin) + "\n";
    begin = end + 1;
  }
  const std::string registry = ReadFile(Source("testdata/krm/registry.yaml"));
  return list + registry.substr(registry.find("\nitems:\n") + 1);
}

// hostgraft's environment for these runs: no values or store from outside.
const std::map<std::string, std::string> kCleanEnv = {{"HOSTGRAFT_VALUES", ""}, {"VAULT_ADDR", ""}};

}  // namespace

TEST_CASE("schema: both schemas are valid 2020-12 schemas whose $id is their file name", "[schema]") {
  if (!HaveJsonSchema()) return;
  Validation v = Validate({});
  for (const char* file : {kValuesSchema, kConfigSchema}) {
    INFO(file);
    rapidjson::Document schema;
    schema.Parse(ReadFile(Source(std::string("schemas/") + file)).c_str());
    REQUIRE(!schema.HasParseError());
    CHECK(std::string(schema["$schema"].GetString()) == "https://json-schema.org/draft/2020-12/schema");
    CHECK(std::string(schema["$id"].GetString()) == file);
  }
  for (const auto& [file, problem] : v.schema_problems) FAIL_CHECK(file << ": " << problem);
}

TEST_CASE("schema: every property an editor lists has a description", "[schema]") {
  for (const char* file : {kValuesSchema, kConfigSchema}) {
    rapidjson::Document schema;
    schema.Parse(ReadFile(Source(std::string("schemas/") + file)).c_str());
    REQUIRE(!schema.HasParseError());
    const rapidjson::Value* defs = schema.HasMember("$defs") ? &schema["$defs"] : nullptr;
    // The description is the property's own or that of the $defs entry it refers to.
    auto described = [defs](const rapidjson::Value& s) {
      if (s.HasMember("description")) return true;
      if (!s.HasMember("$ref") || !defs) return false;
      std::string ref = s["$ref"].GetString();
      if (!StartsWith(ref, "#/$defs/")) return false;
      const std::string name = ref.substr(8);
      return defs->HasMember(name.c_str()) && (*defs)[name.c_str()].HasMember("description");
    };
    // Walks properties and $defs, not the if/then/else and anyOf branches,
    // whose properties repeat listed ones to add a constraint.
    std::vector<std::pair<std::string, const rapidjson::Value*>> todo = {{"", &schema}};
    if (defs)
      for (const auto& d : defs->GetObject()) todo.push_back({std::string("$defs.") + d.name.GetString(), &d.value});
    size_t properties = 0;
    while (!todo.empty()) {
      auto [path, node] = todo.back();
      todo.pop_back();
      if (!node->IsObject()) continue;
      if (node->HasMember("properties")) {
        for (const auto& p : (*node)["properties"].GetObject()) {
          std::string name = path + "." + p.name.GetString();
          ++properties;
          INFO(file << ": " << name);
          CHECK(described(p.value));
          todo.push_back({name, &p.value});
        }
      }
      if (node->HasMember("items")) todo.push_back({path + "[]", &(*node)["items"]});
    }
    CHECK(properties > (std::string(file) == kValuesSchema ? 40u : 5u));
  }
}

TEST_CASE("schema: every values file and HostGraft config in testdata/ and docs/settings.md validates", "[schema]") {
  if (!HaveJsonSchema()) return;
  std::vector<Instance> instances = TestdataInstances();
  size_t values = 0, configs = 0;
  for (const Instance& i : instances) (i.schema == kValuesSchema ? values : configs)++;
  // What the scan finds today: the registry, lint, ICS, chart and migrate
  // values, and the three ResourceLists of krm/.
  CHECK(values >= 20);
  CHECK(configs >= 3);
  std::vector<Instance> examples = DocExamples("docs/settings.md");
  CHECK(examples.size() >= 2);
  instances.insert(instances.end(), examples.begin(), examples.end());
  Validation v = Validate(instances);
  for (size_t i = 0; i < instances.size(); ++i) {
    INFO(instances[i].name << " against " << instances[i].schema << ":" << Describe(v.errors[i]));
    CHECK(v.errors[i].empty());
  }
}

TEST_CASE("schema: the bad values of testdata/bad/values have no JSON form or are refused by the schema", "[schema]") {
  if (!HaveJsonSchema()) return;
  std::vector<Instance> instances;
  size_t no_json = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source("testdata/bad/values"))) {
    try {
      instances.push_back({kValuesSchema, Relative(entry.path()), ToJson(YAML::LoadFile(entry.path().string()))});
    } catch (const std::exception&) {  // not YAML, or a duplicate key: refused before any schema applies
      ++no_json;
    }
  }
  CHECK(no_json <= 2);  // malformed.yaml, duplicate-key.yaml
  CHECK(instances.size() >= 20);
  Validation v = Validate(instances);
  for (size_t i = 0; i < instances.size(); ++i) {
    INFO(instances[i].name);
    CHECK_FALSE(v.errors[i].empty());
  }
}

TEST_CASE("schema: wrong values are refused by the schema at the key hostgraft names, and by hostgraft", "[schema]") {
  if (!HaveJsonSchema()) return;
  std::vector<Instance> instances;
  for (const WrongValues& c : kWrongValues) instances.push_back({kValuesSchema, c.yaml, ToJson(YAML::Load(c.yaml))});
  Validation v = Validate(instances);
  const std::string dir = TempDir();
  const std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  for (size_t i = 0; i < std::size(kWrongValues); ++i) {
    const WrongValues& c = kWrongValues[i];
    INFO(c.yaml << "\nschema errors:" << Describe(v.errors[i]));
    CHECK(HasErrorAt(v.errors[i], c.schema_path));
    const std::string file = dir + "/values-" + std::to_string(i) + ".yaml";
    WriteFile(file, std::string(c.yaml) + "\n");
    std::map<std::string, std::string> env = kCleanEnv;
    std::vector<std::string> args = {"render", "-f", file, "--secrets", "none"};
    if (c.vault) {
      // A Vault render of the registry example: the login is prepared before any connection.
      args = RegistryArgs("render", "vault");
      args.insert(args.end(), {"-f", file});
      env["VAULT_ADDR"] = "http://127.0.0.1:9";
    }
    RunResult r = Run(args, registry, env);
    INFO("hostgraft said: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.reader_says) != std::string::npos);
  }
}

TEST_CASE("schema: values hostgraft accepts validate, edge cases included", "[schema]") {
  if (!HaveJsonSchema()) return;
  std::vector<Instance> instances;
  for (const AcceptedValues& c : kAcceptedValues) instances.push_back({kValuesSchema, c.why, ToJson(YAML::Load(c.yaml))});
  Validation v = Validate(instances);
  const std::string dir = TempDir();
  for (size_t i = 0; i < std::size(kAcceptedValues); ++i) {
    const AcceptedValues& c = kAcceptedValues[i];
    INFO(c.why << ":\n" << c.yaml << "\nschema errors:" << Describe(v.errors[i]));
    CHECK(v.errors[i].empty());
    const std::string file = dir + "/values-" + std::to_string(i) + ".yaml";
    WriteFile(file, c.yaml + "\n");
    RunResult r = Run({"render", "-f", file, "--secrets", "none"},
                      c.stream.empty() ? ReadFile(Source("testdata/registry/helm3.yaml")) : c.stream, kCleanEnv);
    INFO("hostgraft said: " << r.err);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("schema: wrong HostGraft configs are refused by the schema and by hostgraft krm and the exec transformer",
          "[schema]") {
  if (!HaveJsonSchema()) return;
  std::vector<Instance> instances = {{kConfigSchema, "a right config", ToJson(YAML::Load(kConfigHead + kConfigValues))}};
  for (const WrongConfig& c : kWrongConfigs) instances.push_back({kConfigSchema, c.yaml, ToJson(YAML::Load(c.yaml))});
  Validation v = Validate(instances);
  const std::string dir = TempDir();
  const std::string registry = ReadFile(Source("testdata/registry/helm3.yaml"));
  auto run_both = [&](const std::string& yaml, size_t i) {
    const std::string file = dir + "/hostgraft-" + std::to_string(i) + ".yaml";
    WriteFile(file, yaml);
    return std::pair{Run({"krm"}, ResourceList(yaml), kCleanEnv), Run({file}, registry, kCleanEnv)};
  };
  {
    INFO("a right config:" << Describe(v.errors[0]));
    CHECK(v.errors[0].empty());
    auto [krm, exec] = run_both(kConfigHead + kConfigValues, 0);
    INFO("krm: " << krm.err << "\nexec: " << exec.err);
    CHECK(krm.exit_code == 0);
    CHECK(exec.exit_code == 0);
  }
  for (size_t i = 0; i < std::size(kWrongConfigs); ++i) {
    const WrongConfig& c = kWrongConfigs[i];
    INFO(c.yaml << "\nschema errors:" << Describe(v.errors[i + 1]));
    CHECK(HasErrorAt(v.errors[i + 1], c.schema_path));
    auto [krm, exec] = run_both(c.yaml, i + 1);
    INFO("krm said: " << krm.err << "\nexec said: " << exec.err);
    CHECK(krm.exit_code == 2);
    CHECK(krm.err.find(c.reader_says) != std::string::npos);
    if (!c.exec) continue;
    CHECK(exec.exit_code == 2);
    CHECK(exec.out.empty());
    CHECK(exec.err.find(c.reader_says) != std::string::npos);
  }
}
