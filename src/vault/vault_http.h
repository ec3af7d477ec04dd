// HTTP to Vault over libcurl's multi interface: a batch of requests runs in
// parallel over a small pool of reused connections, each retried on its own
// schedule, all inside one deadline.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>
#include <vector>

#include "fetch_progress.h"
#include "secret_store.h"
#include "vault_env.h"

namespace hostgraft {

using VaultClock = std::chrono::steady_clock;

// Vault answers a few KiB; anything bigger is refused, not buffered.
constexpr size_t kMaxVaultResponseBytes = 1 << 20;

enum class VaultFailure {
  kNone,        // an HTTP answer is in status/response
  kConnection,  // no answer: refused, reset, DNS...; reason is curl's
  kTls,         // handshake or certificate check failed; reason is OpenSSL's
  kDeadline,    // the deadline passed before an answer; reason says how
  kTooLarge,    // the answer exceeded kMaxVaultResponseBytes
  kRefused,     // not sent: a header value held a control character, or libcurl refused an option it needs
};

struct VaultRequest {
  VaultRequest() = default;
  VaultRequest(std::string method, std::string path, std::string body = {}, bool send_token = true)
      : method(std::move(method)), path(std::move(path)), body(std::move(body)), send_token(send_token) {}

  std::string method;  // GET, POST, PUT
  std::string path;    // "/v1/...", already URL-escaped
  std::string body;    // JSON for POST and PUT
  bool send_token = true;
  std::string subject;  // the secret path a read is for (the progress line); empty for other requests

  // Results.
  long status = 0;
  std::string response;
  int attempts = 0;
  VaultFailure failure = VaultFailure::kNone;
  std::string reason;
};

class VaultHttp {
 public:
  VaultHttp(const VaultEnv& env, LogFn log, void* log_ctx);
  ~VaultHttp();
  VaultHttp(const VaultHttp&) = delete;
  VaultHttp& operator=(const VaultHttp&) = delete;

  void set_token(std::string token) { token_ = std::move(token); }
  // While set, Perform tells `progress` about the requests that have a
  // subject and draws it; -v lines erase it first. Null: none.
  void set_progress(FetchProgress* progress) { progress_ = progress; }

  // Runs the requests together. 412, 429, 5xx but 501, and lost connections
  // are retried up to VAULT_MAX_RETRIES times with jittered exponential
  // backoff (or Retry-After); nothing runs past the deadline.
  void Perform(const std::vector<VaultRequest*>& requests, VaultClock::time_point deadline);

 private:
  struct Transfer;
  void Start(Transfer* t, VaultClock::time_point deadline);
  void Finish(Transfer* t, CURLcode result, VaultClock::time_point deadline);
  // Tells progress_ that t's subject is under way or done.
  void Progress(const Transfer& t, VaultClock::time_point now);
  void Log(const std::string& line) const;
  // A file holding env_.ca_pem, for a libcurl without CURLOPT_CAINFO_BLOB;
  // made on first use. Empty when it cannot be made.
  std::string CaFile();

  const VaultEnv& env_;
  LogFn log_;
  void* log_ctx_;
  std::string token_;
  CURLM* multi_;
  FetchProgress* progress_ = nullptr;
  curl_slist* connect_to_ = nullptr;  // VAULT_TLS_SERVER_NAME's CONNECT_TO entry
  unsigned random_state_;
  const std::string curl_version_;
  int ca_fd_ = -1;  // CaFile's memory file
  std::string ca_file_;
};

}  // namespace hostgraft
