// fast scan: reads one document in the block-YAML subset charts emit, in
// one pass and without libyaml, and learns what the libyaml scan in
// stream_reader.cc learns. Anything outside the subset, or any doubt, is
// left to libyaml: the fast scan never accepts a document libyaml refuses
// or reads differently.
#pragma once

#include <optional>
#include <string_view>

#include "document.h"
#include "stream_reader.h"

namespace hostgraft {

// What a scan learns about a document. An identity field is set when its key
// was read, even with an empty value: applied to a Document it overwrites
// exactly the fields the libyaml scan overwrites. The views point into the
// scanned bytes. An accepted document's root is a block collection, never
// JSON.
struct ScanFacts {
  bool has_node = false;
  std::optional<std::string_view> api_version, kind, name, namespace_, helm4_filename;
};

// Scans `body` (a document's bytes from its body_offset). True: the document
// is in the subset, libyaml would accept it with no diagnostic, and `facts`
// holds what it would learn. False: defer to libyaml (`facts` is then
// partial and meaningless).
//
// The subset: comments, blank lines, one leading `---` line; block mappings
// and block sequences (compact `- key: v` and `- - x` too); plain, single- and
// double-quoted scalars on one line; literal and folded block scalars. It
// defers on anchors, aliases, tags, flow collections, directives, `...`,
// complex keys, multi-line plain or quoted scalars, tabs outside comments
// and block scalar text, escapes in keys and identity values, duplicate keys,
// bytes libyaml refuses or reads as line breaks, and nesting or node counts
// past `limits`.
bool FastScanDocument(std::string_view body, const ReadLimits& limits, ScanFacts* facts);

// Copies what a scan learned into `doc`, as the libyaml scan records it.
void ApplyScanFacts(const ScanFacts& facts, Document* doc);

}  // namespace hostgraft
