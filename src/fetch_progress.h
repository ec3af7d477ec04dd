// The progress line of a slow secret fetch: on a terminal, once a fetch has
// taken 2 s, one line on stderr, rewritten in place (\r and ESC[K) at most
// four times a second and erased before any other output and at the end:
//   hostgraft: reading secrets: 1/3 done, waiting 2.4 s for registry-kv/...
// It names secret paths, never tokens or values. Not a terminal (a pipe,
// a CI log, a Helm post-renderer), or TERM unset or "dumb": nothing at all.
// Compiled into the core and into the Vault module, which draws it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace hostgraft {

class FetchProgress {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kQuiet = std::chrono::seconds(2);
  static constexpr Clock::duration kInterval = std::chrono::milliseconds(250);

  // The fetch of `paths` begins at `start`; the line goes to `fd` only when
  // `terminal` (see IsTerminal).
  FetchProgress(std::vector<std::string> paths, int fd, bool terminal, Clock::time_point start);
  ~FetchProgress() { Clear(); }
  FetchProgress(const FetchProgress&) = delete;
  FetchProgress& operator=(const FetchProgress&) = delete;

  // Whether fd is a terminal that understands \r and ESC[K.
  static bool IsTerminal(int fd);

  // The first request for `path` was sent at `when` (later calls keep it).
  void Started(const std::string& path, Clock::time_point when);
  // `path` has its answer (or its error).
  void Done(const std::string& path);
  // Draws the line when it is due: 2 s into the fetch, then every 250 ms.
  void Tick(Clock::time_point now);
  // Erases the line, if one is shown; the next Tick draws it again.
  void Clear();

  // The line's text at `now`, cut to `width` columns (0: uncut) by eliding
  // the middle of the path; empty when every path is done.
  std::string Line(Clock::time_point now, size_t width) const;

 private:
  struct Path {
    std::string name;
    Clock::time_point since;  // first request sent, else the fetch's start
    bool started = false, done = false;
  };
  std::vector<Path> paths_;
  int fd_;
  bool terminal_;
  Clock::time_point start_;
  Clock::time_point drawn_at_{};
  bool shown_ = false;
};

}  // namespace hostgraft
