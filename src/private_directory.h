// migrate --out-dir (DESIGN.md section 11): the Route's private key goes
// into files created new (O_EXCL, O_NOFOLLOW, mode 0600) in a directory
// owned by the caller that nobody else can read or write. The directory is
// opened once and checked through its descriptor, and every file is created
// relative to it, so swapping the path after the check changes nothing.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "checked_write.h"
#include "diagnostics.h"

namespace hostgraft {

class PrivateDirectory {
 public:
  ~PrivateDirectory() {
    if (fd_ >= 0) close(fd_);
  }

  // Creates dir 0700, or opens an existing one that passes the checks.
  bool Open(const std::string& dir, Diagnostics* diags) {
    dir_ = dir;
    Location where;
    where.file = dir;
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      diags->Error(kExitUsage, where, std::string("--out-dir: cannot create the directory: ") + std::strerror(errno));
      return false;
    }
    fd_ = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    if (fd_ < 0 || fstat(fd_, &st) != 0) {
      int error = errno;
      diags->Error(kExitUsage, where,
                   error == ENOTDIR ? std::string("--out-dir: not a directory")
                                    : std::string("--out-dir: cannot open the directory: ") + std::strerror(error),
                   "name a new directory; hostgraft creates it private");
      return false;
    }
    if (st.st_uid != geteuid()) {
      diags->Error(kExitUsage, where,
                   "--out-dir: the directory belongs to another user (uid " + std::to_string(st.st_uid) +
                       ", not " + std::to_string(geteuid()) + "), and private keys go into it",
                   "name a new directory; hostgraft creates it private");
      return false;
    }
    // Read access would let others list the names only (the files are
    // 0600), but a private key's directory is private: any group or other
    // bit is refused, as an ACL entry shows in the group bits.
    if (st.st_mode & 077) {
      diags->Error(kExitUsage, where, "--out-dir: the directory is open to other users, and private keys go into it",
                   "name a new directory, or chmod 700 " + dir);
      return false;
    }
    return true;
  }

  // False, naming each, when any of the names exists: key files are never
  // overwritten, and all of them are checked before any is written.
  bool AllFree(const std::vector<std::string>& names, Diagnostics* diags) const {
    bool ok = true;
    for (const std::string& name : names) {
      struct stat st;
      if (fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        Exists(name, st.st_mode, diags);
        ok = false;
      }
    }
    return ok;
  }

  // Creates name with data, mode 0600. A write that fails is exit 5 and the
  // file is removed (with RemoveWritten, every file of the run).
  bool Write(const std::string& name, const std::string& data, Diagnostics* diags) {
    const std::string path = dir_ + "/" + name;
    int fd = openat(fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      int error = errno;
      struct stat st;
      if (error == EEXIST && fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        Exists(name, st.st_mode, diags);
      } else {
        diags->Error(kExitWriteFailed, At(path), std::string("cannot create the file: ") + std::strerror(error));
      }
      return false;
    }
    written_.push_back(name);
    int error = fchmod(fd, 0600) == 0 ? WriteAll(fd, data) : errno;
    if (close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
      diags->Error(kExitWriteFailed, At(path), std::string("cannot write the file: ") + std::strerror(error),
                   "check the space and limits of the file system of --out-dir; no file of this run was left there");
      return false;
    }
    return true;
  }

  // Removes the files this run created, so a failed run leaves none behind
  // (a later run would refuse them).
  void RemoveWritten() {
    for (const std::string& name : written_) unlinkat(fd_, name.c_str(), 0);
    written_.clear();
  }

 private:
  static Location At(const std::string& path) {
    Location where;
    where.file = path;
    return where;
  }
  void Exists(const std::string& name, mode_t mode, Diagnostics* diags) const {
    const char* what = S_ISLNK(mode) ? "a symbolic link" : S_ISDIR(mode) ? "a directory" : S_ISREG(mode) ? "a file" : "a special file";
    diags->Error(kExitUsage, At(dir_ + "/" + name),
                 std::string("already exists (") + what + "); migrate creates the key files new and never writes into an "
                 "existing one",
                 "remove it, or choose another --out-dir");
  }

  std::string dir_;
  int fd_ = -1;
  std::vector<std::string> written_;
};

}  // namespace hostgraft
