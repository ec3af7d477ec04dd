#include "yaml_text.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace hostgraft;
using hostgraft::test::RunProgram;

namespace {

// Strings that a YAML 1.1 reader (Kubernetes, PyYAML) or a 1.2 reader would
// turn into something else when written plain.
const std::vector<std::string> kTricky = {
    "true", "True", "yes", "Yes", "on", "ON", "off", "no", "y", "n", "null", "Null", "~", "", "0123", "0o17", "0x1F",
    "1.10", "1e3", "1_000", "-1", "+1", ".5", ".inf", "-.inf", ".nan", "12:30:00", "2026-06-01", "2026-06-01T00:00:00Z",
    "<<", "=", "- a", "? a", ": a", "a: b", "a #b", "#a", "&a", "*a", "!a", "|", ">", "'q'", "\"q\"", "%a", "@a",
    "`a", " lead", "trail ", "a,b", "[a]", "{a}", "tab\there", "ünïcödé", "Bearer ", "x:", "http://a:80/b",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "two\nlines", "ends\n\n", "\nleading newline",
};

// Reads `yaml` with PyYAML (a YAML 1.1 reader) and returns the JSON of it.
std::string PyYamlJson(const std::string& yaml) {
  auto r = RunProgram({"python3", "-c",
                       "import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin.read()), sort_keys=True))"},
                      yaml);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string Json(const std::vector<std::string>& strings) {
  auto r = RunProgram({"python3", "-c", "import sys, json; print(json.dumps(sys.stdin.read().split('\\x00')[:-1], sort_keys=True))"},
                      [&] {
                        std::string s;
                        for (const auto& x : strings) s += x + '\0';
                        return s;
                      }());
  return r.out;
}

}  // namespace

TEST_CASE("generated strings read back as the same strings under YAML 1.1", "[yaml-text]") {
  Value block = Value::List();
  for (const std::string& s : kTricky) block.Push(Value(s));
  std::string text = RenderBlock(Value::Map({{"items", block}}), 0);
  std::string flow = RenderFlow(block, false);
  std::string json = RenderFlow(block, true);
  std::string expected = Json(kTricky);
  INFO(text);
  CHECK(PyYamlJson(text) == "{\"items\": " + expected.substr(0, expected.size() - 1) + "}\n");
  CHECK(PyYamlJson(flow) == expected);
  CHECK(PyYamlJson(json) == expected);
}

TEST_CASE("PEM blocks are written in literal style", "[yaml-text]") {
  Value v = Value::Map({{"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"},
                        {"noeol", "a\nb"}});
  CHECK(RenderBlock(v, 0) ==
        "certificate: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n  -----END CERTIFICATE-----\nnoeol: |-\n  a\n  b\n");
}

TEST_CASE("plain values copied from the tree stay plain", "[yaml-text]") {
  Value v = Value::Map({{"weight", Value("100")}, {"name", Value("100")}});
  v.entries[0].second.plain = true;
  CHECK(RenderBlock(v, 0) == "weight: 100\nname: \"100\"\n");
}

TEST_CASE("quoted keys that need it", "[yaml-text]") {
  CHECK(RenderBlock(Value::Map({{"on", "x"}, {"a.b/c", "y"}}), 0) == "\"on\": x\na.b/c: \"y\"\n");
}
