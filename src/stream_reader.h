// read: takes the stream into one buffer, splits it into documents (views of
// their bytes) and checks every document, reading
// kind/apiVersion/name/namespace on the way: the block YAML charts emit with
// the fast scan (fast_scan.h), anything else with libyaml's event parser
// (yaml_reader.h), which never hangs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bounded_read.h"
#include "diagnostics.h"
#include "document.h"

namespace hostgraft {

struct ReadLimits {
  size_t max_document_bytes = 64u << 20;
  size_t max_input_bytes = kDefaultMaxInputBytes;  // HOSTGRAFT_MAX_INPUT_MB
  size_t max_documents = 200000;
  int max_depth = 256;
  size_t max_alias_expansion = 1000000;  // nodes an alias-expanding reader would build
  // Manifest streams pass a duplicate mapping key (Helm and the API server
  // accept it, the last value winning) with a warning, unless it makes the
  // resource's identity ambiguous; values files, secrets and plugin
  // configs stay strict.
  bool lenient_duplicate_keys = false;
  // Documents in the block subset charts emit are read by the fast scan
  // (fast_scan.h); false reads every document with libyaml (tests compare
  // the two).
  bool fast_scan = true;
};

// The input, read once into one buffer that nothing changes afterwards:
// documents are views into it, and the output refers to it for every
// document no step edits.
struct Stream {
  std::shared_ptr<const std::string> input;  // the whole stream, line ends normalised
  std::vector<Document> documents;           // in order; their texts cover `input`
  bool helm4 = false;  // documents carry postrenderer.helm.sh/postrender-filename
  bool ends_with_newline = true;
};

// The limits of a manifest stream (render, lint, krm): lenient about
// duplicate keys outside a resource's identity.
inline ReadLimits ManifestReadLimits() {
  ReadLimits limits;
  limits.lenient_duplicate_keys = true;
  return limits;
}

// The default limits with max_input_bytes from HOSTGRAFT_MAX_INPUT_MB when
// it is set; a value that is not a whole number of MiB from 1 to 1048576 is
// an error (exit 2).
bool ReadLimitsFromEnv(ReadLimits* limits, Diagnostics* diags);

// Takes `input` as the stream's buffer (CRLF line ends normalised here),
// splits it and checks each document. Errors carry exit code 4.
bool ReadStream(std::string input, const ReadLimits& limits, Stream* stream, Diagnostics* diags);

// Checks one document's bytes and fills its identity fields.
bool ScanDocument(Document* doc, const ReadLimits& limits, Diagnostics* diags);

}  // namespace hostgraft
