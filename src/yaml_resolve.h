// What a plain (unquoted, untagged) YAML scalar means to the readers the
// output and the values meet: Helm and Kubernetes (Go yaml.v2, YAML 1.1),
// the YAML 1.1 type repository as PyYAML reads it, and YAML 1.2's core
// schema (yaml-cpp). The one place that knows `yes` is a boolean and
// `0x1F` a number.
#pragma once

#include <string_view>

namespace hostgraft {

enum class ScalarType {
  kNull,
  kBool,
  kInt,
  kFloat,
  kTimestamp,
  kMerge,  // "<<" (YAML 1.1 merge key) and "=" (YAML 1.1 value key)
  kString,
};

struct ResolvedScalar {
  ScalarType type = ScalarType::kString;
  bool truth = false;  // kBool: which value
};

// The type Go yaml.v2 gives `text`; when Go reads a string, the type YAML
// 1.1's type repository or 1.2's core schema gives it. So kString means
// every one of those readers reads a string: a value any of them would
// type is not taken as a string, and is quoted when written.
ResolvedScalar ResolvePlainScalar(std::string_view text);

}  // namespace hostgraft
