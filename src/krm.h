// hostgraft krm: a KRM function (KRM Functions Specification,
// config.kubernetes.io/v1). A ResourceList comes in on stdin; its
// functionConfig is a HostGraft config (plugin_config.h); the items go
// through render and come back with `results` for every warning and error.
#pragma once

#include <string>

#include "diagnostics.h"
#include "options.h"
#include "stream_reader.h"
#include "yaml_text.h"

namespace hostgraft {

// Appends one KRM result (severity, message, resourceRef, field, file) per
// warning or error in `found`; document indexes are positions in `items`.
void AddKrmResults(const Diagnostics& found, const Stream& items, Value* results);

// Transforms the ResourceList `input`. *output is the ResourceList to print:
// on success the rendered items; on failure the items as they came (when
// there were any) and the error results. Returns the exit code.
int RunKrm(const Options& options, std::string input, std::string* output, Diagnostics* diags);

// stdin -> stdout; the output ResourceList is printed even on failure,
// because its results are how a KRM function reports.
int KrmCommand(const Options& options);

}  // namespace hostgraft
