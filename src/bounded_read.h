// Every input hostgraft reads goes through here, bounded before it is read
// (DESIGN.md section 11): stdin, --input, --cert/--bundle, values files,
// secret files, VAULT_CACERT, token, JWT and secret-id files. The Vault
// module compiles this file too, so both sides apply the same limit.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace hostgraft {

// The default of HOSTGRAFT_MAX_INPUT_MB: 1 GiB.
inline constexpr size_t kDefaultMaxInputBytes = size_t{1} << 30;

// HOSTGRAFT_MAX_INPUT_MB in bytes, the default when unset. False with *error
// set when the variable is not a number of MiB from 1 to 1048576.
bool InputLimitFromEnv(size_t* bytes, std::string* error);
// The same, with the default for an invalid value: for readers that are not
// where an invalid setting is reported.
size_t InputLimitBytes();

// What a reader accepts besides a regular file. A directory is never read.
enum class FileKinds {
  kRegularOnly,       // secret and credential files: a FIFO or device is refused
  kRegularOrStream,   // command-line files: a pipe or character device is read, bounded
};

// What a file of this mode is when it is not a regular file, as the phrase
// the readers use ("is a FIFO, not a regular file"); null for a regular file.
const char* FileKindProblem(unsigned mode);

// Reads the whole file into *text. Returns nullopt, or why not as a phrase
// that follows the file name: "is a directory", "is a FIFO, not a regular
// file", "is larger than 16 MiB", "cannot be opened: No such file or
// directory". Never quotes the contents. With no_follow, a symbolic link as
// the last component is refused ("is a symbolic link").
std::optional<std::string> ReadFileBounded(const std::string& path, size_t max_bytes, std::string* text,
                                           FileKinds kinds = FileKinds::kRegularOrStream, bool no_follow = false);

// Reads a descriptor to its end (stdin): the same phrases, plus "is closed"
// for a descriptor that is not open. Waits out EAGAIN on a non-blocking one.
std::optional<std::string> ReadFdBounded(int fd, size_t max_bytes, std::string* text);

// "64 MiB", or bytes for sizes below a MiB.
std::string SizeText(size_t bytes);

}  // namespace hostgraft
