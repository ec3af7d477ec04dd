// The real Helm 3 and Helm 4 binaries that scripts/helm-binaries puts in
// its cache (scripts/deps runs it), each run with homes of its own so tests
// never share plugins, repositories or caches.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace hostgraft::test {

class Helm {
 public:
  // "3.17.3" or "4.1.4". A binary missing from the cache fails the test:
  // a test that needs Helm never passes without it.
  explicit Helm(const std::string& version);

  const std::string& binary() const { return binary_; }
  // HELM_DATA_HOME: where `helm plugin install` puts plugins.
  std::string data_home() const { return home_ + "/data"; }

  // Runs `helm args...` with this instance's HELM_*_HOME, and a hostgraft
  // error log of its own (HOSTGRAFT_ERROR_LOG, XDG_STATE_HOME) unless env
  // says otherwise, in `dir` when given.
  RunResult Run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                const std::string& dir = {}) const;

 private:
  std::string binary_;
  std::string home_;
};

// Where scripts/helm-binaries keeps Helm `version`:
// $HOSTGRAFT_HELM_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/hostgraft/helm, then /<version>/helm.
std::string HelmCachePath(const std::string& version);

// The documents Helm printed, each from its `---` line on: all of
// `helm template`, or the HOOKS: and MANIFEST: parts of `helm install
// --dry-run` (neither the status lines before the first `---` nor the
// blank line after the last document belong to a document).
std::vector<std::string> HelmDocuments(const std::string& output);

}  // namespace hostgraft::test
