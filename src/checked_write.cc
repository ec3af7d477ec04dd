#include "checked_write.h"

#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hostgraft {

namespace {

// Below IOV_MAX (1024 on Linux); more pieces take more calls.
constexpr int kMaxPiecesPerWrite = 256;

// Waits until fd takes bytes again; 0, or the errno that says it never will.
int AwaitWritable(int fd) {
  pollfd p{fd, POLLOUT, 0};
  if (poll(&p, 1, -1) < 0 && errno != EINTR) return errno;
  if (p.revents & (POLLERR | POLLNVAL)) return p.revents & POLLNVAL ? EBADF : EPIPE;
  return 0;
}

}  // namespace

int WriteAll(int fd, std::string_view data) { return WriteAll(fd, std::span<const std::string_view>(&data, 1)); }

int WriteAll(int fd, std::span<const std::string_view> pieces) {
  size_t next = 0;    // first piece not completely written
  size_t offset = 0;  // bytes of pieces[next] already written
  while (next < pieces.size()) {
    if (offset == pieces[next].size()) {
      ++next;
      offset = 0;
      continue;
    }
    iovec iov[kMaxPiecesPerWrite];
    int count = 0;
    for (size_t i = next; i < pieces.size() && count < kMaxPiecesPerWrite; ++i) {
      size_t skip = i == next ? offset : 0;
      iov[count++] = {const_cast<char*>(pieces[i].data() + skip), pieces[i].size() - skip};
    }
    ssize_t n = writev(fd, iov, count);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (int error = AwaitWritable(fd)) return error;
    } else if (n < 0 && errno != EINTR) {
      return errno;
    } else if (n == 0) {
      return EIO;
    }
    // Advance past what was written, piece by piece.
    for (size_t left = n > 0 ? static_cast<size_t>(n) : 0; left > 0;) {
      size_t rest = pieces[next].size() - offset;
      if (left < rest) {
        offset += left;
        break;
      }
      left -= rest;
      ++next;
      offset = 0;
    }
  }
  return 0;
}

bool WriteStdout(std::string_view data, const std::string& what, Diagnostics* diags) {
  return WriteStdout(std::span<const std::string_view>(&data, 1), what, diags);
}

bool WriteStdout(std::span<const std::string_view> pieces, const std::string& what, Diagnostics* diags) {
  int error = WriteAll(1, pieces);
  if (error == 0) return true;
  diags->Error(kExitWriteFailed, {}, "cannot write " + what + " to stdout: " + std::strerror(error),
               "check that stdout goes to a writable file or pipe with space left; nothing written is complete");
  return false;
}

}  // namespace hostgraft
