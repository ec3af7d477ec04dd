#include "plugin_config.h"

#include <fstream>
#include <sstream>

#include "log.h"
#include "render_command.h"
#include "rfc3339.h"
#include "secret_stores.h"
#include "stream_reader.h"
#include "values.h"

namespace hostgraft {
namespace {

void ConfigError(Diagnostics* diags, const std::string& source, const std::string& path, std::string message,
                 std::string fix = {}) {
  Location where;
  where.file = source;
  where.path = path;
  diags->Error(kExitUsage, where, std::move(message), std::move(fix));
}

std::string ScalarField(const YAML::Node& root, const char* key) {
  const YAML::Node field = root[key];
  return field && field.IsScalar() ? field.Scalar() : std::string();
}

}  // namespace

bool IsPluginConfigFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream text;
  text << file.rdbuf();
  // The stream reader, not yaml-cpp: it never hangs on malformed input.
  Stream stream;
  Diagnostics ignored;
  if (!ReadStream(text.str(), ReadLimits{}, &stream, &ignored)) return false;
  for (const Document& doc : stream.documents)
    if (doc.has_node) return doc.kind == kPluginKind;
  return false;
}

bool ReadPluginConfig(const YAML::Node& root, const std::string& source, Options* options, YAML::Node* values,
                      Diagnostics* diags) {
  if (!root.IsMap()) {
    ConfigError(diags, source, "", "a HostGraft config must be a mapping");
    return false;
  }
  std::string api_version = ScalarField(root, "apiVersion");
  std::string kind = ScalarField(root, "kind");
  if (api_version != kPluginApiVersion || kind != kPluginKind) {
    ConfigError(diags, source, "", "expected apiVersion " + std::string(kPluginApiVersion) + ", kind " + kPluginKind +
                                       ", found apiVersion \"" + api_version + "\", kind \"" + kind + "\"");
    return false;
  }
  bool ok = true;
  std::vector<std::string> files;
  if (const YAML::Node list = root["valuesFiles"]) {
    if (!list.IsSequence()) {
      ConfigError(diags, source, "valuesFiles", "must be a list of file names");
      ok = false;
    } else {
      for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].IsScalar() && !list[i].Scalar().empty()) files.push_back(list[i].Scalar());
        else {
          ConfigError(diags, source, "valuesFiles[" + std::to_string(i) + "]", "must be a file name");
          ok = false;
        }
      }
    }
  }
  if (const YAML::Node secrets = root["secrets"]) {
    if (secrets.IsScalar()) {
      options->secrets = secrets.Scalar();
      ok = CheckSecretsSpec(options->secrets, diags) && ok;
    } else {
      ConfigError(diags, source, "secrets", "must be vault, files:DIR or none");
      ok = false;
    }
  }
  if (const YAML::Node at = root["at"]) {
    if (!at.IsScalar() || !ParseRfc3339(at.Scalar(), &options->at)) {
      ConfigError(diags, source, "at", "is not an RFC 3339 time", "write it like 2026-06-01T00:00:00Z");
      ok = false;
    }
  }
  YAML::Node inline_values(YAML::NodeType::Map);
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (key == "apiVersion" || key == "kind" || key == "metadata" || key == "valuesFiles" || key == "secrets" ||
        key == "at")
      continue;
    inline_values[key] = entry.second;
  }
  if (!ok ||
      !RequireValues(files, inline_values.size() > 0,
                     "list the values files in valuesFiles of the HostGraft config " + source +
                         ", write the values into it, or name them in HOSTGRAFT_VALUES",
                     diags) ||
      !LoadValues(files, {}, values, diags))
    return false;
  MergeValues(*values, inline_values);
  return true;
}

int ExecPluginCommand(const std::string& config_path, const std::vector<std::string>& args) {
  Options options;
  options.command = "kustomize plugin";
  Diagnostics diags;
  YAML::Node config;
  YAML::Node values;
  // LoadValues reads the config file with the checks a values file gets
  // (duplicate keys, size, one mapping).
  bool ok = ParseOptions(args, &options, &diags) && LoadValues({config_path}, {}, &config, &diags) &&
            ReadPluginConfig(config, config_path, &options, &values, &diags);
  if (!ok) {
    Report(diags, options.command);
    return diags.exit_code() ? diags.exit_code() : kExitUsage;
  }
  SetVerbose(options.verbose);
  return RenderToStdout(options, values, &diags);
}

}  // namespace hostgraft
