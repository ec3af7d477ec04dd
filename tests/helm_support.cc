#include "helm_support.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "host_support.h"

namespace hostgraft::test {

std::string HelmCachePath(const std::string& version) {
  std::string cache;
  if (const char* c = std::getenv("HOSTGRAFT_HELM_CACHE"); c && *c) cache = c;
  else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) cache = std::string(x) + "/hostgraft/helm";
  else cache = std::string(std::getenv("HOME") ? std::getenv("HOME") : "") + "/.cache/hostgraft/helm";
  return cache + "/" + version + "/helm";
}

Helm::Helm(const std::string& version) : binary_(HelmCachePath(version)), home_(TempDir()) {
  INFO("Helm " << version << " is not at " << binary_ << ": run scripts/helm-binaries (scripts/deps runs it)");
  REQUIRE(access(binary_.c_str(), X_OK) == 0);
}

RunResult Helm::Run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                    const std::string& dir) const {
  std::map<std::string, std::string> all{{"HELM_CONFIG_HOME", home_ + "/config"},
                                         {"HELM_CACHE_HOME", home_ + "/cache"},
                                         {"HELM_DATA_HOME", data_home()},
                                         {"HELM_PLUGINS", ""},
                                         {"KUBECONFIG", home_ + "/kubeconfig"},
                                         // hostgraft's error log, never the user's own.
                                         {"HOSTGRAFT_ERROR_LOG", home_ + "/error.log"},
                                         {"XDG_STATE_HOME", home_ + "/state"}};
  for (const auto& [k, v] : env) all[k] = v;
  std::vector<std::string> argv{binary_};
  argv.insert(argv.end(), args.begin(), args.end());
  return dir.empty() ? RunProgram(argv, {}, all, 120) : RunIn(dir, argv, {}, all, 120);
}

std::vector<std::string> HelmDocuments(const std::string& output) {
  std::vector<std::string> docs;
  std::istringstream in(output);
  bool in_document = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "---") {
      docs.emplace_back();
      in_document = true;
    } else if (line == "MANIFEST:") {
      in_document = false;
      continue;
    }
    if (in_document) docs.back() += line + "\n";
  }
  // `helm install` ends its status output with a blank line.
  while (!docs.empty() && docs.back().size() > 1 && docs.back().ends_with("\n\n")) docs.back().pop_back();
  return docs;
}

}  // namespace hostgraft::test
