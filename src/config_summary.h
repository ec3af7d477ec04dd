// What the values configure, as -v and lint say it (DESIGN.md 2.1): a
// render that changes nothing must be told apart from one that was told
// nothing, by someone reading a CI log.
#pragma once

#include "config.h"
#include "diagnostics.h"
#include "pipeline.h"

namespace hostgraft {

// One Info per configured host (custom and default, each with the values
// key it came from or "discovered"), or one saying no custom host is
// configured. Called once discovery has filled the defaults.
void DescribeConfig(const Config& config, Diagnostics* diags);

// One Info on what a successful render did with the configured hosts:
// how many documents it changed and objects it generated, that the stream
// carries them already, or that nothing in the stream concerns them.
void DescribeOutcome(const Config& config, const RenderResult& result, Diagnostics* diags);

// True when the values configure any custom host.
bool ConfiguresCustomHost(const Config& config);

}  // namespace hostgraft
