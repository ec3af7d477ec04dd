// Helm's --set: one argument in Helm's strvals syntax for plain keys,
// applied to the values after the values files.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "diagnostics.h"

namespace hostgraft {

// Applies `arg` (a.b=v, a[0].b=v, a\.b=v, a=1,b=2, a={x,y}) to `values`:
// true/false/null and integers are typed like Helm, a null deletes the key,
// other strings carry the tag "!" so they stay strings. Errors (exit 2)
// show the argument up to the mistake, values masked.
bool ApplySet(std::string_view arg, YAML::Node values, Diagnostics* diags);

}  // namespace hostgraft
