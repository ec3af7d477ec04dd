#include "fetch_progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "redact.h"

namespace hostgraft {
namespace {

constexpr char kEraseLine[] = "\033[K";

// A progress line is worth no error of its own: what cannot be written is dropped.
void WriteAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

size_t TerminalWidth(int fd) {
  winsize size{};
  return ioctl(fd, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `path` in at most `room` bytes: its start and its end (the host name),
// "..." between, never splitting a UTF-8 character.
std::string Elided(const std::string& path, size_t room) {
  if (path.size() <= room) return path;
  if (room <= 3) return std::string(room, '.');
  size_t head = (room - 3) / 3, tail = path.size() - (room - 3 - head);
  while (head > 0 && Continuation(path[head])) --head;
  while (tail < path.size() && Continuation(path[tail])) ++tail;
  return path.substr(0, head) + "..." + path.substr(tail);
}

}  // namespace

FetchProgress::FetchProgress(std::vector<std::string> paths, int fd, bool terminal, Clock::time_point start)
    : fd_(fd), terminal_(terminal), start_(start) {
  for (std::string& path : paths) paths_.push_back({std::move(path), start});
}

bool FetchProgress::IsTerminal(int fd) {
  const char* term = std::getenv("TERM");
  return isatty(fd) && term && *term && std::string_view(term) != "dumb";
}

void FetchProgress::Started(const std::string& path, Clock::time_point when) {
  for (Path& p : paths_)
    if (p.name == path && !p.started) {
      p.since = when;
      p.started = true;
    }
}

void FetchProgress::Done(const std::string& path) {
  for (Path& p : paths_)
    if (p.name == path) p.done = true;
}

std::string FetchProgress::Line(Clock::time_point now, size_t width) const {
  size_t done = 0;
  const Path* slowest = nullptr;
  for (const Path& p : paths_) {
    if (p.done) ++done;
    else if (!slowest || p.since < slowest->since) slowest = &p;
  }
  if (!slowest) return {};
  char waited[32];
  std::snprintf(waited, sizeof waited, "%.1f", std::chrono::duration<double>(now - slowest->since).count());
  std::string head = "hostgraft: reading secrets: " + std::to_string(done) + "/" + std::to_string(paths_.size()) +
                     " done, waiting " + waited + " s for ";
  // A path comes from the values: no control character reaches the terminal.
  std::string path = SafeText(slowest->name);
  if (width == 0) return head + path;
  size_t room = width - 1;  // a character in the last column wraps on some terminals
  if (head.size() >= room) return head.substr(0, room);
  return head + Elided(path, room - head.size());
}

void FetchProgress::Tick(Clock::time_point now) {
  if (!terminal_ || now - start_ < kQuiet || now - drawn_at_ < kInterval) return;
  std::string line = Line(now, TerminalWidth(fd_));
  if (line.empty()) return Clear();
  WriteAll(fd_, "\r" + line + kEraseLine);
  shown_ = true;
  drawn_at_ = now;
}

void FetchProgress::Clear() {
  if (!shown_) return;
  WriteAll(fd_, std::string("\r") + kEraseLine);
  shown_ = false;
}

}  // namespace hostgraft
