// The stream reader: split + scan + tree, then an edit applied to a changed
// document. Properties: the documents put together are the input (line ends
// normalised); a scanned document has a tree; an edited document scans again
// and carries the new value where the old one was.
#include <cstdint>
#include <string>

#include "edits.h"
#include "fuzz_check.h"
#include "stream_reader.h"
#include "yaml_tree.h"

using namespace hostgraft;

namespace {

constexpr const char* kNewValue = "changed.example.com";

// The first scalar value (not a key, not reached through an alias) in
// document order, the kind of node a step replaces.
const Node* FirstValueScalar(const Node* n) {
  if (n->alias) return nullptr;
  if (n->IsScalar()) return n;
  for (size_t i = 0; i < n->children.size(); ++i) {
    if (n->IsMap() && i % 2 == 0) continue;
    if (const Node* found = FirstValueScalar(n->children[i])) return found;
  }
  return nullptr;
}

bool HasScalar(const Node* n, const std::string& value) {
  if (n->IsScalar()) return n->value == value;
  for (const Node* c : n->children)
    if (HasScalar(c, value)) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  ReadLimits limits;
  limits.max_alias_expansion = 100000;  // keeps each run fast; the limit itself is what is tested
  Stream stream;
  Diagnostics diags;
  bool ok = ReadStream(input, limits, &stream, &diags);
  FUZZ_CHECK(ok != diags.has_errors(), "ReadStream's result and its diagnostics disagree");
  if (!ok) {
    FUZZ_CHECK(diags.exit_code() == kExitBadInput, "a stream error is not exit 4");
    return 0;
  }
  std::string joined;
  for (const Document& doc : stream.documents) joined += doc.text;
  if (input.find('\r') == std::string::npos) FUZZ_CHECK(joined == input, "the documents do not add up to the input");

  for (const Document& doc : stream.documents) {
    if (!doc.has_node) continue;
    const Tree& tree = doc.tree();
    FUZZ_CHECK(tree.ok(), "a document that scanned clean has no tree");
    const Node* scalar = FirstValueScalar(tree.root());
    if (!scalar || scalar == tree.root()) continue;  // steps edit inside resources
    Edits edits(doc);
    edits.ReplaceScalar(*scalar, kNewValue);
    std::string edited_text;
    FUZZ_CHECK(edits.Apply(&edited_text), "one replacement counted as overlapping edits");
    Document edited = doc;
    edited.text = edited_text;
    edited.tree_.reset();
    Diagnostics check;
    FUZZ_CHECK(ScanDocument(&edited, limits, &check), "an edited document does not scan");
    FUZZ_CHECK(edited.tree().ok() && HasScalar(edited.tree().root(), kNewValue),
               "an edited document lost its new value");
  }
  return 0;
}
