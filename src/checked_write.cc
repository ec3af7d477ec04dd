#include "checked_write.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hostgraft {

int WriteAll(int fd, std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      if (poll(&p, 1, -1) < 0 && errno != EINTR) return errno;
      if (p.revents & (POLLERR | POLLNVAL)) return p.revents & POLLNVAL ? EBADF : EPIPE;
    } else if (n < 0 && errno != EINTR) {
      return errno;
    } else if (n == 0) {
      return EIO;
    }
  }
  return 0;
}

bool WriteStdout(std::string_view data, const std::string& what, Diagnostics* diags) {
  int error = WriteAll(1, data);
  if (error == 0) return true;
  diags->Error(kExitWriteFailed, {}, "cannot write " + what + " to stdout: " + std::strerror(error),
               "check that stdout goes to a writable file or pipe with space left; nothing written is complete");
  return false;
}

}  // namespace hostgraft
