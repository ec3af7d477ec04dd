#include "diff_command.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "checked_write.h"
#include "redact.h"
#include "render_command.h"
#include "secret_mask.h"
#include "unified_diff.h"

namespace hostgraft {
namespace {

// One document of the output and what it was in the input.
struct DocumentPair {
  const Document* input = nullptr;  // null: generated
  std::string_view output;          // its bytes in the output stream
  std::string_view appended;        // a line break render put after it (the input's last line had none)
  const GeneratedDocument* generated = nullptr;
};

// Every document with its bytes in the output, as Render recorded them. An
// input whose last line has no line break gains one before generated
// documents: it shows on the last input document.
std::vector<DocumentPair> PairDocuments(const Stream& stream, const RenderResult& result) {
  std::vector<DocumentPair> pairs;
  const std::vector<std::string_view>& outputs = result.document_outputs;
  size_t i = 0;
  for (const Document& doc : stream.documents) pairs.push_back({&doc, outputs[i++], {}, nullptr});
  for (const GeneratedDocument& g : result.generated) pairs.push_back({nullptr, outputs[i++], {}, &g});
  // WriteStream's rule: the line break goes after the last input byte.
  for (size_t d = stream.documents.size(); d-- > 0 && !result.generated.empty();) {
    if (outputs[d].empty()) continue;
    if (outputs[d].back() != '\n') pairs[stream.documents.size() - 1].appended = "\n";
    break;
  }
  return pairs;
}

// "Deployment/reg-a/redash-viewer": kind/namespace/name, "_" for no
// namespace (no namespace is named so); "document-7" for one without kind.
std::string ResourcePath(std::string_view kind, std::string_view ns, std::string_view name, int index) {
  if (kind.empty()) return "document-" + std::to_string(index);
  return EscapeControl(std::string(kind) + "/" + std::string(ns.empty() ? "_" : ns) + "/" +
                       std::string(name.empty() ? "_" : name));
}

// The output document as a Document, for masking: an edited one keeps its
// input's identity, a generated one takes its own.
Document OutputDocument(const DocumentPair& pair, std::string_view text) {
  Document doc;
  if (pair.input) {
    doc = *pair.input;
    doc.tree_.reset();
  } else {
    doc.has_node = true;
    doc.api_version = pair.generated->ApiVersion();
    doc.kind = pair.generated->kind;
    doc.namespace_ = pair.generated->Namespace();
    doc.name = pair.generated->name;
  }
  doc.text = text;
  return doc;
}

// Appends the diff of one changed document. False when it cannot be
// masked (it does not parse: a bug, refused rather than shown unmasked).
bool AppendDocumentDiff(const DocumentPair& pair, std::string_view after, bool colour, std::string* out) {
  Document output = OutputDocument(pair, after);
  std::string before_text, after_text;
  if (pair.input && !MaskSecrets(*pair.input, &output, DiffSide::kBefore, &before_text)) return false;
  if (!MaskSecrets(output, pair.input, DiffSide::kAfter, &after_text)) return false;
  std::string hunks = UnifiedHunks(before_text, after_text, colour);
  if (hunks.empty()) return true;
  std::string path = pair.input ? ResourcePath(pair.input->kind, pair.input->namespace_, pair.input->name,
                                               pair.input->index)
                                : ResourcePath(output.kind, output.namespace_, output.name, 0);
  AppendDiffLine(DiffLineKind::kHeader, pair.input ? "--- a/" + path : "--- /dev/null", colour, out);
  AppendDiffLine(DiffLineKind::kHeader, "+++ b/" + path, colour, out);
  *out += hunks;
  return true;
}

// The diff of a finished render; *changed: whether any document differs.
bool RenderDiff(const RenderRun& run, bool colour, std::string* diff, bool* changed, Diagnostics* diags) {
  *changed = false;
  for (const DocumentPair& pair : PairDocuments(run.stream, run.result)) {
    // A view of the input is the input: no copy, no comparison.
    if (pair.input && pair.output.data() == pair.input->text.data() && pair.appended.empty()) continue;
    std::string after(pair.output);
    after += pair.appended;
    if (pair.input && after == pair.input->text) continue;
    *changed = true;
    if (!AppendDocumentDiff(pair, after, colour, diff)) {
      Location where;
      if (pair.input) where = {pair.input->index, pair.input->Resource(), {}, pair.input->first_line, {}};
      else where.resource = pair.generated->Resource();
      diags->Error(kExitUsage, where, "internal error: the rendered document does not parse, so its secrets cannot be "
                   "masked; nothing was written", "report this with the input document");
      return false;
    }
  }
  return true;
}

// Colour only for a person at a terminal: not in a file or pipe, not with
// NO_COLOR set (no-color.org), not on a dumb terminal.
bool UseColour() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(1) && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
}

// Render's diagnostics with diff's exit codes, for stderr, the error log
// and the exit: a refused certificate is 6, since diff's 1 means changes.
Diagnostics WithDiffExitCodes(const Diagnostics& diags) {
  Diagnostics mapped;
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == Severity::kError)
      mapped.Error(d.exit_code == kExitFindings ? kExitDiffCertificate : d.exit_code, d.where, d.message, d.fix);
    else if (d.severity == Severity::kWarning)
      mapped.Warning(d.where, d.message, d.fix);
    else
      mapped.Info(d.where, d.message);
  }
  return mapped;
}

}  // namespace

int DiffCommand(const Options& options) {
  Diagnostics diags;
  YAML::Node values;
  RenderRun run;
  std::string input, diff;
  bool changed = false;
  bool ok = LoadCommandValues(options, &values, &diags) && ReadInputStream("", &input, &diags) &&
            RenderWithValues(options, values, std::move(input), &run, &diags) && !diags.has_errors() &&
            RenderDiff(run, UseColour(), &diff, &changed, &diags) &&
            WriteStdout(diff, "the diff", &diags);
  Diagnostics reported = WithDiffExitCodes(diags);
  Report(reported, options.command);
  if (ok) return changed ? kExitDiffChanged : kExitOk;
  return reported.exit_code() ? reported.exit_code() : kExitUsage;
}

}  // namespace hostgraft
