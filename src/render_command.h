// What render, lint and the plugin modes share: values -> config -> read ->
// discover -> config rules -> Render.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "config.h"
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

// Renders `input` with `values`; on failure diags holds every error.
// `store`, when given, is used instead of opening options.secrets.
bool RenderWithValues(const Options& options, const YAML::Node& values, std::string input, RenderRun* run,
                      Diagnostics* diags, SecretStore* store = nullptr);

// Prints diagnostics on stderr and appends errors to HOSTGRAFT_ERROR_LOG
// (Helm 4 shows no stderr of a failing post-renderer).
void Report(const Diagnostics& diags, const std::string& command);

// Stdin up to the end, or up to a little more than max_bytes.
std::string ReadAllStdin(size_t max_bytes);

// hostgraft [render]: stdin -> stdout, stdout untouched on any error.
int RenderCommand(const Options& options);

}  // namespace hostgraft
