#include "stream_reader.h"

#include <yaml.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "bounded_read.h"
#include "fast_scan.h"

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

// Document start offsets. A `---` starts a document unless everything
// since the last boundary is comments, blank lines and directives that did
// not follow a `---` themselves: leading comments belong to what follows.
std::vector<size_t> SplitPoints(std::string_view s) {
  std::vector<size_t> starts{0};
  bool pending_has_content = false;
  bool pending_has_marker = false;
  size_t off = 0;
  while (off < s.size()) {
    size_t nl = s.find('\n', off);
    size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    std::string_view line = s.substr(off, end - off);
    if (IsMarker(line, '-')) {
      if (off != starts.back() && (pending_has_content || pending_has_marker)) starts.push_back(off);
      pending_has_marker = true;
      pending_has_content = false;
    } else if (IsMarker(line, '.')) {
      if (end < s.size()) starts.push_back(end);
      pending_has_marker = pending_has_content = false;
    } else if (IsContentLine(line)) {
      pending_has_content = true;
    }
    off = end;
  }
  return starts;
}

struct Frame {
  bool mapping = false;
  bool want_key = true;       // mapping: next scalar is a key
  std::string key;            // mapping: key of the value being read
  std::string path_key;       // key under which this frame sits in its parent
  size_t items = 0;           // sequence: items read so far
  std::vector<std::string> keys;
  std::unordered_set<std::string> key_set;  // once a mapping grows large
  size_t expanded = 1;        // nodes an alias-expanding reader would build
  std::string anchor;
};

class Scanner {
 public:
  Scanner(Document* doc, const ReadLimits& limits, Diagnostics* diags) : doc_(doc), limits_(limits), diags_(diags) {}

  bool Run() {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    std::string_view body = std::string_view(doc_->text).substr(doc_->body_offset);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    bool ok = true;
    int documents = 0;
    for (bool done = false; !done && ok;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        std::string msg = std::string("not valid YAML: ") + (parser.problem ? parser.problem : "parse error");
        if (parser.context) msg += std::string(" ") + parser.context;
        ok = Fail(msg, static_cast<int>(parser.problem_mark.line));
        break;
      }
      int line = static_cast<int>(event.start_mark.line);
      switch (event.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
          if (++documents > 1) ok = Fail("two documents where one was expected", line);
          break;
        case YAML_SCALAR_EVENT:
          ok = Scalar(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length,
                      event.data.scalar.anchor, line);
          break;
        case YAML_ALIAS_EVENT: ok = Alias(reinterpret_cast<const char*>(event.data.alias.anchor), line); break;
        case YAML_SEQUENCE_START_EVENT:
          ok = Open(false, event.data.sequence_start.anchor, line);
          break;
        case YAML_MAPPING_START_EVENT:
          if (stack_.empty() && event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE) doc_->json = true;
          ok = Open(true, event.data.mapping_start.anchor, line);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: ok = Close(line); break;
        default: break;
      }
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return ok;
  }

 private:
  bool Fail(const std::string& message, int line) {
    Location where;
    where.document = doc_->index;
    if (!doc_->kind.empty()) where.resource = doc_->Resource();
    where.line = doc_->first_line + line;
    diags_->Error(kExitBadInput, where, message);
    return false;
  }

  // Called for every node; `text` is set for scalars (used as a key or for
  // the identity fields).
  bool Node(size_t expanded, const std::string_view* text, int line) {
    // An empty root ("---" and nothing) is an empty document, not a node.
    if (!stack_.empty() || !text || !text->empty()) doc_->has_node = true;
    if (stack_.empty()) {
      root_expanded_ = expanded;
      return true;
    }
    Frame& top = stack_.back();
    top.expanded += expanded;
    if (top.expanded > limits_.max_alias_expansion)
      return Fail("aliases expand to more than " + std::to_string(limits_.max_alias_expansion) +
                      " nodes (an alias bomb?)",
                  line);
    if (!top.mapping) {
      ++top.items;
      return true;
    }
    if (top.want_key) {
      top.want_key = false;
      top.key = text ? std::string(*text) : std::string();
      if (!text) return true;  // complex keys are not checked for duplicates
      bool duplicate = false;
      if (top.key_set.empty() && top.keys.size() < 32) {
        for (const std::string& k : top.keys) duplicate = duplicate || k == top.key;
        if (!duplicate) top.keys.push_back(top.key);
      } else {
        if (top.key_set.empty()) top.key_set.insert(top.keys.begin(), top.keys.end());
        duplicate = !top.key_set.insert(top.key).second;
      }
      return !duplicate || DuplicateKey(line);
    }
    top.want_key = true;
    if (text) Identify(*text);
    return true;
  }

  // Whether the key being read at the top of the stack is part of the
  // resource's identity (apiVersion, kind, metadata, metadata.name/namespace).
  bool IdentityKey() const {
    const std::string& key = stack_.back().key;
    if (stack_.size() == 1) return key == "apiVersion" || key == "kind" || key == "metadata";
    return stack_.size() == 2 && stack_[1].path_key == "metadata" && (key == "name" || key == "namespace");
  }

  // "spec.servers[0].hosts": the path of the key being read, from the
  // stack (a sequence's item count is the index of the item being read).
  std::string PathOfKey() const {
    std::string path;
    for (size_t i = 1; i < stack_.size(); ++i) {
      if (stack_[i - 1].mapping) path += (path.empty() ? "" : ".") + stack_[i].path_key;
      else path += "[" + std::to_string(stack_[i - 1].items) + "]";
    }
    return path.empty() ? stack_.back().key : path + "." + stack_.back().key;
  }

  bool DuplicateKey(int line) {
    const Frame& top = stack_.back();
    std::string message = "duplicate mapping key \"" + top.key + "\"";
    if (!limits_.lenient_duplicate_keys) return Fail(message, line);
    if (IdentityKey()) return Fail(message + ": the resource's identity is ambiguous", line);
    std::string path = PathOfKey();
    if (doc_->duplicate_key.key.empty()) doc_->duplicate_key = {top.key, path, doc_->first_line + line};
    Location where;
    where.document = doc_->index;
    if (!doc_->kind.empty()) where.resource = doc_->Resource();
    where.path = path;
    where.line = doc_->first_line + line;
    diags_->Warning(where,
                    message + ": Helm and the API server keep the last value; the document passes through as it "
                              "came, and hostgraft refuses to edit it",
                    "remove the duplicate key from the chart's template");
    return true;
  }

  void Identify(std::string_view value) {
    size_t depth = stack_.size();
    const std::string& key = stack_.back().key;
    if (depth == 1) {
      if (key == "apiVersion") doc_->api_version = value;
      else if (key == "kind") doc_->kind = value;
    } else if (depth == 2 && stack_[1].path_key == "metadata") {
      if (key == "name") doc_->name = value;
      else if (key == "namespace") doc_->namespace_ = value;
    } else if (depth == 3 && stack_[1].path_key == "metadata" && stack_[2].path_key == "annotations" &&
               key == "postrenderer.helm.sh/postrender-filename") {
      doc_->helm4_filename = value;
    }
  }

  bool Scalar(const char* value, size_t length, const unsigned char* anchor, int line) {
    std::string_view text(value, length);
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = 1;
    return Node(1, &text, line);
  }

  bool Alias(const char* anchor, int line) {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) return Fail(std::string("alias *") + anchor + " refers to no anchor", line);
    return Node(it->second, nullptr, line);
  }

  bool Open(bool mapping, const unsigned char* anchor, int line) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      return Fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", line);
    Frame f;
    f.mapping = mapping;
    if (!stack_.empty() && stack_.back().mapping && !stack_.back().want_key) f.path_key = stack_.back().key;
    if (anchor) f.anchor = reinterpret_cast<const char*>(anchor);
    stack_.push_back(std::move(f));
    return true;
  }

  bool Close(int line) {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (!f.anchor.empty()) anchors_[f.anchor] = f.expanded;
    if (stack_.empty()) {
      root_expanded_ = f.expanded;
      return true;
    }
    // A collection used as a mapping key is not a key we check for duplicates.
    return Node(f.expanded, nullptr, line);
  }

  Document* doc_;
  const ReadLimits& limits_;
  Diagnostics* diags_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, size_t> anchors_;
  size_t root_expanded_ = 0;
};

}  // namespace

bool ReadLimitsFromEnv(ReadLimits* limits, Diagnostics* diags) {
  std::string error;
  if (InputLimitFromEnv(&limits->max_input_bytes, &error)) return true;
  diags->Error(kExitUsage, {}, error);
  return false;
}

bool ScanDocument(Document* doc, const ReadLimits& limits, Diagnostics* diags) {
  if (doc->text.size() - doc->body_offset > limits.max_document_bytes) {
    Location where;
    where.document = doc->index;
    where.line = doc->first_line;
    diags->Error(kExitBadInput, where,
                 "document is larger than " + SizeText(limits.max_document_bytes));
    return false;
  }
  ScanFacts facts;
  if (limits.fast_scan && FastScanDocument(std::string_view(doc->text).substr(doc->body_offset), limits, &facts)) {
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
  std::vector<size_t> starts = SplitPoints(s.substr(bom));
  if (starts.size() > limits.max_documents) {
    diags->Error(kExitBadInput, {}, "input has more than " + std::to_string(limits.max_documents) + " documents");
    return false;
  }
  stream->documents.clear();
  stream->documents.reserve(starts.size());
  stream->ends_with_newline = s.empty() || s.back() == '\n';
  int line = 1;
  bool ok = true;
  bool any_node = false;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t begin = i == 0 ? 0 : starts[i] + bom;
    size_t end = i + 1 < starts.size() ? starts[i + 1] + bom : s.size();
    Document& doc = stream->documents.emplace_back();
    doc.index = static_cast<int>(i) + 1;
    doc.text = s.substr(begin, end - begin);
    doc.buffer = stream->input;
    doc.first_line = line;
    doc.body_offset = i == 0 ? bom : 0;
    for (char c : doc.text) line += c == '\n';
    ok = ScanDocument(&doc, limits, diags) && ok;
    any_node = any_node || doc.has_node;
    if (!doc.helm4_filename.empty()) stream->helm4 = true;
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
