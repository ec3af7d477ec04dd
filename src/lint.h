// hostgraft lint (DESIGN.md section 8): what render would still change,
// as findings. It runs the render pipeline itself, so each change render
// would make and each document it would generate is a finding, and
// lint(render(x)) is clean by construction; a few checks render cannot fix
// (certificates, wiring it does not own, configuration) are added.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diagnostics.h"
#include "findings.h"
#include "options.h"
#include "pipeline.h"

namespace hostgraft {

// What Render did, as findings: one per change (in document order), then
// one per generated document. `stream` is the one Render read. The KRM
// function reports these as its results.
std::vector<Finding> FindingsOfRender(const RenderResult& result, const Stream& stream);

// Checks of the wiring render does not own, on one stream: a Gateway server
// for a custom host whose credentialName has no Secret, a Route for a
// custom host without TLS, a custom host no Route serves (tls.delivery:
// route), a custom host a VirtualService routes through Gateways that all
// leave it out. `checked` gets every check applied, when not null.
std::vector<Finding> CheckWiring(const Config& config, const Stream& stream, std::vector<Checked>* checked);

struct LintResult {
  std::vector<Finding> findings;
  std::vector<Checked> checked;  // the steps' wanted documents and the wiring checks' subjects
  // Exit 2, 3 or 4 when the run could not lint (configuration, secret
  // store, input); kExitOk otherwise.
  int error_exit = kExitOk;
  Diagnostics stopped;  // the errors behind error_exit, for the error log
  Diagnostics notes;    // diagnostics that are not findings (stderr)
};

// Lints `input` with merged `values` and the render options (--secrets,
// --at); `store`, when given, replaces --secrets. Never fails: every
// problem is a finding or sets error_exit.
LintResult Lint(const Options& options, const YAML::Node& values, std::string input, SecretStore* store = nullptr);

// The exit code of DESIGN.md section 8 for --fail-on error|warning|never.
int LintExitCode(const LintResult& result, const std::string& fail_on);

// hostgraft lint: the report on stdout.
int LintCommand(const Options& options);

}  // namespace hostgraft
