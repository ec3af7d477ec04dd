#include "set_values.h"

#include <catch2/catch.hpp>

#include "values_test_support.h"

namespace hostgraft {
namespace {

using test::Show;

// The values `file` holds after `sets` are applied in order.
std::string Set(const std::vector<std::string>& sets, const std::string& file = "{}") {
  YAML::Node values = YAML::Load(file);
  Diagnostics diags;
  for (const std::string& set : sets) CHECK(ApplySet(set, values, &diags));
  CHECK(diags.all().empty());
  return Show(values);
}

std::string SetError(const std::string& set) {
  YAML::Node values(YAML::NodeType::Map);
  Diagnostics diags;
  CHECK_FALSE(ApplySet(set, values, &diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].exit_code == kExitUsage);
  return FormatDiagnostic(diags.all()[0]);
}

TEST_CASE("option --set sets nested keys, list items and escaped keys", "[set-values]") {
  CHECK(Set({"a.b.c=v"}) == "{a: {b: {c: \"v\"}}}");
  CHECK(Set({"a.b[1]=v"}, "a: {b: [x, y, z]}") == "{a: {b: [x, \"v\", z]}}");
  CHECK(Set({"a.b[1].c=v"}) == "{a: {b: [null, {c: \"v\"}]}}");
  CHECK(Set({"a.b[0].c=v"}, "a: {b: [{c: 1, d: 2}]}") == "{a: {b: [{c: \"v\", d: 2}]}}");
  CHECK(Set({"m[0][1]=z"}) == "{m: [[null, \"z\"]]}");
  CHECK(Set({"a\\.b=v"}) == "{a.b: \"v\"}");
  CHECK(Set({"keycloak.customHosts[0].host=k.example.com"}) == "{keycloak: {customHosts: [{host: \"k.example.com\"}]}}");
  CHECK(Set({"a.b=2"}, "a: 1") == "{a: {b: 2}}");
  CHECK(Set({"a[0]=2"}, "a: {b: 1}") == "{a: [2]}");
}

TEST_CASE("option --set takes several comma-separated values and {x,y} lists", "[set-values]") {
  CHECK(Set({"a=1,b=2"}) == "{a: 1, b: 2}");
  CHECK(Set({"a=1,"}) == "{a: 1}");
  CHECK(Set({"a=x\\,y"}) == "{a: \"x,y\"}");
  CHECK(Set({"l={x,y},n=3"}) == "{l: [\"x\", \"y\"], n: 3}");
  CHECK(Set({"l={1,true}"}) == "{l: [1, true]}");
  CHECK(Set({"l={}"}) == "{l: []}");
  CHECK(Set({"l[1]={a,b}"}) == "{l: [null, [\"a\", \"b\"]]}");
}

TEST_CASE("option --set types values like Helm", "[set-values]") {
  CHECK(Set({"t=true,f=FALSE,z=0,i=42,neg=-5,plus=+7"}) == "{t: true, f: false, z: 0, i: 42, neg: -5, plus: 7}");
  CHECK(Set({"lead=0123,fl=1.5,s=hello,e=,big=99999999999999999999"}) ==
        "{lead: \"0123\", fl: \"1.5\", s: \"hello\", e: \"\", big: \"99999999999999999999\"}");
  CHECK(Set({"n=null"}, "n: 1\nkeep: 2") == "{keep: 2}");
  CHECK(Set({"a.b=NULL"}, "a: {b: 1, c: 2}") == "{a: {c: 2}}");
  CHECK(Set({"l[0]=null"}, "l: [1, 2]") == "{l: [null, 2]}");
}

TEST_CASE("a bad --set is an error that names the argument up to the mistake, values masked", "[set-values]") {
  const std::string fix = "\n  fix: write it like key.path=value, list[0]=value or key={a,b}";
  CHECK(SetError("a") == "error: --set \"a\": key \"a\" has no value" + fix);
  CHECK(SetError("a.b") == "error: --set \"a.b\": key \"b\" has no value" + fix);
  CHECK(SetError("a,b=1") == "error: --set \"a,\": key \"a\" has no value" + fix);
  CHECK(SetError("=1") == "error: --set \"=***\": empty key" + fix);
  CHECK(SetError("a..b=1") == "error: --set \"a..\": empty key" + fix);
  CHECK(SetError("a[0]") == "error: --set \"a[0]\": key \"a[0]\" has no value" + fix);
  CHECK(SetError("a[x]=1") == "error: --set \"a[x]\": list index \"x\" is not a non-negative integer" + fix);
  CHECK(SetError("a[-1]=1") == "error: --set \"a[-1]\": list index \"-1\" is not a non-negative integer" + fix);
  CHECK(SetError("a[0=1") == "error: --set \"a[0=***\": missing ']' after a list index" + fix);
  CHECK(SetError("a[0]x=1") == "error: --set \"a[0]x=***\": unexpected \"x\" after a[0]" + fix);
  CHECK(SetError("a[70000]=1") == "error: --set \"a[70000]\": list index 70000 is greater than the maximum 65536" + fix);
  CHECK(SetError("a={x,y") == "error: --set \"a=***\": a list must end with '}'" + fix);
  CHECK(SetError("a={x}y") == "error: --set \"a=***\": unexpected text after '}'" + fix);
  std::string deep;
  for (int i = 0; i < 31; ++i) deep += "k.";
  CHECK(SetError(deep + "k=1").rfind("error: --set \"k.k.", 0) == 0);
  CHECK(SetError(deep + "k=1").find(": keys are nested deeper than 30 levels" + fix) != std::string::npos);
  // The values before the mistake, and escaped commas and equals signs in
  // them, never show: they may be passwords.
  CHECK(SetError("db.user=admin,db.password=hunter2,b[=x") ==
        "error: --set \"db.user=***,db.password=[redacted],b[=***\": missing ']' after a list index" + fix);
  CHECK(SetError("a=x\\,hunter2,p=se\\=cret,c..d=1") == "error: --set \"a=***,p=***,c..\": empty key" + fix);
  CHECK(SetError("a={hunter2,s2},b[x]=1") == "error: --set \"a=***,b[x]\": list index \"x\" is not a non-negative integer" + fix);
}

}  // namespace
}  // namespace hostgraft
