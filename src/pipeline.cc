#include "pipeline.h"

#include <algorithm>
#include <set>

#include "cert_check.h"
#include "collision_guard.h"
#include "config_summary.h"
#include "log.h"
#include "placeholder_guard.h"
#include "secret_stores.h"

namespace hostgraft {

namespace {

const Value* Field(const Value& map, std::string_view key) {
  for (const auto& [name, value] : map.entries)
    if (name == key) return &value;
  return nullptr;
}

}  // namespace

std::string GeneratedDocument::ApiVersion() const {
  const Value* v = Field(body, "apiVersion");
  return v ? v->str : std::string();
}

std::string GeneratedDocument::Namespace() const {
  const Value* meta = Field(body, "metadata");
  const Value* ns = meta ? Field(*meta, "namespace") : nullptr;
  return ns ? ns->str : std::string();
}

std::string GeneratedDocument::Resource() const {
  std::string ns = Namespace();
  return kind + " " + (ns.empty() ? "" : ns + "/") + name;
}

const TlsMaterial* RenderContext::Material(const std::string& path) const {
  auto it = material.find(path);
  return it == material.end() ? nullptr : &it->second;
}

namespace {

void LogSink(void*, const std::string& line) { Log(line); }

// plan: every secret every step needs, before anything is fetched.
std::vector<SecretNeed> PlanSecrets(const RenderContext& ctx) {
  std::vector<SecretNeed> needs;
  for (const auto& step : AllSteps()) step->Plan(ctx, &needs);
  return needs;
}

// A secret path built with a discovered registry name may be wrong only
// because discovery guessed: say where the name came from and what settles it.
std::string RegistryHint(const Config& config, const std::string& path) {
  if (config.registry_discovered_at.empty() || path.find(config.registry) == std::string::npos) return {};
  return "the registry name \"" + config.registry + "\" in this path was discovered at " +
         config.registry_discovered_at + ": if this registry has another name, set hostgraft.registry";
}

// fetch + check: each distinct path read once, then each use checked
// against the rules of DESIGN.md section 7.
void FetchAndCheck(const std::vector<SecretNeed>& needs, SecretStore* store, RenderContext* ctx, Diagnostics* sink) {
  std::vector<std::string> paths;
  std::set<std::string> seen;
  for (const SecretNeed& n : needs)
    if (seen.insert(n.path).second) paths.push_back(n.path);
  double t0 = ElapsedMs();
  std::map<std::string, SecretResult> results = store->Read(paths);
  Log("fetch: " + std::to_string(paths.size()) + " secret(s) from " + store->Describe() + " in " +
      std::to_string(static_cast<int>(ElapsedMs() - t0)) + " ms");
  // A path refused for one use is used nowhere (two hosts may share a path).
  std::set<std::string> refused;
  for (const SecretNeed& need : needs) {
    Location where;
    where.file = need.path;
    where.resource = need.purpose;
    const SecretResult& r = results[need.path];
    if (r.error || !r.fields) {
      SecretError e = r.error.value_or(SecretError{kExitSecretStore, "no answer for " + need.path, {}});
      const std::string hint = RegistryHint(ctx->config, need.path);
      sink->Error(e.exit_code, where, e.message, e.fix.empty() || hint.empty() ? e.fix + hint : e.fix + "; " + hint);
      refused.insert(need.path);
      continue;
    }
    TlsMaterial material;
    if (!DecodeTlsMaterial(*r.fields, need.path, need.need_key, need.need_ca, &material, sink)) {
      refused.insert(need.path);
      continue;
    }
    CertCheckRequest req = CertCheckRequestFor(ctx->config, need.host, ctx->at, where);
    req.client_auth = need.client_auth;
    if (!material.certificate.empty() && !CheckTlsMaterial(material, req, sink)) {
      refused.insert(need.path);
      continue;
    }
    Log("check: " + need.path + " accepted for " + need.purpose);
    ctx->material[need.path] = std::move(material);
  }
  for (const std::string& path : refused) ctx->material.erase(path);
}

// No --secrets and no VAULT_ADDR, yet the steps need TLS material: going
// on without it would install the release without its Routes and Secrets
// and say so only in a warning Helm and kustomize swallow (DESIGN.md 2).
void RefuseWithoutStore(const std::vector<SecretNeed>& needs, Diagnostics* diags) {
  std::string purposes;
  std::set<std::string> seen;
  for (const SecretNeed& n : needs)
    if (seen.insert(n.purpose).second) purposes += (purposes.empty() ? "" : ", ") + n.purpose;
  diags->Error(kExitUsage, {},
               "this render needs TLS material (" + purposes + ") and no secret store is chosen: no --secrets and no "
               "VAULT_ADDR",
               "choose one: --secrets vault (with VAULT_ADDR set), --secrets files:DIR, or --secrets none to render "
               "without TLS material (then nothing that needs a certificate is generated)");
}

// Every input document, edited or as it came, then the generated ones, into
// result->output and result->document_outputs. Untouched documents stay
// views into the input.
void WriteStream(const Stream& stream, EditedTexts edited, RenderResult* result) {
  OutputStream& out = result->output;
  out = OutputStream(stream.input);
  std::vector<std::string_view>& documents = result->document_outputs;
  documents.clear();
  for (const Document& doc : stream.documents) {
    auto it = edited.find(doc.index);
    if (it == edited.end()) out.AddView(doc.text);
    documents.push_back(it == edited.end() ? doc.text : out.AddText(std::move(it->second)));
  }
  if (!result->generated.empty() && !out.empty() && out.back() != '\n') out.AddText("\n");
  for (const GeneratedDocument& g : result->generated) documents.push_back(out.AddText(WriteGenerated(g, stream.helm4)));
}

}  // namespace

bool Render(const Config& config, const Stream& stream, const RenderOptions& options, RenderResult* result,
            Diagnostics* diags) {
  RenderContext ctx{config, stream, *diags, options.at, false, {}};
  std::vector<SecretNeed> needs = PlanSecrets(ctx);
  std::unique_ptr<SecretStore> opened;
  SecretStore* store = options.store;
  if (!store && !needs.empty()) {
    if (ChosenSecrets(options.secrets).empty()) {
      RefuseWithoutStore(needs, diags);
      return false;
    }
    // Without -v no log sink: the Vault client then knows that nothing of
    // its own reaches stderr while it draws its progress line.
    opened = MakeSecretStore(options.secrets, config.vault, Verbose() ? LogSink : nullptr, nullptr, diags);
    store = opened.get();
  }
  if (diags->has_errors()) return false;
  ctx.secrets_available = store != nullptr;
  result->secrets_available = ctx.secrets_available;
  if (store && !needs.empty()) {
    FetchAndCheck(needs, store, &ctx, options.check_findings ? options.check_findings : diags);
  } else {
    for (const SecretNeed& n : needs)
      diags->Warning({}, "no TLS material for " + n.purpose + " (secret " + n.path + "): --secrets none",
                     "pass --secrets vault or --secrets files:DIR to attach certificates");
  }
  if (diags->has_errors()) return false;

  // apply: each step edits the documents it wants; the splices of all steps
  // on one document are applied to its original bytes together.
  // The input never changes: Generate reads it as it came (a Gateway's
  // namespace, a Route's port), edited or not.
  EditedTexts edited_texts;
  for (const Document& doc : stream.documents) {
    Edits edits(doc);
    if (doc.has_node && !doc.kind.empty())
      for (const auto& step : AllSteps())
        if (step->Wants(doc)) step->Apply(ctx, doc, &edits);
    for (const RefusedEdit& r : edits.refused())
      diags->Warning({doc.index, doc.Resource(), r.path, r.line, {}},
                     "not edited: this node is shared through a YAML alias, and an edit would change every place "
                     "that refers to it",
                     "write the value out in the chart's template instead of the anchor and alias");
    if (edits.empty()) continue;
    if (doc.duplicate_key) {
      // Which of the duplicates would the edit concern? Helm keeps the last,
      // the edit could land in the first: refuse rather than guess.
      std::string edit;
      if (!edits.changes().empty()) edit = " (" + edits.changes()[0].step + ": " + edits.changes()[0].path + ")";
      diags->Error(kExitBadInput, {doc.index, doc.Resource(), doc.duplicate_key->path, doc.duplicate_key->line, {}},
                   "duplicate mapping key \"" + doc.duplicate_key->key + "\" in a document hostgraft must edit" + edit,
                   "remove the duplicate key from the chart's template");
      continue;
    }
    std::string edited_text;
    Document edited = doc;
    edited.tree_.reset();
    Diagnostics check;
    bool applied = edits.Apply(&edited_text);
    edited.text = edited_text;
    if (!applied || !ScanDocument(&edited, ReadLimits{}, &check)) {
      // Overlapping edits or a splice that does not parse are bugs; refuse
      // rather than ship a broken document.
      diags->Error(kExitUsage, {doc.index, doc.Resource(), {}, doc.first_line, {}},
                   "internal error: the edits of this document overlap or do not parse; nothing was written",
                   "report this with the input document");
      continue;
    }
    for (const Change& c : edits.changes()) {
      Log("apply: " + c.step + ": document " + std::to_string(doc.index) + " (" + doc.Resource() + ") " + c.path +
          ": " + c.what);
      result->changes.emplace_back(doc.index, c);
    }
    edited_texts[doc.index] = std::move(edited_text);
  }
  for (const auto& step : AllSteps()) step->Generate(ctx, &result->generated);
  std::stable_sort(result->generated.begin(), result->generated.end(),
                   [](const GeneratedDocument& a, const GeneratedDocument& b) {
                     return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
                   });
  for (const GeneratedDocument& g : result->generated) Log("generate: " + g.step + ": " + g.kind + " " + g.name);
  if (diags->has_errors()) return false;
  if (!RefuseNameCollisions(stream, result->generated, diags) ||
      !RefusePlaceholdersLeft(ctx, options, edited_texts, result->generated))
    return false;
  WriteStream(stream, std::move(edited_texts), result);
  DescribeOutcome(config, *result, diags);
  return true;
}

std::string GeneratedSourceName(const GeneratedDocument& g) {
  std::string kind = g.kind;
  std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
  return "hostgraft/" + kind + "-" + g.name + ".yaml";
}

std::string WriteGenerated(const GeneratedDocument& g, bool helm4) {
  std::string source = GeneratedSourceName(g);
  if (!helm4) return "---\n# Source: " + source + "\n" + RenderBlock(g.body, 0);
  // Helm 4 prints its own `# Source:` line for every document, named by this
  // annotation (generated-by-postrender-N without it): a second line of
  // ours would be one too many.
  Value body = g.body;
  for (auto& [key, meta] : body.entries) {
    if (key != "metadata") continue;
    auto it = std::find_if(meta.entries.begin(), meta.entries.end(),
                           [](const auto& e) { return e.first == "annotations"; });
    if (it == meta.entries.end()) {
      meta.Add("annotations", Value::Map());
      it = meta.entries.end() - 1;
    }
    it->second.Add("postrenderer.helm.sh/postrender-filename", source);
  }
  return "---\n" + RenderBlock(body, 0);
}

}  // namespace hostgraft
