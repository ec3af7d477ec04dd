// The fast scan against libyaml's, on one document. Properties: when the
// fast scan accepts, the libyaml scan accepts too, with no diagnostic, and
// fills the same fields of a Document (one that already holds an identity,
// as a rescanned edited document does); ScanDocument gives the same result
// and diagnostics with the fast scan on and off. Checked with the default
// limits, leniently about duplicate keys, and with tight depth and node
// limits.
#include <cstdint>
#include <string>

#include "fast_scan.h"
#include "fuzz_check.h"
#include "stream_reader.h"

using namespace hostgraft;

namespace {

Document Prefilled(const std::string& text) {
  Document doc;
  doc.index = 1;
  doc.text = text;
  doc.api_version = "old/v1";
  doc.kind = "OldKind";
  doc.name = "old-name";
  doc.namespace_ = "old-namespace";
  return doc;
}

bool SameFields(const Document& a, const Document& b) {
  return a.has_node == b.has_node && a.json == b.json && a.api_version == b.api_version && a.kind == b.kind &&
         a.name == b.name && a.namespace_ == b.namespace_ && a.helm4 == b.helm4 &&
         (a.duplicate_key == nullptr) == (b.duplicate_key == nullptr) &&
         (!a.duplicate_key || (a.duplicate_key->key == b.duplicate_key->key &&
                               a.duplicate_key->path == b.duplicate_key->path &&
                               a.duplicate_key->line == b.duplicate_key->line));
}

bool SameDiagnostics(const Diagnostics& a, const Diagnostics& b) {
  if (a.all().size() != b.all().size()) return false;
  for (size_t i = 0; i < a.all().size(); ++i)
    if (FormatDiagnostic(a.all()[i]) != FormatDiagnostic(b.all()[i])) return false;
  return true;
}

void Check(const std::string& input, ReadLimits limits) {
  limits.fast_scan = false;
  Document slow = Prefilled(input);
  Diagnostics slow_diags;
  bool slow_ok = ScanDocument(&slow, limits, &slow_diags);

  ScanFacts facts;
  if (FastScanDocument(input, limits, &facts)) {
    FUZZ_CHECK(slow_ok, "the fast scan accepted a document libyaml refuses");
    FUZZ_CHECK(slow_diags.all().empty(), "the fast scan accepted a document libyaml warns about");
    Document fast = Prefilled(input);
    ApplyScanFacts(facts, &fast);
    FUZZ_CHECK(SameFields(fast, slow), "the fast scan read a document differently from libyaml");
  }

  limits.fast_scan = true;
  Document either = Prefilled(input);
  Diagnostics either_diags;
  bool either_ok = ScanDocument(&either, limits, &either_diags);
  FUZZ_CHECK(either_ok == slow_ok, "ScanDocument's result depends on the fast scan");
  FUZZ_CHECK(SameFields(either, slow), "ScanDocument's fields depend on the fast scan");
  FUZZ_CHECK(SameDiagnostics(either_diags, slow_diags), "ScanDocument's diagnostics depend on the fast scan");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  Check(input, ReadLimits{});
  Check(input, ManifestReadLimits());
  ReadLimits tight;
  tight.max_depth = 4;
  tight.max_alias_expansion = 24;
  Check(input, tight);
  return 0;
}
