// Vault figure of bench/run: reads the secret paths given as arguments
// through hostgraft's Vault client (hostgraft-vault.so, loaded as a render
// loads it; AppRole login; KV versions from the settings, so no mounts
// lookup), all paths in one Read as a render fetches every planned path.
// Prints the number of paths read; exit 1 when one failed. Not part of
// hostgraft.
#include <dlfcn.h>

#include <cstdio>
#include <memory>

#include "vault/vault_module.h"

namespace {
void NoLog(void*, const std::string&) {}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: vault_fetch MODULE SECRET_ID_FILE PATH...\n", stderr);
    return 2;
  }
  void* module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  auto make = module ? reinterpret_cast<HostgraftMakeVaultStoreFn>(dlsym(module, HOSTGRAFT_VAULT_ENTRY)) : nullptr;
  if (!make) {
    std::fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
    return 2;
  }
  hostgraft::VaultSettings settings;
  settings.auth_method = "approle";
  settings.role_id = "bench";
  settings.secret_id_file = argv[2];
  settings.kv_version["secret"] = 2;
  hostgraft::SecretError error;
  std::vector<hostgraft::SecretError> warnings;
  std::unique_ptr<hostgraft::SecretStore> store(make(&settings, NoLog, nullptr, &error, &warnings));
  if (!store) {
    std::fprintf(stderr, "%s\n", error.message.c_str());
    return 1;
  }
  std::vector<std::string> paths(argv + 3, argv + argc);
  int read = 0;
  for (const auto& [path, result] : store->Read(paths)) {
    if (result.fields) ++read;
    else std::fprintf(stderr, "%s: %s\n", path.c_str(), result.error ? result.error->message.c_str() : "no answer");
  }
  std::printf("%d\n", read);
  return read == static_cast<int>(paths.size()) ? 0 : 1;
}
