// Checks that the fixtures in testdata/ are what testdata/README.md says they
// are, so golden and round-trip tests stand on valid, consistent input.
#include <yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

using namespace hostgraft::test;
namespace fs = std::filesystem;

namespace {

// A plain tree of one document, enough to look values up by path.
struct Node {
  enum Kind { kNull, kScalar, kSequence, kMapping } kind = kNull;
  std::string scalar;
  std::vector<std::pair<std::string, Node>> mapping;  // keys are scalars in every fixture
  std::vector<Node> sequence;

  const Node* Get(const std::string& key) const {
    for (const auto& [k, v] : mapping)
      if (k == key) return &v;
    return nullptr;
  }
  std::string At(std::initializer_list<const char*> path) const {
    const Node* n = this;
    for (const char* key : path)
      if (!(n = n->Get(key))) return "";
    return n->scalar;
  }
};

class Parser {
 public:
  // libyaml reads the text while parsing: the parser keeps its own copy.
  explicit Parser(std::string text) : text_(std::move(text)) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text_.data()), text_.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Every document of the stream; on a parse error, error() names the line.
  std::vector<Node> Documents() {
    std::vector<Node> docs;
    yaml_event_t event;
    while (Next(&event)) {
      yaml_event_type_t type = event.type;
      yaml_event_delete(&event);
      if (type == YAML_STREAM_END_EVENT) break;
      if (type != YAML_DOCUMENT_START_EVENT) continue;
      if (!Next(&event)) break;
      Node root = Build(&event);  // libyaml gives an empty document an empty scalar
      yaml_event_delete(&event);
      if (!Next(&event)) break;  // the document end
      yaml_event_delete(&event);
      docs.push_back(std::move(root));
    }
    return docs;
  }
  const std::string& error() const { return error_; }

 private:
  bool Next(yaml_event_t* event) {
    if (!error_.empty()) return false;
    if (yaml_parser_parse(&parser_, event)) return true;
    error_ = std::string(parser_.problem ? parser_.problem : "parse error") + " at line " +
             std::to_string(parser_.problem_mark.line + 1);
    return false;
  }
  // Builds the node that starts with *event (which the caller deletes).
  Node Build(yaml_event_t* event) {
    Node node;
    if (event->type == YAML_SCALAR_EVENT || event->type == YAML_ALIAS_EVENT) {
      node.kind = Node::kScalar;
      if (event->type == YAML_SCALAR_EVENT)
        node.scalar.assign(reinterpret_cast<const char*>(event->data.scalar.value), event->data.scalar.length);
      return node;
    }
    bool mapping = event->type == YAML_MAPPING_START_EVENT;
    node.kind = mapping ? Node::kMapping : Node::kSequence;
    yaml_event_t child;
    while (Next(&child)) {
      if (child.type == YAML_MAPPING_END_EVENT || child.type == YAML_SEQUENCE_END_EVENT) {
        yaml_event_delete(&child);
        break;
      }
      Node value = Build(&child);
      yaml_event_delete(&child);
      if (!mapping) {
        node.sequence.push_back(std::move(value));
        continue;
      }
      yaml_event_t value_event;
      if (!Next(&value_event)) break;
      node.mapping.emplace_back(value.scalar, Build(&value_event));
      yaml_event_delete(&value_event);
    }
    return node;
  }

  std::string text_;
  yaml_parser_t parser_;
  std::string error_;
};

std::vector<Node> Load(const std::string& relative) {
  std::string text = ReadFile(Source(relative));
  Parser parser(text);
  std::vector<Node> docs = parser.Documents();
  INFO(relative);
  REQUIRE(parser.error() == "");
  return docs;
}

std::multiset<std::string> Resources(const std::vector<Node>& docs) {
  std::multiset<std::string> out;
  for (const Node& d : docs)
    if (d.kind == Node::kMapping) out.insert(d.At({"kind"}) + "/" + d.At({"metadata", "name"}));
  return out;
}

const Node* Find(const std::vector<Node>& docs, const std::string& kind, const std::string& name) {
  for (const Node& d : docs)
    if (d.At({"kind"}) == kind && d.At({"metadata", "name"}) == name) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("every YAML fixture parses", "[testdata]") {
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(Source("testdata"))) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    std::string relative = fs::relative(entry.path(), Source("")).string();
    if (relative.rfind("testdata/bad/", 0) == 0) continue;  // malformed on purpose
    // Helm templates of the chart corpus: text for Helm, YAML only once rendered.
    if (relative.rfind("testdata/charts/", 0) == 0 && relative.find("/templates/") != std::string::npos) continue;
    Load(relative);
    ++files;
  }
  CHECK(files >= 30);
}

TEST_CASE("the parser used here rejects malformed YAML", "[testdata]") {
  Parser parser("a: [1, 2\nb: c\n");
  parser.Documents();
  CHECK(parser.error().find("at line") != std::string::npos);
}

TEST_CASE("the registry's three forms hold the same resources", "[testdata]") {
  auto plain = Load("testdata/registry/plain.yaml");
  auto helm3 = Load("testdata/registry/helm3.yaml");
  auto helm4 = Load("testdata/registry/helm4.yaml");
  CHECK(plain.size() >= 28);
  CHECK(Resources(plain) == Resources(helm3));
  CHECK(Resources(plain) == Resources(helm4));

  std::string plain_text = ReadFile(Source("testdata/registry/plain.yaml"));
  std::string helm3_text = ReadFile(Source("testdata/registry/helm3.yaml"));
  std::string helm4_text = ReadFile(Source("testdata/registry/helm4.yaml"));
  CHECK(plain_text.rfind("---", 0) != 0);
  CHECK(plain_text.find("# Source:") == std::string::npos);
  CHECK(helm3_text.rfind("---\n# Source: registry/templates/", 0) == 0);
  size_t sources = 0;
  for (size_t p = 0; (p = helm3_text.find("---\n# Source: registry/templates/", p)) != std::string::npos; ++p) ++sources;
  CHECK(sources == helm3.size());
  CHECK(helm4_text.rfind("---", 0) != 0);
  CHECK(helm4_text.find("# Source:") == std::string::npos);
  bool hook = false;
  for (const Node& d : helm4) {
    INFO(d.At({"kind"}) << "/" << d.At({"metadata", "name"}));
    CHECK(d.At({"metadata", "annotations", "postrenderer.helm.sh/postrender-filename"}).rfind("registry/templates/", 0) == 0);
    hook = hook || !d.At({"metadata", "annotations", "helm.sh/hook"}).empty();
  }
  CHECK(hook);
}

TEST_CASE("the registry render wires the default hosts the steps look for", "[testdata]") {
  const std::string d = "platform-keycloak.apps.cluster.example.com";
  auto docs = Load("testdata/registry/helm3.yaml");
  CHECK(Find(docs, "Keycloak", "main")->At({"spec", "url"}) == "https://" + d);
  CHECK(Find(docs, "KeycloakClient", "redash-viewer")->At({"spec", "webUrl"}) ==
        "https://officer-portal-reg-a.apps.cluster.example.com/reports");
  std::set<std::string> realms, issuers;
  int request_authentications = 0;
  for (const Node& doc : docs) {
    if (doc.At({"kind"}) == "KeycloakRealm") realms.insert(doc.At({"spec", "realmName"}));
    if (doc.At({"kind"}) != "RequestAuthentication") continue;
    ++request_authentications;
    for (const Node& rule : doc.Get("spec")->Get("jwtRules")->sequence) {
      issuers.insert(rule.At({"issuer"}));
      CHECK(rule.At({"jwksUri"}).rfind("https://" + d + "/auth/realms/", 0) == 0);
      CHECK(rule.At({"forwardOriginalToken"}) == "true");
    }
  }
  CHECK(request_authentications == 3);
  CHECK(realms == std::set<std::string>{"reg-a-admin", "reg-a-citizen-portal", "reg-a-external-system",
                                        "reg-a-officer-portal"});
  for (const std::string& realm : realms) CHECK(issuers.count("https://" + d + "/auth/realms/" + realm) == 1);
  const Node* kong = Find(docs, "KongPlugin", "oidc-officer-portal");
  CHECK(kong->At({"plugin"}) == "oidc");
  CHECK(kong->Get("config")->Get("issuers_allowed")->sequence.size() == 1);
}

TEST_CASE("the files: stores hold certificate, key and caCertificate", "[testdata]") {
  const std::map<std::string, bool> stores = {
      {"testdata/registry/secrets/registry-kv/cluster/domains/keycloak.example.com/20230505T085919Z.yaml", false},
      {"testdata/registry/secrets/registry-kv/registry/reg-a/domains/officer-portal/officer.example.com.yaml", false},
      {"testdata/registry/secrets/registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com.yaml", true},
      {"testdata/ics/secrets/secret/ics/ingress/ics.example.org.yaml", false},
      {"testdata/ics/secrets/secret/ics/redis.yaml", false},
  };
  for (const auto& [path, base64] : stores) {
    INFO(path);
    auto docs = Load(path);
    REQUIRE(docs.size() == 1);
    for (const char* key : {"certificate", "key", "caCertificate"}) {
      std::string value = docs[0].At({key});
      CHECK(!value.empty());
      CHECK((value.rfind("-----BEGIN ", 0) == 0) == !base64);
    }
  }
}

TEST_CASE("the pass-through corpus covers its special bytes", "[testdata]") {
  std::string crlf = ReadFile(Source("testdata/passthrough/crlf.yaml"));
  std::string lf = crlf;
  std::erase(lf, '\r');
  CHECK(crlf.find("\r\n") != std::string::npos);
  CHECK(ReadFile(Source("testdata/passthrough/crlf.expected.yaml")) == lf);
  CHECK(ReadFile(Source("testdata/passthrough/bom.yaml")).rfind("\xEF\xBB\xBF", 0) == 0);
  size_t longest = 0;
  std::string text = ReadFile(Source("testdata/passthrough/long-line.yaml"));
  for (size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    longest = std::max(longest, end - start);
  }
  CHECK(longest >= 200 * 1024);
  CHECK(Load("testdata/passthrough/empty-documents.yaml").size() == 6);
}

TEST_CASE("the ICS renders differ exactly in the Redis TLS wiring", "[testdata]") {
  auto placeholders = Load("testdata/ics/helm3-placeholders.yaml");
  auto empty = Load("testdata/ics/helm3-empty.yaml");
  auto helm4 = Load("testdata/ics/helm4-placeholders.yaml");
  const std::string fullname = "nubus-intercom-service";
  CHECK(Find(placeholders, "ConfigMap", fullname + "-redis-ssl"));
  CHECK(Find(placeholders, "Secret", fullname + "-redis-client-credentials"));
  CHECK_FALSE(Find(empty, "ConfigMap", fullname + "-redis-ssl"));
  CHECK_FALSE(Find(empty, "Secret", fullname + "-redis-client-credentials"));
  // Helm 4 drops the comment-only document; every resource is still there.
  CHECK(helm4.size() + 1 == placeholders.size());
  CHECK(Resources(helm4) == Resources(placeholders));
  for (const auto* docs : {&placeholders, &empty}) {
    const Node* env = Find(*docs, "Secret", fullname);
    REQUIRE(env);
    CHECK(env->At({"stringData", "ISSUER_BASE_URL"}) == "https://id.nubus.example.com/realms/nubus");
    CHECK(env->At({"stringData", "ORIGIN_REGEX"}) == R"(^https://([a-z0-9-]+\.)?nubus\.example\.com$)");
    const Node* deployment = Find(*docs, "Deployment", fullname);
    REQUIRE(deployment);
    const Node* spec = deployment->Get("spec")->Get("template")->Get("spec");
    std::set<std::string> mounted;
    for (const Node& v : spec->Get("volumes")->sequence) mounted.insert(v.At({"secret", "secretName"}));
    CHECK(mounted.count(fullname + "-redis-client-credentials") == 1);
  }
  CHECK(ReadFile(Source("testdata/ics/helm3-empty.yaml")).find("NODE_EXTRA_CA_CERTS") == std::string::npos);
  CHECK(ReadFile(Source("testdata/ics/helm3-placeholders.yaml")).find("NODE_EXTRA_CA_CERTS") != std::string::npos);
}
