#include "krm.h"

#include "checked_write.h"
#include "lint.h"
#include "plugin_config.h"
#include "render_command.h"
#include "stream_reader.h"
#include "yaml_resolve.h"
#include "yaml_text.h"

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

// The document a finding is about: by its position in `stream`, else (a
// generated object) by its resource name among the documents of `output`.
const Document* Subject(const Location& where, const Stream& stream, const Stream& output) {
  if (where.document > 0 && static_cast<size_t>(where.document) <= stream.documents.size())
    return &stream.documents[where.document - 1];
  if (where.document > 0 || where.resource.empty()) return nullptr;
  for (const Document& doc : output.documents)
    if (doc.has_node && doc.Resource() == where.resource) return &doc;
  return nullptr;
}

const char* KrmSeverity(Severity severity) {
  return severity == Severity::kError ? "error" : severity == Severity::kWarning ? "warning" : "info";
}

// One result in the fields of the KRM Functions Specification; a lint
// finding's id and check go in `tags`. Info results carry no fix: they are
// what the function already did.
Value KrmResult(const Location& where, Severity severity, const std::string& message, const std::string& fix,
                const Finding* finding, const Stream& stream, const Stream& output) {
  Value result = Value::Map();
  bool with_fix = !fix.empty() && severity != Severity::kInfo;
  result.Add("message", with_fix ? message + " (fix: " + fix + ")" : message);
  result.Add("severity", KrmSeverity(severity));
  if (const Document* doc = Subject(where, stream, output)) result.Add("resourceRef", ResourceRef(*doc));
  if (!where.path.empty()) result.Add("field", Value::Map({{"path", where.path}}));
  if (!where.file.empty()) result.Add("file", Value::Map({{"path", where.file}}));
  if (finding) result.Add("tags", Value::Map({{"id", finding->id}, {"check", finding->check}}));
  return result;
}

Value FindingResult(const Finding& f, Severity severity, const Stream& stream, const Stream& output) {
  return KrmResult(f.where, severity, f.message, f.fix, &f, stream, output);
}

// Errors and warnings that are no lint finding (the ResourceList itself,
// or a warning about the run such as secrets: none) carry no id.
void AddPlainResults(const Diagnostics& found, const Stream& stream, Value* results) {
  for (const Diagnostic& d : found.all())
    if (d.severity != Severity::kInfo)
      results->Push(KrmResult(d.where, d.severity, d.message, d.fix, nullptr, stream, Stream{}));
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

// What `hostgraft lint` reports for the items, as results: lint's ids by
// the same rules (FindingOf, CheckWiring, FindingsOfRender). Errors and
// warnings come first; with the items transformed (`output`), the wiring
// lint would still find in them (warnings: render does not fix it) and, as
// info, each change and generated object of this run.
Value RunResults(const Diagnostics& prepare, const Diagnostics& rendering, const RenderRun& run, const Stream* output) {
  static const Stream kNone;
  const Stream& out = output ? *output : kNone;
  Value results = Value::List();
  for (const Diagnostic& d : prepare.all())
    if (d.severity != Severity::kInfo) results.Push(FindingResult(FindingOf(d, false), d.severity, run.stream, out));
  for (const Diagnostic& d : rendering.all()) {
    if (d.severity == Severity::kInfo) continue;
    // Of render's warnings only the certificate checks name a secret: lint's
    // certificate-expiry. The others are about the run (secrets: none).
    if (d.severity == Severity::kError || !d.where.file.empty())
      results.Push(FindingResult(FindingOf(d, true), d.severity, run.stream, out));
    else
      results.Push(KrmResult(d.where, d.severity, d.message, d.fix, nullptr, run.stream, out));
  }
  if (!output) return results;
  for (const Finding& f : CheckWiring(run.config, out, nullptr))
    results.Push(FindingResult(f, Severity::kWarning, out, out));
  for (const Finding& f : FindingsOfRender(run.result, run.stream))
    results.Push(FindingResult(f, Severity::kInfo, run.stream, out));
  return results;
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

int RunKrm(const Options& options_in, std::string input, std::string* output, Diagnostics* diags) {
  Options options = options_in;
  Stream list_stream;
  if (!ReadStream(std::move(input), ManifestReadLimits(), &list_stream, diags)) {
    Value results = Value::List();
    AddPlainResults(*diags, Stream{}, &results);
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
    AddPlainResults(*diags, Stream{}, &results);
    *output = WriteResourceList(kResourceListApiVersion, Value::List(), nullptr, std::move(results));
    return kExitUsage;
  }
  const Node* items = root->Get("items");
  if (items && !items->IsSeq()) items = nullptr;
  const Node* function_config = root->Get("functionConfig");
  std::string api_version = list_doc->api_version.empty() ? kResourceListApiVersion : list_doc->api_version;

  // As RenderWithValues, with what comes before Render kept apart: lint
  // tells findings of the configuration from findings of the render.
  Diagnostics prepare, rendering;
  YAML::Node values;
  RenderRun run;
  bool ok = ReadPluginConfig(FunctionConfig(function_config), "functionConfig", &options, &values, &prepare);
  if (ok && items && items->Size() > 0)
    ok = PrepareRender(values, ItemsStream(items), &run, &prepare) &&
         Render(run.config, run.stream, RenderOptionsOf(options, nullptr), &run.result, &rendering);
  diags->Append(prepare);
  diags->Append(rendering);

  Value out_items = Value::List();
  Stream rendered;
  // Read back quietly: the render already warned about what it passed through.
  Diagnostics reread;
  bool transformed = ok && !run.result.output.empty() &&
                     ReadStream(run.result.output.Text(), ManifestReadLimits(), &rendered, &reread);
  if (transformed) {
    for (const Document& doc : rendered.documents)
      if (doc.has_node) out_items.Push(ToValue(*doc.tree().root()));
  } else {
    for (size_t i = 0; items && i < items->Size(); ++i) out_items.Push(ToValue(*items->Item(i)));
  }
  Value results = RunResults(prepare, rendering, run, transformed ? &rendered : nullptr);
  if (reread.has_errors()) {
    diags->Append(reread);
    AddPlainResults(reread, Stream{}, &results);
  }
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
