// hostgraft krm: a KRM function (KRM Functions Specification,
// config.kubernetes.io/v1). A ResourceList comes in on stdin; its
// functionConfig is a HostGraft config (plugin_config.h); the items go
// through render and come back with `results`: the findings `hostgraft
// lint` gives for them, with their ids (docs/kustomize.md, "Results").
#pragma once

#include <string>

#include "diagnostics.h"
#include "options.h"

namespace hostgraft {

// Transforms the ResourceList `input`. *output is the ResourceList to print:
// on success the rendered items; on failure (an error result) the items as
// they came, when there were any. Returns the exit code: non-zero exactly
// when a result is an error.
int RunKrm(const Options& options, std::string input, std::string* output, Diagnostics* diags);

// stdin -> stdout; the output ResourceList is printed even on failure,
// because its results are how a KRM function reports.
int KrmCommand(const Options& options);

}  // namespace hostgraft
