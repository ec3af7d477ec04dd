// DESIGN.md 2.1: the output never holds two objects with one name. A
// generated Route or Secret whose group, kind, namespace and name an input
// object already has (a chart's own Route called hostgraft-<host> for
// another host) would be two objects the API server takes as one: the
// second silently replaces the first.
#pragma once

#include <vector>

#include "diagnostics.h"
#include "pipeline.h"
#include "stream_reader.h"

namespace hostgraft {

// An error (exit 2) for each generated document whose identity an input
// document has, naming both; false when there was one.
bool RefuseNameCollisions(const Stream& stream, const std::vector<GeneratedDocument>& generated, Diagnostics* diags);

}  // namespace hostgraft
