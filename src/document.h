// One document of the input stream: a view of its exact bytes in the
// stream's one input buffer and, once a step asks, a light tree whose nodes
// know their byte ranges in those bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace hostgraft {

class Tree;

// The API group of an apiVersion: "route.openshift.io" of
// "route.openshift.io/v1", "" of the core "v1".
std::string_view ApiGroup(std::string_view api_version);

// What a scan reads of a document's identity, and which field the scalar
// value at a path of mapping keys fills: the one rule of both scans, the
// fast one (fast_scan.cc) and libyaml's (stream_reader.cc). `keys` holds
// the key being read in each open collection, the root's first ("" in a
// sequence).
enum class IdentityField { kNone, kApiVersion, kKind, kName, kNamespace, kHelm4Filename };
IdentityField IdentityFieldAt(std::span<const std::string_view> keys);

// 40,000 of them are held at once: the fields are ordered to pack, and
// what few documents have is behind a pointer.
struct Document {
  std::string_view text;    // exact bytes, from the first byte of this document to the next one's;
                            // a view into the buffer that owns them (Stream::input), never changed
  std::shared_ptr<const std::string> buffer;  // that buffer: a copied document keeps its bytes
  int index = 0;            // 1-based position in the stream
  int first_line = 1;       // stream line on which `text` begins
  uint32_t body_offset = 0; // where YAML starts in `text` (after a BOM)
  bool has_node = false;    // false for comment-only and empty documents
  bool json = false;        // the root is a flow mapping starting with '{'
  bool helm4 = false;       // carries Helm 4's postrenderer.helm.sh/postrender-filename (non-empty)

  // Identity, read by the cheap scan.
  std::string api_version, kind, name, namespace_;

  // The first duplicate mapping key of a document read leniently
  // (ReadLimits::lenient_duplicate_keys): such a document passes through as
  // it came, but no step may edit it. Null: none.
  struct DuplicateKey {
    std::string key, path;
    int line = 0;
  };
  std::shared_ptr<const DuplicateKey> duplicate_key;

  // The YAML of `text`: all of it but a leading byte order mark.
  std::string_view Body() const { return text.substr(body_offset); }

  // "Gateway reg-a/main", "Keycloak main", "document 3" when unnamed.
  std::string Resource() const;
  // API group of apiVersion ("" for core v1).
  std::string_view Group() const;
  bool Is(std::string_view group, std::string_view kind) const;

  // The tree, parsed on first use. Never null for a document that scanned
  // clean; the scan already proved it parses.
  const Tree& tree() const;

  std::shared_ptr<Tree> tree_;  // mutable cache behind tree()
};

}  // namespace hostgraft
