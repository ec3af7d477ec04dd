// The naive reference of bench/run: what a straightforward implementation
// does, loading every document of stdin into a yaml-cpp tree and dumping
// it again. Not part of hostgraft.
#include <yaml-cpp/yaml.h>

#include <iostream>
#include <sstream>

int main() {
  std::ostringstream input;
  input << std::cin.rdbuf();
  std::string out;
  for (const YAML::Node& doc : YAML::LoadAll(input.str())) {
    YAML::Emitter emitter;
    emitter << doc;
    out += "---\n";
    out += emitter.c_str();
    out += "\n";
  }
  std::cout << out;
  return 0;
}
