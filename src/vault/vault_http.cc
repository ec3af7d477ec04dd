#include "vault_http.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

#include "curl_options.h"
#include "redact.h"

namespace hostgraft {
namespace {

// Enough parallelism to hide latency (50 paths at 50 ms in two rounds),
// few enough connections to be polite to one Vault; connections are kept
// and reused across batches.
constexpr int kMaxParallel = 32;
constexpr long kBackoffBaseMs = 100;
constexpr long kBackoffCapMs = 3000;

long Millis(VaultClock::duration d) { return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); }

bool IsTlsError(CURLcode c) {
  switch (c) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
      return true;
    default:
      return false;
  }
}

bool IsRetriedStatus(long status) { return status == 412 || status == 429 || (status >= 500 && status != 501); }

}  // namespace

struct VaultHttp::Transfer {
  VaultRequest* request = nullptr;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  bool too_large = false;
  char error[CURL_ERROR_SIZE] = {};
  VaultClock::time_point next_try, started;
  bool done = false;
};

VaultHttp::VaultHttp(const VaultEnv& env, LogFn log, void* log_ctx)
    : env_(env), log_(log), log_ctx_(log_ctx), multi_(curl_multi_init()),
      random_state_(static_cast<unsigned>(VaultClock::now().time_since_epoch().count()) ^ static_cast<unsigned>(getpid())),
      curl_version_(CurlVersion()) {
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(kMaxParallel));
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(kMaxParallel));
  if (!env_.connect_to.empty()) connect_to_ = curl_slist_append(nullptr, env_.connect_to.c_str());
}

VaultHttp::~VaultHttp() {
  curl_multi_cleanup(multi_);
  curl_slist_free_all(connect_to_);
  if (ca_fd_ >= 0) close(ca_fd_);
}

std::string VaultHttp::CaFile() {
  if (ca_fd_ >= 0) return ca_file_;
  // In memory and gone with the process: nothing to clean up on disk.
  int fd = memfd_create("hostgraft-vault-ca", MFD_CLOEXEC);
  if (fd < 0) return "";
  for (size_t done = 0; done < env_.ca_pem.size();) {
    ssize_t n = write(fd, env_.ca_pem.data() + done, env_.ca_pem.size() - done);
    if (n <= 0) {
      close(fd);
      return "";
    }
    done += static_cast<size_t>(n);
  }
  ca_fd_ = fd;
  return ca_file_ = "/proc/self/fd/" + std::to_string(fd);
}

void VaultHttp::Log(const std::string& line) const {
  if (!log_) return;
  if (progress_) progress_->Clear();
  log_(log_ctx_, "vault: " + RedactCredentials(line));
}

void VaultHttp::Start(Transfer* t, VaultClock::time_point deadline) {
  VaultRequest& r = *t->request;
  VaultClock::time_point now = VaultClock::now();
  long remaining = Millis(deadline - now);
  if (remaining <= 0) {
    r.failure = VaultFailure::kDeadline;
    r.reason = "VAULT_CLIENT_TIMEOUT=" + env_.timeout_text + " passed before " + r.method + " " + r.path + " was sent";
    t->done = true;
    return;
  }
  // The last line of defence against header injection: the token and the
  // namespace are checked where they come from, but nothing with CR or LF
  // goes into a header line.
  if (HasControlChar(env_.ns) || (r.send_token && HasControlChar(token_))) {
    r.failure = VaultFailure::kRefused;
    r.reason = std::string(HasControlChar(env_.ns) ? "the namespace" : "the token") + " holds a control character";
    t->done = true;
    return;
  }
  t->body.clear();
  t->too_large = false;
  t->error[0] = 0;
  t->started = now;
  CURL* e = t->easy = curl_easy_init();
  // What keeps the request safe is checked: an old libcurl ignores an
  // option it does not know, and the request must not go out without it.
  auto setopt = [e](const CurlOption& option) { return SetCurlOption(e, option); };
  std::optional<std::string> unsafe = SetTransportOptions(setopt, env_.ca_pem, [this] { return CaFile(); }, curl_version_);
  const CurlOption connect_to{CURLOPT_CONNECT_TO, "CURLOPT_CONNECT_TO", connect_to_};
  if (CURLcode code; !unsafe && connect_to_ && (code = setopt(connect_to)) != CURLE_OK)
    unsafe = RefusedOption(connect_to, code, curl_version_);
  if (unsafe) {
    r.failure = VaultFailure::kRefused;
    r.reason = *unsafe;
    curl_easy_cleanup(e);
    t->easy = nullptr;
    t->done = true;
    return;
  }
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_URL, (env_.base_url + r.path).c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_USERAGENT, "hostgraft");
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, remaining);
  curl_write_callback collect = [](char* data, size_t size, size_t n, void* user) -> size_t {
    Transfer* t = static_cast<Transfer*>(user);
    if (t->body.size() + size * n > kMaxVaultResponseBytes) {
      t->too_large = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->body.append(data, size * n);
    return size * n;
  };
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  if (r.method != "GET") {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
  }
  t->headers = curl_slist_append(nullptr, "X-Vault-Request: true");
  if (!r.body.empty()) t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
  if (!env_.ns.empty()) t->headers = curl_slist_append(t->headers, ("X-Vault-Namespace: " + env_.ns).c_str());
  if (r.send_token && !token_.empty()) t->headers = curl_slist_append(t->headers, ("X-Vault-Token: " + token_).c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  if (env_.skip_verify) {
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!env_.client_cert.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLCERT, env_.client_cert.c_str());
    curl_easy_setopt(e, CURLOPT_SSLKEY, env_.client_key.c_str());
  }
  curl_multi_add_handle(multi_, e);
}

void VaultHttp::Finish(Transfer* t, CURLcode result, VaultClock::time_point deadline) {
  VaultRequest& r = *t->request;
  VaultClock::time_point now = VaultClock::now();
  ++r.attempts;
  std::string line = r.method + " " + r.path + " ";
  bool retry = false;
  long status = 0;
  curl_off_t retry_after = 0;
  curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
  if (result == CURLE_OK) {
    r.status = status;
    r.response = std::move(t->body);
    r.failure = VaultFailure::kNone;
    r.reason.clear();
    retry = IsRetriedStatus(status);
    line += std::to_string(status);
  } else {
    r.status = 0;
    r.response.clear();
    r.reason = t->error[0] ? t->error : curl_easy_strerror(result);
    if (t->too_large) {
      r.failure = VaultFailure::kTooLarge;
      r.reason = "the answer is larger than " + std::to_string(kMaxVaultResponseBytes) + " bytes";
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
      r.failure = VaultFailure::kDeadline;
      r.reason = "no answer within VAULT_CLIENT_TIMEOUT=" + env_.timeout_text + " (" + r.reason + ")";
    } else if (IsTlsError(result) || r.reason.find("SSL routines") != std::string::npos) {
      // TLS 1.3 servers refuse a client certificate after the handshake:
      // curl reports the alert as a read error, but it is a TLS failure.
      r.failure = VaultFailure::kTls;
    } else {
      r.failure = VaultFailure::kConnection;
      retry = true;
    }
    line += "failed: " + r.reason;
  }
  line += " (" + std::to_string(Millis(now - t->started)) + " ms)";
  curl_easy_cleanup(t->easy);
  curl_slist_free_all(t->headers);
  t->easy = nullptr;
  t->headers = nullptr;
  t->done = true;
  if (retry && r.attempts <= env_.max_retries) {
    long backoff = std::min(kBackoffCapMs, kBackoffBaseMs << std::min(r.attempts - 1, 10));
    long delay = retry_after > 0 ? static_cast<long>(retry_after) * 1000 : backoff / 2 + rand_r(&random_state_) % (backoff / 2 + 1);
    if (now + std::chrono::milliseconds(delay) < deadline) {
      t->done = false;
      t->next_try = now + std::chrono::milliseconds(delay);
      line += ", retry " + std::to_string(r.attempts) + " in " + std::to_string(delay) + " ms" + (retry_after > 0 ? " (Retry-After)" : "");
    } else {
      std::string last = r.failure == VaultFailure::kNone ? "Vault answered " + std::to_string(r.status) : r.reason;
      r.failure = VaultFailure::kDeadline;
      r.reason = last + ", and the next try, due in " + std::to_string(delay) + " ms" + (retry_after > 0 ? " (Retry-After)" : "") +
                 ", would pass VAULT_CLIENT_TIMEOUT=" + env_.timeout_text;
    }
  }
  Log(line);
}

void VaultHttp::Progress(const Transfer& t, VaultClock::time_point now) {
  const std::string& subject = t.request->subject;
  if (!progress_ || subject.empty()) return;
  if (t.done) progress_->Done(subject);
  else progress_->Started(subject, now);
}

void VaultHttp::Perform(const std::vector<VaultRequest*>& requests, VaultClock::time_point deadline) {
  std::vector<Transfer> transfers(requests.size());
  VaultClock::time_point now = VaultClock::now();
  for (size_t i = 0; i < requests.size(); ++i) {
    VaultRequest fresh{requests[i]->method, requests[i]->path, requests[i]->body, requests[i]->send_token};
    fresh.subject = std::move(requests[i]->subject);
    *requests[i] = std::move(fresh);
    transfers[i].request = requests[i];
    transfers[i].next_try = now;
  }
  size_t open = transfers.size(), active = 0;
  while (open > 0) {
    now = VaultClock::now();
    for (Transfer& t : transfers) {
      if (t.done || t.easy || t.next_try > now || active >= kMaxParallel) continue;
      Start(&t, deadline);
      if (t.done) --open;
      else ++active;
      Progress(t, now);
    }
    int running = 0, queued = 0;
    curl_multi_perform(multi_, &running);
    bool finished = false;
    while (CURLMsg* m = curl_multi_info_read(multi_, &queued)) {
      if (m->msg != CURLMSG_DONE) continue;
      CURL* easy = m->easy_handle;
      CURLcode result = m->data.result;
      Transfer* t = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &t);
      curl_multi_remove_handle(multi_, easy);
      --active;
      Finish(t, result, deadline);
      finished = true;
      if (t->done) --open;
      Progress(*t, now);
    }
    if (progress_) progress_->Tick(VaultClock::now());
    if (open == 0) break;
    if (finished) continue;  // refill the freed slots before waiting
    // Sleep until a socket is ready or the next retry is due.
    long wait_ms = 1000;
    now = VaultClock::now();
    for (const Transfer& t : transfers)
      if (!t.done && !t.easy) wait_ms = std::min(wait_ms, std::max(0L, Millis(t.next_try - now)));
    if (progress_) wait_ms = std::min(wait_ms, Millis(FetchProgress::kInterval));
    curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
}

}  // namespace hostgraft
