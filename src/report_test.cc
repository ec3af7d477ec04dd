#include "report.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

using namespace hostgraft;

namespace {

FindingsReport Sample() {
  FindingsReport r;
  r.command = "lint";
  r.input_file = "deploy/my chart.yaml";
  Finding a = MakeFinding("gateway", {3, "Gateway reg-a/main", "spec.servers[0].hosts", 12, {}},
                          "Istio Gateway does not serve the custom portal host; hostgraft render: lists a.example.com");
  Finding b = MakeFinding("configuration-warning", {-1, {}, {}, 4, "values.yaml"}, "portal <x> & \"y\", 50%\nnext");
  r.findings = {a, b};
  r.checked = {{"gateway", "Gateway reg-a/main"}, {"virtual-service", "VirtualService reg-a/portal"}};
  return r;
}

}  // namespace

TEST_CASE("report: the writer of each format", "[report]") {
  for (const char* f : {"text", "json", "sarif", "junit", "github"}) CHECK(ReportWriterFor(f) != nullptr);
  CHECK(ReportWriterFor("yaml") == nullptr);
}

TEST_CASE("report: text groups by resource and colours only when asked", "[report]") {
  FindingsReport r = Sample();
  std::string plain = WriteTextReport(r, false);
  CHECK(plain ==
        "document 3: Gateway reg-a/main\n"
        "  error HG006 gateway (spec.servers[0].hosts, line 12): Istio Gateway does not serve the custom portal host; "
        "hostgraft render: lists a.example.com\n"
        "    fix: " + std::string(FindRule("gateway")->help) + "\n"
        "values.yaml\n"
        "  warning HG028 configuration-warning (line 4): portal <x> & \"y\", 50%\\nnext\n"
        "    fix: " + FindRule("configuration-warning")->help + "\n"
        "hostgraft lint: 1 error, 1 warning\n");
  std::string coloured = WriteTextReport(r, true);
  CHECK(coloured.find("\033[1;31merror\033[0m HG006") != std::string::npos);
  CHECK(coloured.find("\033[33mwarning\033[0m HG028") != std::string::npos);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(WriteTextReport(FindingsReport{"lint", {}, {}, {}, {}}, false) == "hostgraft lint: no findings\n");
}

TEST_CASE("report: github escapes workflow command data and properties", "[report]") {
  std::string out = WriteGithubReport(Sample(), false);
  CHECK(out ==
        "::error file=deploy/my chart.yaml,line=12,title=HG006 gateway::Gateway reg-a/main spec.servers[0].hosts: "
        "Istio Gateway does not serve the custom portal host; hostgraft render: lists a.example.com%0Afix: " +
            std::string(FindRule("gateway")->help) +
            "\n"
            "::warning file=values.yaml,line=4,title=HG028 configuration-warning::values.yaml: portal <x> & \"y\", "
            "50%25\\nnext%0Afix: " +
            FindRule("configuration-warning")->help +
            "\n"
            "hostgraft lint: 1 error, 1 warning\n");
}

TEST_CASE("report: junit escapes XML and lists passed checks", "[report]") {
  std::string out = WriteJunitReport(Sample(), false);
  CHECK(out.find("<testsuite name=\"hostgraft lint\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">") !=
        std::string::npos);
  CHECK(out.find("<testcase classname=\"hostgraft.lint.virtual-service\" name=\"VirtualService reg-a/portal\"/>") !=
        std::string::npos);
  CHECK(out.find("message=\"portal &lt;x&gt; &amp; &quot;y&quot;, 50%\\nnext\"") != std::string::npos);
}

TEST_CASE("report: sarif points at the file and line, with a file URI for absolute paths", "[report]") {
  FindingsReport r = Sample();
  r.input_file = "/abs/dir/in put.yaml";
  rapidjson::Document doc;
  std::string text = WriteSarifReport(r, false);
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].Size() == LintRules().size());
  const auto& first = run["results"][0];
  CHECK(std::string(first["ruleId"].GetString()) == "HG006");
  CHECK(std::string(first["level"].GetString()) == "error");
  const auto& physical = first["locations"][0]["physicalLocation"];
  CHECK(std::string(physical["artifactLocation"]["uri"].GetString()) == "file:///abs/dir/in%20put.yaml");
  CHECK(physical["region"]["startLine"].GetInt() == 12);
  CHECK(std::string(run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString()) ==
        "values.yaml");
  r.input_file.clear();
  doc.Parse(WriteSarifReport(r, false).c_str());
  CHECK_FALSE(doc["runs"][0]["results"][0]["locations"][0].HasMember("physicalLocation"));
}
