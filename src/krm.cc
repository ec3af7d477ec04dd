#include "krm.h"

#include "checked_write.h"
#include "plugin_config.h"
#include "render_command.h"
#include "yaml_resolve.h"

namespace hostgraft {
namespace {

constexpr char kResourceListApiVersion[] = "config.kubernetes.io/v1";

Value ResourceRef(const Document& doc) {
  Value ref = Value::Map();
  ref.Add("apiVersion", doc.api_version);
  ref.Add("kind", doc.kind);
  ref.Add("name", doc.name);
  if (!doc.namespace_.empty()) ref.Add("namespace", doc.namespace_);
  return ref;
}

// The ResourceList's items as a YAML stream render reads, one document each.
std::string ItemsStream(const Node* items) {
  std::string stream;
  for (size_t i = 0; items && i < items->Size(); ++i) stream += "---\n" + RenderBlock(ToValue(*items->Item(i)), 0);
  return stream;
}

// A tree node as yaml-cpp would have loaded it: a plain null is a null, a
// quoted scalar carries the tag "!" (so "true" in quotes stays a string)
// and an explicit tag stays; a duplicate key's last value wins, as in Helm.
YAML::Node ToYamlNode(const Node& node) {
  if (node.IsScalar()) {
    bool plain = node.style == ScalarStyle::kPlain;
    if (plain && node.tag.empty() && ResolvePlainScalar(node.value).type == ScalarType::kNull)
      return YAML::Node(YAML::NodeType::Null);
    YAML::Node scalar(node.value);
    if (!plain) scalar.SetTag("!");
    else if (!node.tag.empty()) scalar.SetTag(node.tag);
    return scalar;
  }
  YAML::Node out(node.IsSeq() ? YAML::NodeType::Sequence : YAML::NodeType::Map);
  for (size_t i = 0; i < node.Size(); ++i) {
    if (node.IsSeq()) out.push_back(ToYamlNode(*node.Item(i)));
    else out[std::string(node.KeyAt(i)->Str())] = ToYamlNode(*node.ValueAt(i));
  }
  return out;
}

// The functionConfig as the node ReadPluginConfig reads; an absent one is an
// empty HostGraft config (values then come from HOSTGRAFT_VALUES).
YAML::Node FunctionConfig(const Node* config) {
  if (config) return ToYamlNode(*config);
  YAML::Node empty(YAML::NodeType::Map);
  empty["apiVersion"] = kPluginApiVersion;
  empty["kind"] = kPluginKind;
  return empty;
}

std::string WriteResourceList(const std::string& api_version, Value items, const Node* function_config,
                              Value results) {
  Value list = Value::Map();
  list.Add("apiVersion", api_version);
  list.Add("kind", "ResourceList");
  list.Add("items", std::move(items));
  if (function_config) list.Add("functionConfig", ToValue(*function_config));
  if (!results.items.empty()) list.Add("results", std::move(results));
  return RenderBlock(list, 0);
}

}  // namespace

void AddKrmResults(const Diagnostics& found, const Stream& items, Value* results) {
  for (const Diagnostic& d : found.all()) {
    if (d.severity == Severity::kInfo) continue;
    Value result = Value::Map();
    result.Add("message", d.fix.empty() ? d.message : d.message + " (fix: " + d.fix + ")");
    result.Add("severity", d.severity == Severity::kError ? "error" : "warning");
    if (d.where.document > 0 && static_cast<size_t>(d.where.document) <= items.documents.size())
      result.Add("resourceRef", ResourceRef(items.documents[d.where.document - 1]));
    if (!d.where.path.empty()) result.Add("field", Value::Map({{"path", d.where.path}}));
    if (!d.where.file.empty()) result.Add("file", Value::Map({{"path", d.where.file}}));
    results->Push(std::move(result));
  }
}

int RunKrm(const Options& options_in, std::string input, std::string* output, Diagnostics* diags) {
  Options options = options_in;
  Stream list_stream;
  if (!ReadStream(std::move(input), ManifestReadLimits(), &list_stream, diags)) {
    Value results = Value::List();
    AddKrmResults(*diags, Stream{}, &results);
    *output = WriteResourceList(kResourceListApiVersion, Value::List(), nullptr, std::move(results));
    return diags->exit_code();
  }
  const Document* list_doc = nullptr;
  int lists = 0;
  for (const Document& doc : list_stream.documents) {
    if (!doc.has_node) continue;
    ++lists;
    list_doc = &doc;
  }
  const Node* root = list_doc ? list_doc->tree().root() : nullptr;
  if (lists != 1 || list_doc->kind != "ResourceList" || !root->IsMap()) {
    diags->Error(kExitUsage, {}, "krm expects one ResourceList on stdin (apiVersion " +
                                     std::string(kResourceListApiVersion) + ")");
    Value results = Value::List();
    AddKrmResults(*diags, Stream{}, &results);
    *output = WriteResourceList(kResourceListApiVersion, Value::List(), nullptr, std::move(results));
    return kExitUsage;
  }
  const Node* items = root->Get("items");
  if (items && !items->IsSeq()) items = nullptr;
  const Node* function_config = root->Get("functionConfig");
  std::string api_version = list_doc->api_version.empty() ? kResourceListApiVersion : list_doc->api_version;

  YAML::Node values;
  RenderRun run;
  bool ok = ReadPluginConfig(FunctionConfig(function_config), "functionConfig", &options, &values, diags);
  if (ok && items && items->Size() > 0) ok = RenderWithValues(options, values, ItemsStream(items), &run, diags);

  Value out_items = Value::List();
  Stream rendered;
  // Read back quietly: the render already warned about what it passed through.
  Diagnostics reread;
  if (ok && !run.result.output.empty() && ReadStream(run.result.output.Text(), ManifestReadLimits(), &rendered, &reread)) {
    for (const Document& doc : rendered.documents)
      if (doc.has_node) out_items.Push(ToValue(*doc.tree().root()));
  } else {
    for (size_t i = 0; items && i < items->Size(); ++i) out_items.Push(ToValue(*items->Item(i)));
  }
  if (reread.has_errors()) diags->Append(reread);
  Value results = Value::List();
  AddKrmResults(*diags, run.stream, &results);
  *output = WriteResourceList(api_version, std::move(out_items), function_config, std::move(results));
  return diags->has_errors() ? diags->exit_code() : kExitOk;
}

int KrmCommand(const Options& options) {
  Diagnostics diags;
  std::string input, output;
  if (!ReadInputStream("", &input, &diags)) {
    Report(diags, options.command);
    return diags.exit_code();
  }
  int code = RunKrm(options, std::move(input), &output, &diags);
  // The ResourceList carries the results even when the run failed.
  if (!WriteStdout(output, "the ResourceList", &diags)) code = kExitWriteFailed;
  Report(diags, options.command);
  return code;
}

}  // namespace hostgraft
