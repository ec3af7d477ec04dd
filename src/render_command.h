// What render, lint and the plugin modes share: values -> config -> read ->
// discover -> config rules -> Render.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "config.h"
#include "error_log.h"
#include "options.h"
#include "pipeline.h"
#include "stream_reader.h"

namespace hostgraft {

struct RenderRun {
  Config config;
  Stream stream;
  RenderResult result;
};

// Reads the configuration from already merged values.
bool ConfigFromValues(const YAML::Node& values, Config* config, Diagnostics* diags);

// values -> config -> read -> discover -> config rules: everything before
// Render. Lint runs these with its own Render options.
bool PrepareRender(const YAML::Node& values, std::string input, RenderRun* run, Diagnostics* diags);
// The Render options of the command line (--at, --secrets).
RenderOptions RenderOptionsOf(const Options& options, SecretStore* store);

// Renders `input` with `values`; on failure diags holds every error.
// `store`, when given, is used instead of opening options.secrets.
bool RenderWithValues(const Options& options, const YAML::Node& values, std::string input, RenderRun* run,
                      Diagnostics* diags, SecretStore* store = nullptr);

// Prints diagnostics on stderr and appends errors to HOSTGRAFT_ERROR_LOG
// (Helm 4 shows no stderr of a failing post-renderer). Notes (Info) only
// with -v or `show_info`.
void Report(const Diagnostics& diags, const std::string& command, bool show_info = false);

// The input stream from `file`, or from stdin when it is empty, bounded by
// HOSTGRAFT_MAX_INPUT_MB. A closed stdin, a directory or a read error is
// exit 2, an input over the limit exit 4, each with a message in *diags.
bool ReadInputStream(const std::string& file, std::string* text, Diagnostics* diags);

// The values of render and lint: -f, --set and HOSTGRAFT_VALUES merged;
// none at all is an error (DESIGN.md 2.1).
bool LoadCommandValues(const Options& options, YAML::Node* values, Diagnostics* diags);

// hostgraft [render]: stdin -> stdout, stdout untouched on any error.
int RenderCommand(const Options& options);

// RenderCommand once the values are loaded: renders stdin and writes stdout
// only when the whole run succeeded; reports `diags` (which may already hold
// what loading said) on stderr and in the error log.
int RenderToStdout(const Options& options, const YAML::Node& values, Diagnostics* diags);

}  // namespace hostgraft
