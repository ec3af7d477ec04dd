// The files:DIR secret store: the secret at path a/b/c is the flat mapping of
// fields in DIR/a/b/c.yaml or DIR/a/b/c.json (DESIGN.md section 6), for local
// use, tests and air-gapped CI.
#pragma once

#include <cstddef>
#include <string>

#include "secret_store.h"

namespace hostgraft {

// A secret file holds a few PEM blocks; anything this big is a mistake.
constexpr size_t kMaxSecretFileBytes = 1 << 20;

class FilesStore : public SecretStore {
 public:
  explicit FilesStore(std::string dir) : dir_(std::move(dir)) {}
  std::string Describe() const override { return "files:" + dir_; }
  std::map<std::string, SecretResult> Read(const std::vector<std::string>& paths) override;

 private:
  SecretResult ReadOne(const std::string& path) const;
  std::string dir_;
};

// Fields of one secret file's text; errors name the file and line. Any
// scalar is kept as its text (JSON and YAML agree on that); null, lists,
// nested mappings and duplicate keys are refused.
SecretResult ParseSecretFile(const std::string& file, const std::string& text);

}  // namespace hostgraft
