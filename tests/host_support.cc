#include "host_support.h"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace hostgraft::test {

std::string BuildDir() { return std::filesystem::path(HOSTGRAFT_BINARY).parent_path().string(); }

RunResult RunIn(const std::string& dir, const std::vector<std::string>& argv, const std::string& stdin_data,
                const std::map<std::string, std::string>& env, double timeout_seconds) {
  std::vector<std::string> wrapped{"sh", "-c", "cd \"$0\" && exec \"$@\"", dir};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return RunProgram(wrapped, stdin_data, env, timeout_seconds);
}

std::multiset<std::string> ResourceIds(const std::string& stream) {
  std::multiset<std::string> ids;
  for (const YAML::Node& doc : YAML::LoadAll(stream)) {
    if (!doc || doc.IsNull()) continue;
    std::string ns = doc["metadata"]["namespace"] ? doc["metadata"]["namespace"].as<std::string>() + "/" : "";
    ids.insert(doc["kind"].as<std::string>() + " " + ns + doc["metadata"]["name"].as<std::string>());
  }
  return ids;
}

std::vector<std::string> SourceLines(const std::string& stream) {
  std::vector<std::string> lines;
  std::istringstream in(stream);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("# Source: ", 0) == 0) lines.push_back(line);
  return lines;
}

void WriteScript(const std::string& path, const std::string& body) {
  WriteFile(path, body);
  chmod(path.c_str(), 0755);
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace hostgraft::test
