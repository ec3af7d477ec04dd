#include "fetch_progress.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

using namespace hostgraft;
using namespace std::chrono_literals;

namespace {

// A pipe standing in for stderr; Drain() returns what was written since the last call.
struct Sink {
  int fds[2];
  Sink() {
    REQUIRE(pipe(fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
  }
  ~Sink() {
    close(fds[0]);
    close(fds[1]);
  }
  std::string Drain() {
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, n);
    return out;
  }
};

const FetchProgress::Clock::time_point kStart{};

}  // namespace

TEST_CASE("fetch progress: nothing for 2 s, then the line at most every 250 ms, erased at the end", "[progress]") {
  Sink sink;
  {
    FetchProgress progress({"kv/a", "kv/b", "kv/c"}, sink.fds[1], true, kStart);
    progress.Started("kv/a", kStart + 10ms);
    progress.Started("kv/b", kStart + 20ms);
    progress.Started("kv/c", kStart + 30ms);
    progress.Tick(kStart + 1999ms);
    CHECK(sink.Drain().empty());
    progress.Tick(kStart + 2000ms);
    CHECK(sink.Drain() == "\rhostgraft: reading secrets: 0/3 done, waiting 2.0 s for kv/a\033[K");
    progress.Done("kv/a");
    progress.Tick(kStart + 2200ms);  // too soon
    CHECK(sink.Drain().empty());
    progress.Tick(kStart + 2250ms);
    CHECK(sink.Drain() == "\rhostgraft: reading secrets: 1/3 done, waiting 2.2 s for kv/b\033[K");
    // A retry does not restart a path's wait.
    progress.Started("kv/b", kStart + 2300ms);
    CHECK(progress.Line(kStart + 2500ms, 0) == "hostgraft: reading secrets: 1/3 done, waiting 2.5 s for kv/b");
    progress.Clear();
    CHECK(sink.Drain() == "\r\033[K");
    progress.Clear();  // nothing shown, nothing to erase
    CHECK(sink.Drain().empty());
    progress.Tick(kStart + 2500ms);
    CHECK(sink.Drain() == "\rhostgraft: reading secrets: 1/3 done, waiting 2.5 s for kv/b\033[K");
  }
  // The destructor erases what is shown.
  CHECK(sink.Drain() == "\r\033[K");
}

TEST_CASE("fetch progress: a path not yet asked for waits since the fetch began", "[progress]") {
  FetchProgress progress({"kv/a", "kv/b"}, -1, false, kStart);
  progress.Started("kv/b", kStart + 1500ms);
  CHECK(progress.Line(kStart + 2000ms, 0) == "hostgraft: reading secrets: 0/2 done, waiting 2.0 s for kv/a");
  progress.Done("kv/a");
  progress.Done("kv/b");
  CHECK(progress.Line(kStart + 2000ms, 0).empty());
}

TEST_CASE("fetch progress: when every path is done the line goes", "[progress]") {
  Sink sink;
  FetchProgress progress({"kv/a"}, sink.fds[1], true, kStart);
  progress.Tick(kStart + 3s);
  CHECK_FALSE(sink.Drain().empty());
  progress.Done("kv/a");
  progress.Tick(kStart + 4s);
  CHECK(sink.Drain() == "\r\033[K");
}

TEST_CASE("fetch progress: not a terminal, nothing at all", "[progress]") {
  Sink sink;
  {
    FetchProgress progress({"kv/a"}, sink.fds[1], false, kStart);
    for (auto t = 0ms; t < 10s; t += 100ms) progress.Tick(kStart + t);
    progress.Clear();
  }
  CHECK(sink.Drain().empty());
  CHECK_FALSE(FetchProgress::IsTerminal(sink.fds[1]));
}

TEST_CASE("fetch progress: the line fits the terminal and carries no control character", "[progress]") {
  const std::string path = "registry-kv/registry/reg-a/domains/citizen-portal/citizen.example.com";
  FetchProgress progress({path, "kv/\033]0;title\a"}, -1, false, kStart);
  std::string line = progress.Line(kStart + 2s, 80);
  CHECK(line == "hostgraft: reading secrets: 0/2 done, waiting 2.0 s for regist...en.example.com");
  CHECK(line.size() == 79);
  CHECK(progress.Line(kStart + 2s, 20) == "hostgraft: reading ");
  // Multi-byte characters are kept whole.
  FetchProgress utf8({"kv/" + std::string(40, 'x') + "\u0439\u0439\u0439" + std::string(30, 'y')}, -1, false, kStart);
  std::string cut = utf8.Line(kStart + 2s, 90);
  CHECK(cut.size() <= 89);
  CHECK(cut.find("...") != std::string::npos);
  CHECK(cut.find("\xd0...") == std::string::npos);
  CHECK(cut.find("...\xb9") == std::string::npos);
  progress.Done(path);
  CHECK(progress.Line(kStart + 2s, 0) == "hostgraft: reading secrets: 1/2 done, waiting 2.0 s for kv/\\x1b]0;title\\x07");
}
