#include "bounded_read.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hostgraft {
namespace {

std::string TooLarge(size_t max_bytes) { return "is larger than " + SizeText(max_bytes); }

// Reads until end of file or one byte past max_bytes.
std::optional<std::string> ReadUpTo(int fd, size_t max_bytes, std::string* text) {
  char buf[1 << 16];
  while (text->size() <= max_bytes) {
    size_t want = std::min(sizeof buf, max_bytes + 1 - text->size());
    ssize_t n = read(fd, buf, want);
    if (n > 0) {
      text->append(buf, static_cast<size_t>(n));
    } else if (n == 0) {
      return std::nullopt;
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      pollfd p{fd, POLLIN, 0};
      poll(&p, 1, -1);
    } else if (errno == EBADF) {
      return std::string("is closed");
    } else if (errno == EISDIR) {
      return std::string("is a directory");
    } else if (errno != EINTR) {
      return std::string("cannot be read: ") + std::strerror(errno);
    }
  }
  return TooLarge(max_bytes);
}

}  // namespace

const char* FileKindProblem(unsigned mode) {
  if (S_ISREG(mode)) return nullptr;
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  return "is not a regular file";
}

std::string SizeText(size_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

bool InputLimitFromEnv(size_t* bytes, std::string* error) {
  *bytes = kDefaultMaxInputBytes;
  const char* text = std::getenv("HOSTGRAFT_MAX_INPUT_MB");
  if (!text || !*text) return true;
  char* end = nullptr;
  errno = 0;
  unsigned long long mb = std::strtoull(text, &end, 10);
  if (*end || errno || text[0] == '-' || mb < 1 || mb > (1u << 20)) {
    *error = std::string("HOSTGRAFT_MAX_INPUT_MB is \"") + text + "\", not a number of MiB from 1 to 1048576";
    return false;
  }
  *bytes = static_cast<size_t>(mb) << 20;
  return true;
}

size_t InputLimitBytes() {
  size_t bytes;
  std::string error;
  return InputLimitFromEnv(&bytes, &error) ? bytes : kDefaultMaxInputBytes;
}

std::optional<std::string> ReadFileBounded(const std::string& path, size_t max_bytes, std::string* text, FileKinds kinds,
                                           bool no_follow) {
  text->clear();
  // O_NONBLOCK: opening a FIFO with no writer must not hang the run.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (no_follow ? O_NOFOLLOW : 0));
  if (fd < 0) {
    if (errno == ELOOP && no_follow) return std::string("is a symbolic link");
    return std::string("cannot be opened: ") + std::strerror(errno);
  }
  struct stat st;
  std::optional<std::string> problem;
  if (fstat(fd, &st) != 0) {
    problem = std::string("cannot be read: ") + std::strerror(errno);
  } else if (S_ISREG(st.st_mode)) {
    if (static_cast<uintmax_t>(st.st_size) > max_bytes) problem = TooLarge(max_bytes);
    else text->reserve(static_cast<size_t>(st.st_size));
  } else if (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode) || kinds == FileKinds::kRegularOnly) {
    problem = FileKindProblem(st.st_mode);
  }
  if (!problem) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    problem = ReadUpTo(fd, max_bytes, text);
  }
  close(fd);
  if (problem) text->clear();
  return problem;
}

std::optional<std::string> ReadFdBounded(int fd, size_t max_bytes, std::string* text) {
  text->clear();
  struct stat st;
  if (fstat(fd, &st) != 0) return std::string(errno == EBADF ? "is closed" : "cannot be read: ") +
                                  (errno == EBADF ? "" : std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return std::string("is a directory");
  // A file is read into one allocation of its size: growing by doubling
  // would briefly hold the input three times over.
  if (S_ISREG(st.st_mode) && st.st_size > 0) text->reserve(std::min(static_cast<size_t>(st.st_size), max_bytes) + 1);
  std::optional<std::string> problem = ReadUpTo(fd, max_bytes, text);
  if (problem) text->clear();
  return problem;
}

}  // namespace hostgraft
