#include "stream_reader.h"

#include <cerrno>
#include <cstdlib>
#include <string_view>

#include "bounded_read.h"
#include "fast_scan.h"
#include "yaml_reader.h"

namespace hostgraft {
namespace {

// A column-0 "---" or "..." followed by a blank or the line end: the only
// places a document can begin or end (YAML 1.2 c-forbidden).
bool IsMarker(std::string_view line, char c) {
  if (line.size() < 3 || line[0] != c || line[1] != c || line[2] != c) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\n';
}

bool IsContentLine(std::string_view line) {
  size_t i = line.find_first_not_of(" \t\n");
  if (i == std::string_view::npos) return false;
  return line[i] != '#' && !(i == 0 && line[0] == '%');
}

void NormaliseLineEnds(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 0; i < s->size(); ++i) {
    if ((*s)[i] == '\r' && i + 1 < s->size() && (*s)[i + 1] == '\n') continue;
    out += (*s)[i];
  }
  s->swap(out);
}

// Whether any line of `lines` is content: not blank, not a comment, not a
// directive at column 0. Stops at the first one (usually the first line).
bool HasContentLine(std::string_view lines) {
  for (size_t off = 0; off < lines.size();) {
    size_t nl = lines.find('\n', off);
    size_t end = nl == std::string_view::npos ? lines.size() : nl + 1;
    if (IsContentLine(lines.substr(off, end - off))) return true;
    off = end;
  }
  return false;
}

struct DocumentStart {
  size_t offset;
  int line;  // 1-based
};

// Where documents start, and on which line. A `---` starts a document
// unless everything since the last boundary is comments, blank lines and
// directives that did not follow a `---` themselves: leading comments
// belong to what follows. One byte loop over the text finds the line
// starts (a function call per line cost more than the loop, at 40,000
// documents); only lines that begin with `-` or `.` are looked at.
std::vector<DocumentStart> SplitPoints(std::string_view s) {
  std::vector<DocumentStart> starts{{0, 1}};
  bool pending_has_marker = false;
  size_t region = 0;  // the lines since the last marker line
  int line = 1;
  for (size_t off = 0; off < s.size(); ++line) {
    size_t end = off;
    while (end < s.size() && s[end] != '\n') ++end;
    end = end < s.size() ? end + 1 : end;
    const char c = s[off];
    if ((c == '-' || c == '.') && IsMarker(s.substr(off, end - off), c)) {
      if (c == '-') {
        bool pending_has_content = HasContentLine(s.substr(region, off - region));
        if (off != starts.back().offset && (pending_has_content || pending_has_marker)) starts.push_back({off, line});
        pending_has_marker = true;
      } else {
        if (end < s.size()) starts.push_back({end, line + 1});
        pending_has_marker = false;
      }
      region = end;
    }
    off = end;
  }
  return starts;
}

// Checks one document with the YAML reader and reads its identity on the
// way: apiVersion, kind, metadata.name/namespace and Helm 4's file name.
class Scanner {
 public:
  Scanner(Document* doc, const ReadLimits& limits, Diagnostics* diags) : doc_(doc), limits_(limits), diags_(diags) {}

  bool Run() {
    YamlReadOptions options;
    options.max_depth = limits_.max_depth;
    options.max_alias_expansion = limits_.max_alias_expansion;
    options.duplicate_keys = DuplicateKeys::kReport;
    options.first_line = doc_->first_line;
    YamlReader r(doc_->Body(), options);
    while (r.Next()) {
      switch (r.type()) {
        case YAML_SCALAR_EVENT:
          // An empty root ("---" and nothing) is an empty document, not a node.
          if (r.depth() > 0 || !r.scalar().empty()) doc_->has_node = true;
          if (r.duplicate() && !DuplicateKey(r)) return false;
          if (!r.is_key()) Identify(r);
          break;
        case YAML_MAPPING_START_EVENT:
          if (r.depth() == 0 && r.event().data.mapping_start.style == YAML_FLOW_MAPPING_STYLE) doc_->json = true;
          doc_->has_node = true;
          break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_ALIAS_EVENT: doc_->has_node = true; break;
        default: break;
      }
    }
    return !r.error() || Fail(r.error()->message, r.error()->fix, r.error()->line);
  }

 private:
  // Where a line of the stream is in the document.
  Location Where(int line) const {
    Location where;
    where.document = doc_->index;
    if (!doc_->kind.empty()) where.resource = doc_->Resource();
    where.line = line;
    return where;
  }

  bool Fail(const std::string& message, const std::string& fix, int line) {
    diags_->Error(kExitBadInput, Where(line), message, fix);
    return false;
  }

  // Whether the key `r` is at is part of the resource's identity
  // (apiVersion, kind, metadata, metadata.name/namespace).
  static bool IdentityKey(const YamlReader& r) {
    std::string_view key = r.scalar();
    if (r.depth() == 1) return key == "apiVersion" || key == "kind" || key == "metadata";
    return r.depth() == 2 && r.key(0) == "metadata" && (key == "name" || key == "namespace");
  }

  bool DuplicateKey(const YamlReader& r) {
    const YamlError& dup = *r.duplicate();
    const std::string fix = "remove the duplicate key from the chart's template";
    if (!limits_.lenient_duplicate_keys) return Fail(dup.message, dup.fix, dup.line);
    if (IdentityKey(r)) return Fail(dup.message + ": the resource's identity is ambiguous", fix, dup.line);
    Location where = Where(dup.line);
    where.path = r.Path();
    if (!doc_->duplicate_key)
      doc_->duplicate_key =
          std::make_shared<const Document::DuplicateKey>(Document::DuplicateKey{std::string(r.scalar()), where.path, where.line});
    diags_->Warning(where,
                    dup.message + ": Helm and the API server keep the last value; the document passes through as it "
                                  "came, and hostgraft refuses to edit it",
                    fix);
    return true;
  }

  void Identify(const YamlReader& r) {
    size_t depth = r.depth();
    if (depth == 0 || depth > 3) return;
    std::string_view keys[3];
    for (size_t i = 0; i < depth; ++i) keys[i] = r.key(i);
    std::string_view value = r.scalar();
    switch (IdentityFieldAt({keys, depth})) {
      case IdentityField::kApiVersion: doc_->api_version = value; break;
      case IdentityField::kKind: doc_->kind = value; break;
      case IdentityField::kName: doc_->name = value; break;
      case IdentityField::kNamespace: doc_->namespace_ = value; break;
      case IdentityField::kHelm4Filename: doc_->helm4 = !value.empty(); break;
      case IdentityField::kNone: break;
    }
  }

  Document* doc_;
  const ReadLimits& limits_;
  Diagnostics* diags_;
};

}  // namespace

bool ReadLimitsFromEnv(ReadLimits* limits, Diagnostics* diags) {
  std::string error;
  if (InputLimitFromEnv(&limits->max_input_bytes, &error)) return true;
  diags->Error(kExitUsage, {}, error);
  return false;
}

bool ScanDocument(Document* doc, const ReadLimits& limits, Diagnostics* diags) {
  if (doc->Body().size() > limits.max_document_bytes) {
    Location where;
    where.document = doc->index;
    where.line = doc->first_line;
    diags->Error(kExitBadInput, where,
                 "document is larger than " + SizeText(limits.max_document_bytes));
    return false;
  }
  ScanFacts facts;
  if (limits.fast_scan && FastScanDocument(doc->Body(), limits, &facts)) {
    ApplyScanFacts(facts, doc);
    return true;
  }
  return Scanner(doc, limits, diags).Run();
}

bool ReadStream(std::string input, const ReadLimits& limits, Stream* stream, Diagnostics* diags) {
  if (input.size() > limits.max_input_bytes) {
    diags->Error(kExitBadInput, {}, "input is larger than " + SizeText(limits.max_input_bytes),
                 "set HOSTGRAFT_MAX_INPUT_MB to a larger number of MiB if the input is what you meant");
    return false;
  }
  NormaliseLineEnds(&input);
  stream->input = std::make_shared<const std::string>(std::move(input));
  std::string_view s = *stream->input;
  size_t bom = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::vector<DocumentStart> starts = SplitPoints(s.substr(bom));
  if (starts.size() > limits.max_documents) {
    diags->Error(kExitBadInput, {}, "input has more than " + std::to_string(limits.max_documents) + " documents");
    return false;
  }
  stream->documents.clear();
  stream->documents.reserve(starts.size());
  stream->ends_with_newline = s.empty() || s.back() == '\n';
  bool ok = true;
  bool any_node = false;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t begin = i == 0 ? 0 : starts[i].offset + bom;
    size_t end = i + 1 < starts.size() ? starts[i + 1].offset + bom : s.size();
    Document& doc = stream->documents.emplace_back();
    doc.index = static_cast<int>(i) + 1;
    doc.text = s.substr(begin, end - begin);
    doc.buffer = stream->input;
    doc.first_line = starts[i].line;
    doc.body_offset = i == 0 ? bom : 0;
    ok = ScanDocument(&doc, limits, diags) && ok;
    any_node = any_node || doc.has_node;
    if (doc.helm4) stream->helm4 = true;
  }
  if (ok && !any_node) {
    diags->Error(kExitBadInput, {},
                 "input has no YAML documents: Helm would install an empty release, and an upgrade would delete "
                 "every resource of the release",
                 "check the command that feeds hostgraft (set -o pipefail) and that the chart rendered anything");
    return false;
  }
  return ok;
}

}  // namespace hostgraft
