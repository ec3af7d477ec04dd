#include "vault_store.h"

#include <curl/curl.h>
#include <unistd.h>

#include <mutex>
#include <set>
#include <type_traits>

#include "percent_encode.h"
#include "vault_errors.h"
#include "vault_json.h"
#include "vault_module.h"

namespace hostgraft {
namespace {

std::string FirstSegment(const std::string& path) { return path.substr(0, path.find('/')); }

bool Under(const std::string& path, const std::string& mount) { return path == mount || path.rfind(mount + "/", 0) == 0; }

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  while (!s.empty() && s.front() == '/') s.erase(0, 1);
  return s;
}

std::string KvName(const VaultKvPath& w) { return "KV v" + std::to_string(w.version) + " mount " + w.mount; }

}  // namespace

std::string VaultKvPath::PolicyPath() const { return version == 2 ? mount + "/data/" + relative : path; }
std::string VaultKvPath::ApiPath() const { return "/v1/" + PercentEncodePath(PolicyPath()); }

VaultStore::VaultStore(VaultEnv env, const VaultSettings& settings, VaultLogin login, std::string token, LogFn log,
                       void* log_ctx)
    : env_(std::move(env)), http_(env_, log, log_ctx), login_(std::move(login)), logged_in_(login_.request.path.empty()) {
  http_.set_token(std::move(token));
  for (const auto& [mount, version] : settings.kv_version) mounts_.push_back({Trim(mount), "kv", version});
}

std::string VaultStore::Describe() const { return "vault " + env_.Shown() + (env_.ns.empty() ? "" : " namespace " + env_.ns); }

std::optional<SecretError> VaultStore::EnsureLogin(VaultClock::time_point deadline) {
  if (logged_in_ || login_error_) return login_error_;
  http_.Perform({&login_.request}, deadline);
  std::string token;
  login_error_ = VaultLoginToken(env_, login_, &token);
  login_.request = {};  // drops the credential from memory
  login_.credential.clear();
  login_.role_id.clear();
  logged_in_ = !login_error_;
  http_.set_token(std::move(token));
  return login_error_;
}

std::optional<VaultKvPath> VaultStore::KnownLocation(const std::string& path, std::optional<SecretError>* error) const {
  const VaultMount* mount = nullptr;
  for (const VaultMount& m : mounts_)
    if (Under(path, m.path) && (!mount || m.path.size() > mount->path.size())) mount = &m;
  if (!mount) {
    // Without the lookup endpoint the vault CLI treats every path as KV v1.
    if (!mounts_lookup_missing_) return std::nullopt;
    std::string first = FirstSegment(path);
    return VaultKvPath{path, first, path.size() > first.size() ? path.substr(first.size() + 1) : "", 1};
  }
  if (mount->type != "kv" && mount->type != "generic") {
    *error = SecretError{kExitSecretStore, "secret " + path + " is in mount " + mount->path + " of type " + mount->type + ", which holds no KV secrets",
                         "check the path: its first segments name the KV mount"};
    return std::nullopt;
  }
  std::string relative = path.size() > mount->path.size() ? path.substr(mount->path.size() + 1) : "";
  // Paths are accepted with or without KV v2's data/, like `vault kv get`.
  if (mount->version == 2 && relative.rfind("data/", 0) == 0) relative = relative.substr(5);
  if (relative.empty()) {
    *error = SecretError{kExitUsage, "secret path " + path + " names the KV mount " + mount->path + ", not a secret in it",
                         "add the secret's path inside the mount"};
    return std::nullopt;
  }
  return VaultKvPath{path, mount->path, relative, mount->version};
}

void VaultStore::Locate(const std::vector<std::string>& paths, VaultClock::time_point deadline,
                        std::map<std::string, VaultKvPath>* located, std::map<std::string, SecretError>* failed) {
  std::vector<std::string> pending;
  auto place = [&](const std::string& path) {
    std::optional<SecretError> error;
    if (std::optional<VaultKvPath> where = KnownLocation(path, &error)) located->emplace(path, *where);
    else if (error) failed->emplace(path, *error);
    else return false;
    return true;
  };
  for (const std::string& path : paths)
    if (!place(path)) pending.push_back(path);
  // Vault mounts never nest, so one lookup answers for every path under the
  // mount it names: look up one path per first segment, then place the rest.
  while (!pending.empty()) {
    std::map<std::string, VaultRequest> lookups;  // first segment -> lookup of one of its paths
    std::map<std::string, std::string> looked_up;  // first segment -> that path
    for (const std::string& path : pending) {
      std::string first = FirstSegment(path);
      if (looked_up.count(first)) continue;
      looked_up[first] = path;
      lookups[first] = VaultRequest{"GET", "/v1/sys/internal/ui/mounts/" + PercentEncodePath(path)};
    }
    std::vector<VaultRequest*> batch;
    for (auto& [first, request] : lookups) batch.push_back(&request);
    http_.Perform(batch, deadline);
    enum class LookupFailure { kDenied, kNoMount, kNotJson, kRequest };
    std::map<std::string, LookupFailure> group_error;  // first segment -> why its paths have no mount
    std::map<std::string, std::string> group_why;       // first segment -> why its answer is not JSON
    std::map<std::string, VaultRequest*> group_request;
    for (auto& [first, request] : lookups) {
      const std::string& path = looked_up[first];
      group_request[first] = &request;
      if (request.failure == VaultFailure::kNone && request.status == 404) {
        mounts_lookup_missing_ = true;
        continue;
      }
      if (request.failure != VaultFailure::kNone || request.status != 200) {
        group_error[first] = request.failure == VaultFailure::kNone && request.status == 403 ? LookupFailure::kDenied : LookupFailure::kRequest;
        continue;
      }
      rapidjson::Document doc;
      if (!ParseVaultJson(request.response, &doc, &group_why[first])) {
        group_error[first] = LookupFailure::kNotJson;
        continue;
      }
      if (!doc.IsObject() || !doc.HasMember("data") || !doc["data"].IsObject()) {
        group_error[first] = LookupFailure::kNoMount;
        continue;
      }
      const rapidjson::Value& data = doc["data"];
      VaultMount mount{Trim(JsonString(data, "path")), JsonString(data, "type"), 1};
      if (data.HasMember("options") && JsonString(data["options"], "version") == "2") mount.version = 2;
      if (mount.path.empty() || !Under(path, mount.path)) {
        group_error[first] = LookupFailure::kNoMount;
        continue;
      }
      mounts_.push_back(mount);
    }
    std::vector<std::string> still;
    for (const std::string& path : pending) {
      std::string first = FirstSegment(path);
      const VaultRequest& request = *group_request[first];
      std::string context = "looking up the KV mount of secret " + path;
      auto it = group_error.find(first);
      if (it == group_error.end()) {
        if (!place(path)) still.push_back(path);
      } else if (it->second == LookupFailure::kDenied) {
        failed->emplace(path, SecretError{kExitSecretStore, context + ": Vault denied " + request.method + " " + request.path +
                                                 " (403): the token has no capability on " + looked_up[first] + ", or no mount exists there",
                                          "grant the token read on the secret, or set hostgraft.vault.kvVersion for its mount (e.g. " +
                                              first + ": 2) so no lookup is needed"});
      } else if (it->second == LookupFailure::kNotJson) {
        failed->emplace(path, SecretError{kExitSecretStore, context + ": Vault's answer to " + request.method + " " + request.path + " is not valid JSON: " +
                                                 group_why[first],
                                          "set hostgraft.vault.kvVersion for its mount so no lookup is needed"});
      } else if (it->second == LookupFailure::kNoMount) {
        failed->emplace(path, SecretError{kExitSecretStore, context + ": Vault's answer to " + request.method + " " + request.path + " names no mount holding it",
                                          "set hostgraft.vault.kvVersion for its mount so no lookup is needed"});
      } else {
        failed->emplace(path, VaultRequestError(env_, request, context));
      }
    }
    pending = std::move(still);
  }
}

SecretResult VaultStore::ReadResult(const VaultKvPath& w, const VaultRequest& r) const {
  auto fail = [](int code, std::string message, std::string fix) {
    return SecretResult{std::nullopt, SecretError{code, std::move(message), std::move(fix)}};
  };
  const std::string in = w.relative + " in " + KvName(w) + " of " + Describe();
  if (r.failure == VaultFailure::kNone && r.status == 403)
    return fail(kExitSecretStore, "permission denied reading secret " + w.path + ": the token's policies need capability \"read\" on \"" + w.PolicyPath() + "\"" +
                       (env_.ns.empty() ? "" : " in namespace " + env_.ns),
                "add path \"" + w.PolicyPath() + "\" { capabilities = [\"read\"] } to a policy of the token");
  if (r.failure != VaultFailure::kNone || (r.status != 200 && r.status != 404)) return {std::nullopt, VaultRequestError(env_, r, "reading secret " + w.path)};
  rapidjson::Document doc;
  std::string why;
  bool parsed = ParseVaultJson(r.response, &doc, &why);
  if (!parsed && r.status == 200)
    return fail(kExitSecretStore, "reading secret " + w.path + ": Vault's answer to GET " + r.path + " is not a KV read answer (not valid JSON: " + why + ")", "");
  bool json = parsed && doc.IsObject();
  const rapidjson::Value* data = json && doc.HasMember("data") ? &doc["data"] : nullptr;
  // KV v2 keeps the fields in data.data and their version in data.metadata;
  // a deleted or destroyed version answers 404 (or data: null) with metadata.
  const rapidjson::Value* fields = data;
  if (w.version == 2 && data && data->IsObject()) {
    fields = data->HasMember("data") ? &(*data)["data"] : nullptr;
    const rapidjson::Value* meta = data->HasMember("metadata") ? &(*data)["metadata"] : nullptr;
    if ((!fields || fields->IsNull()) && meta && meta->IsObject()) {
      std::string version = meta->HasMember("version") && (*meta)["version"].IsInt() ? std::to_string((*meta)["version"].GetInt()) : "?";
      if (meta->HasMember("destroyed") && (*meta)["destroyed"].IsTrue())
        return fail(kExitSecretStore, "secret " + w.path + " is destroyed: version " + version + " of " + in + " was destroyed",
                    "store a new version with hostgraft vault put");
      std::string deleted = JsonString(*meta, "deletion_time");
      if (!deleted.empty())
        return fail(kExitSecretStore, "secret " + w.path + " is deleted: version " + version + " of " + in + " was soft-deleted at " + deleted,
                    "restore it with vault kv undelete -mount=" + w.mount + " -versions=" + version + " " + w.relative +
                        ", or store a new version with hostgraft vault put");
    }
  }
  if (r.status == 404)
    return fail(kExitSecretStore, "secret " + w.path + " not found: no secret " + in,
                "check the path (hostgraft.vault path templates and host names), or store it with hostgraft vault put");
  SecretFields out;
  if (!fields) return fail(kExitSecretStore, "reading secret " + w.path + ": Vault's answer to GET " + r.path + " is not a KV read answer", "");
  if (std::optional<std::string> why = FieldsFromJson(*fields, &out))
    return fail(kExitSecretStore, "secret " + w.path + " (" + KvName(w) + "): " + *why, "store certificate, key and caCertificate as strings");
  return {std::move(out), std::nullopt};
}

std::map<std::string, SecretResult> VaultStore::Read(const std::vector<std::string>& paths) {
  std::vector<std::string> todo;
  for (const std::string& path : std::set<std::string>(paths.begin(), paths.end())) {
    if (read_.count(path)) continue;
    if (std::string problem = SecretPathProblem(path); !problem.empty())
      read_[path] = {std::nullopt, SecretError{kExitUsage, "secret path \"" + path + "\" " + problem, "use a path like registry-kv/cluster/domains/HOST"}};
    else
      todo.push_back(path);
  }
  if (!todo.empty()) {
    VaultClock::time_point start = VaultClock::now();
    VaultClock::time_point deadline = start + std::chrono::milliseconds(env_.timeout_ms);
    // A slow read shows its progress on a terminal (login and lookups included).
    FetchProgress progress(todo, STDERR_FILENO, FetchProgress::IsTerminal(STDERR_FILENO), start);
    struct Showing {
      VaultHttp& http;
      ~Showing() { http.set_progress(nullptr); }
    } showing{http_};
    http_.set_progress(&progress);
    std::map<std::string, VaultKvPath> located;
    std::map<std::string, SecretError> failed;
    if (std::optional<SecretError> e = EnsureLogin(deadline)) {
      for (const std::string& path : todo) failed.emplace(path, *e);
    } else {
      Locate(todo, deadline, &located, &failed);
    }
    for (auto& [path, error] : failed) {
      read_[path] = {std::nullopt, error};
      progress.Done(path);
    }
    // "a/b" and "a/data/b" in a KV v2 mount are one secret: one GET.
    std::map<std::string, VaultRequest> requests;
    for (const auto& [path, where] : located) {
      VaultRequest& request = requests.try_emplace(where.ApiPath(), "GET", where.ApiPath()).first->second;
      // The progress line waits on the GET under the first of its paths.
      if (request.subject.empty()) request.subject = path;
      else progress.Done(path);
    }
    std::vector<VaultRequest*> batch;
    for (auto& [api_path, request] : requests) batch.push_back(&request);
    http_.Perform(batch, deadline);
    for (const auto& [path, where] : located) read_[path] = ReadResult(where, requests.at(where.ApiPath()));
  }
  std::map<std::string, SecretResult> results;
  for (const std::string& path : paths) results[path] = read_[path];
  return results;
}

std::optional<SecretError> VaultStore::Write(const std::string& path, const SecretFields& fields) {
  if (std::string problem = SecretPathProblem(path); !problem.empty())
    return SecretError{kExitUsage, "secret path \"" + path + "\" " + problem, "use a path like registry-kv/cluster/domains/HOST"};
  VaultClock::time_point deadline = VaultClock::now() + std::chrono::milliseconds(env_.timeout_ms);
  if (std::optional<SecretError> e = EnsureLogin(deadline)) return e;
  std::map<std::string, VaultKvPath> located;
  std::map<std::string, SecretError> failed;
  Locate({path}, deadline, &located, &failed);
  if (!failed.empty()) return failed.begin()->second;
  const VaultKvPath& w = located.at(path);
  std::string object = JsonObject({fields.begin(), fields.end()});
  VaultRequest request{"POST", w.ApiPath(), w.version == 2 ? "{\"data\":" + object + "}" : object};
  http_.Perform({&request}, deadline);
  read_.erase(path);
  if (request.failure == VaultFailure::kNone && (request.status == 200 || request.status == 204)) return std::nullopt;
  if (request.failure == VaultFailure::kNone && request.status == 403)
    return SecretError{kExitSecretStore, "permission denied writing secret " + path + ": the token's policies need capability \"create\" or \"update\" on \"" +
                              w.PolicyPath() + "\"" + (env_.ns.empty() ? "" : " in namespace " + env_.ns),
                       "add path \"" + w.PolicyPath() + "\" { capabilities = [\"create\", \"update\"] } to a policy of the token"};
  return VaultRequestError(env_, request, "writing secret " + path);
}

}  // namespace hostgraft

using hostgraft::SecretError;

extern "C" hostgraft::SecretStore* hostgraft_make_vault_store(const hostgraft::VaultSettings* settings, hostgraft::LogFn log,
                                                              void* log_ctx, SecretError* error, std::vector<SecretError>* warnings) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  hostgraft::VaultEnv env;
  if (std::optional<SecretError> e = hostgraft::ReadVaultEnv(&env)) {
    *error = *e;
    return nullptr;
  }
  for (const auto& [mount, version] : settings->kv_version) {
    if (version == 1 || version == 2) continue;
    *error = {hostgraft::kExitUsage, "hostgraft.vault.kvVersion: mount " + mount + " has version " + std::to_string(version) + "; KV versions are 1 and 2", ""};
    return nullptr;
  }
  hostgraft::VaultLogin login;
  if (std::optional<SecretError> e = hostgraft::PrepareVaultLogin(*settings, &login)) {
    *error = *e;
    return nullptr;
  }
  std::string token;
  if (login.request.path.empty()) {
    if (std::optional<SecretError> e = hostgraft::VaultTokenFromEnv(&token)) {
      *error = *e;
      return nullptr;
    }
    if (token.empty()) {
      *error = {hostgraft::kExitSecretStore, "no Vault token: VAULT_TOKEN is not set and ~/.vault-token does not exist",
                "run vault login, set VAULT_TOKEN, or set hostgraft.vault.auth (kubernetes, approle or cert)"};
      return nullptr;
    }
  }
  if (env.skip_verify)
    warnings->push_back({0, "VAULT_SKIP_VERIFY is set: the TLS certificate of Vault at " + env.Shown() +
                                " is NOT verified, so anyone on the network path can read the token and the secrets",
                         "set VAULT_CACERT to the CA of Vault's certificate and unset VAULT_SKIP_VERIFY"});
  return new hostgraft::VaultStore(std::move(env), *settings, std::move(login), std::move(token), log, log_ctx);
}

static_assert(std::is_same_v<decltype(&hostgraft_make_vault_store), HostgraftMakeVaultStoreFn>);
