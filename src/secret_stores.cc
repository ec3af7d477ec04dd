#include "secret_stores.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

#include "files_store.h"
#include "vault/vault_module.h"

namespace hostgraft {
namespace {

constexpr char kVaultModule[] = "hostgraft-vault.so";

// Where hostgraft-vault.so may be: HOSTGRAFT_VAULT_MODULE alone when set,
// else beside the executable (build tree) and in the installed libdir.
std::vector<std::string> VaultModuleCandidates() {
  if (const char* env = std::getenv("HOSTGRAFT_VAULT_MODULE"); env && *env) return {env};
  std::error_code ec;
  std::filesystem::path exe_dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  return {(exe_dir / kVaultModule).string(),
          (exe_dir / ".." / HOSTGRAFT_INSTALL_LIBDIR / "hostgraft" / kVaultModule).lexically_normal().string()};
}

}  // namespace

std::string VaultModulePath() {
  for (const std::string& path : VaultModuleCandidates()) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return path;
  }
  return {};
}

namespace {

// The module stays loaded for the rest of the process: stores made from it
// must outlive any handle we could close.
HostgraftMakeVaultStoreFn LoadVaultModule(Diagnostics* diags) {
  static HostgraftMakeVaultStoreFn make = nullptr;
  if (make) return make;
  std::string path = VaultModulePath();
  if (path.empty()) {
    std::string looked;
    for (const std::string& candidate : VaultModuleCandidates()) looked += (looked.empty() ? "" : ", ") + candidate;
    diags->Error(kExitSecretStore, {}, std::string("--secrets vault needs the Vault client ") + kVaultModule + ", found nowhere; looked for " + looked,
                 "install hostgraft with its lib/hostgraft directory, set HOSTGRAFT_VAULT_MODULE, or use --secrets files:DIR");
    return nullptr;
  }
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    diags->Error(kExitSecretStore, {}, std::string("cannot load the Vault client ") + path + ": " + dlerror(),
                 "reinstall hostgraft, or point HOSTGRAFT_VAULT_MODULE at a working " + std::string(kVaultModule));
    return nullptr;
  }
  make = reinterpret_cast<HostgraftMakeVaultStoreFn>(dlsym(handle, HOSTGRAFT_VAULT_ENTRY));
  if (!make)
    diags->Error(kExitSecretStore, {}, "the Vault client " + path + " has no entry point " HOSTGRAFT_VAULT_ENTRY,
                 "it belongs to another hostgraft version: reinstall hostgraft");
  return make;
}

std::unique_ptr<SecretStore> MakeVaultStore(const VaultSettings& settings, LogFn log, void* log_ctx, Diagnostics* diags) {
  HostgraftMakeVaultStoreFn make = LoadVaultModule(diags);
  if (!make) return nullptr;
  SecretError error;
  std::vector<SecretError> warnings;
  std::unique_ptr<SecretStore> store(make(&settings, log, log_ctx, &error, &warnings));
  for (const SecretError& w : warnings) diags->Warning({}, w.message, w.fix);
  if (!store) diags->Error(error.exit_code, {}, error.message, error.fix);
  return store;
}

}  // namespace

namespace {

constexpr char kChoices[] = "use --secrets vault, --secrets files:DIR or --secrets none";

// "files:DIR/" -> "DIR".
std::string FilesDir(const std::string& spec) {
  std::string dir = spec.substr(6);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace

bool CheckSecretsSpec(const std::string& spec, Diagnostics* diags) {
  if (spec == "vault" || spec == "none") return true;
  if (spec.rfind("files:", 0) == 0) {
    std::string dir = FilesDir(spec);
    std::error_code ec;
    if (!dir.empty() && std::filesystem::is_directory(dir, ec)) return true;
    diags->Error(kExitUsage, {}, "--secrets " + spec + ": " + (dir.empty() ? "no directory given" : dir + " is not a directory"),
                 "use --secrets files:DIR with an existing directory");
    return false;
  }
  // file:DIR, files=DIR, Vault: the near misses get the spelling that works.
  std::string fix = kChoices;
  if (size_t sep = spec.find_first_of(":="); sep != std::string::npos && spec.rfind("file", 0) == 0)
    fix = "write --secrets files:" + spec.substr(sep + 1);
  else if (spec == "Vault" || spec == "VAULT" || spec == "None" || spec == "NONE")
    fix = "write --secrets " + std::string(spec == "Vault" || spec == "VAULT" ? "vault" : "none");
  diags->Error(kExitUsage, {}, "--secrets " + (spec.empty() ? std::string("\"\"") : spec) + ": unknown secret store", fix);
  return false;
}

std::string ChosenSecrets(const std::string& spec) {
  if (!spec.empty()) return spec;
  const char* vault_addr = std::getenv("VAULT_ADDR");
  return vault_addr && *vault_addr ? "vault" : std::string();
}

std::unique_ptr<SecretStore> MakeSecretStore(const std::string& spec, const VaultSettings& settings, LogFn log,
                                             void* log_ctx, Diagnostics* diags) {
  const std::string chosen = ChosenSecrets(spec);
  if (chosen.empty()) {
    diags->Error(kExitUsage, {}, "no secret store is chosen: no --secrets and no VAULT_ADDR", kChoices);
    return nullptr;
  }
  if (!CheckSecretsSpec(chosen, diags) || chosen == "none") return nullptr;
  if (chosen == "vault") return MakeVaultStore(settings, log, log_ctx, diags);
  return std::make_unique<FilesStore>(FilesDir(chosen));
}

}  // namespace hostgraft
