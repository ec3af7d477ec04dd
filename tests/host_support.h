// Helpers for the tests that run hostgraft inside (stand-ins for) its host
// tools: Helm, kustomize, Argo CD, CI runners and the packaged install.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace hostgraft::test {

// The directory the tested binary was built in (build/).
std::string BuildDir();

// RunProgram with `dir` as the working directory.
RunResult RunIn(const std::string& dir, const std::vector<std::string>& argv, const std::string& stdin_data = {},
                const std::map<std::string, std::string>& env = {}, double timeout_seconds = 60);

// "Kind namespace/name" of every document of a YAML stream, parsed with
// yaml-cpp (a parser independent of hostgraft's); throws when one does not
// parse.
std::multiset<std::string> ResourceIds(const std::string& stream);

// The `# Source:` lines of a stream, in order.
std::vector<std::string> SourceLines(const std::string& stream);

// Makes `path` an executable shell script.
void WriteScript(const std::string& path, const std::string& body);

// Number of times `needle` occurs in `haystack`.
int Count(const std::string& haystack, const std::string& needle);

}  // namespace hostgraft::test
