// The render pipeline: read -> plan -> fetch -> check -> apply -> write.
// Steps (one file each) say which documents they edit, which secrets they
// need and what they change; the pipeline does everything else once.
#pragma once

#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "diagnostics.h"
#include "edits.h"
#include "output_stream.h"
#include "secret_store.h"
#include "stream_reader.h"
#include "tls_material.h"

namespace hostgraft {

// A secret some step needs, and how its material must be checked.
struct SecretNeed {
  std::string path;
  std::string host;          // host the leaf must match; empty for CA-only or client certificates
  bool client_auth = false;  // an mTLS client certificate
  bool need_key = true;
  bool need_ca = true;
  std::string purpose;       // "Route for keycloak.example.com", for messages
};

// A document hostgraft generates (Route, Secret, ConfigMap), appended after
// the input in (kind, name) order.
struct GeneratedDocument {
  std::string kind;
  std::string name;
  std::string step;
  Value body;  // the whole resource

  std::string ApiVersion() const;  // body.apiVersion
  std::string Namespace() const;   // body.metadata.namespace, "" when none
  std::string Resource() const;    // "Route reg-a/hostgraft-keycloak-example-com", as Document::Resource
};

struct RenderContext {
  const Config& config;
  const Stream& stream;
  Diagnostics& diags;
  std::time_t at = 0;
  bool secrets_available = false;                   // false with --secrets none
  std::map<std::string, TlsMaterial> material;      // checked material by secret path
  const TlsMaterial* Material(const std::string& path) const;
};

class Step {
 public:
  virtual ~Step() = default;
  virtual const char* id() const = 0;  // "request-authentication", ...
  // Cheap: from the scan's identity only.
  virtual bool Wants(const Document& doc) const { return false; }
  // Secrets this step will need; called before anything is fetched.
  virtual void Plan(const RenderContext& ctx, std::vector<SecretNeed>* needs) const {}
  // Edits one wanted document.
  virtual void Apply(const RenderContext& ctx, const Document& doc, Edits* edits) const {}
  // Documents this step generates, after every Apply.
  virtual void Generate(const RenderContext& ctx, std::vector<GeneratedDocument>* out) const {}
};

// The texts of the input documents some step edited, by document index:
// few of many, so a map rather than a slot per document.
using EditedTexts = std::map<int, std::string>;

// Every step of DESIGN.md section 5, in order.
const std::vector<std::unique_ptr<Step>>& AllSteps();

struct RenderResult {
  OutputStream output;                // the whole stream; empty on error
  // Each input document's bytes in `output` (its input text when no step
  // edited it), in stream order, then each generated document's.
  std::vector<std::string_view> document_outputs;
  std::vector<std::pair<int, Change>> changes;  // document index (0: generated) and change
  std::vector<GeneratedDocument> generated;
  bool secrets_available = false;     // a store was opened for the secrets steps needed
};

struct RenderOptions {
  std::time_t at = 0;
  std::string secrets;           // --secrets spec; the store is opened only when a step needs a secret
  SecretStore* store = nullptr;  // a store to use instead of opening `secrets` (tests)
  // lint: failures of fetch and check (section 7) go here instead of
  // stopping the run; what fails is left out as if it were not configured.
  Diagnostics* check_findings = nullptr;
};

// Runs plan -> fetch -> check -> apply -> write on a read stream. Config
// must already be read, discovered and checked.
bool Render(const Config& config, const Stream& stream, const RenderOptions& options, RenderResult* result,
            Diagnostics* diags);

// The text of a generated document, with its `---` and `# Source:` lines.
std::string WriteGenerated(const GeneratedDocument& g, bool helm4);
// "hostgraft/route-hostgraft-keycloak-example-com.yaml"
std::string GeneratedSourceName(const GeneratedDocument& g);

}  // namespace hostgraft
