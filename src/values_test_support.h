// For the tests of values.h and set_values.h: values shown compactly.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace hostgraft::test {

// A compact rendering that shows the types: strings from quoted text or
// --set are in quotes, plain scalars are not.
inline std::string Show(const YAML::Node& node) {
  std::string out;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? "\"" + node.Scalar() + "\"" : node.Scalar();
    case YAML::NodeType::Sequence:
      for (const auto& item : node) out += (out.empty() ? "" : ", ") + Show(item);
      return "[" + out + "]";
    case YAML::NodeType::Map:
      for (const auto& entry : node)
        out += (out.empty() ? "" : ", ") + entry.first.Scalar() + ": " + Show(entry.second);
      return "{" + out + "}";
    default:
      return "null";
  }
}

}  // namespace hostgraft::test
