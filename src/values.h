// The values hostgraft is given: Helm values files and --set overrides,
// combined the way Helm combines them, before they are read into a Config.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "diagnostics.h"

namespace hostgraft {

// Merges the values files left to right like Helm (maps deep-merge, a later
// scalar or list replaces, a null deletes the key), then applies each --set
// in order (set_values.h). With no files, the colon-separated list in
// HOSTGRAFT_VALUES is used. *merged becomes a fresh mapping that shares no
// nodes with anything else. Errors (exit 2) name the file and line, or the
// --set argument.
bool LoadValues(const std::vector<std::string>& files, const std::vector<std::string>& sets, YAML::Node* merged,
                Diagnostics* diags);

// Files (-f, or HOSTGRAFT_VALUES when there is none) or `other_values`.
bool ValuesGiven(const std::vector<std::string>& files, bool other_values);

// DESIGN.md 2.1: no files (-f, or HOSTGRAFT_VALUES when there is none) and
// no `other_values` (--set, a plugin config's inline values) is an error
// (exit 2) with `fix`: a render told nothing would quietly change nothing.
bool RequireValues(const std::vector<std::string>& files, bool other_values, const std::string& fix,
                   Diagnostics* diags);

// Merges `from` over `into` the way LoadValues merges a later values file.
void MergeValues(YAML::Node into, const YAML::Node& from);

}  // namespace hostgraft
