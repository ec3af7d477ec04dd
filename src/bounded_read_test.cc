#include "bounded_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace hostgraft {
namespace {

struct TempDir {
  std::string path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hostgraft-read-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

void Write(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

TEST_CASE("bounded read: a file within the limit is read whole", "[bounded-read]") {
  TempDir dir;
  Write(dir.path + "/f", "abc");
  std::string text = "old";
  CHECK_FALSE(ReadFileBounded(dir.path + "/f", 3, &text));
  CHECK(text == "abc");
}

TEST_CASE("bounded read: what is refused, and how it is said", "[bounded-read]") {
  TempDir dir;
  Write(dir.path + "/big", std::string(2000, 'x'));
  std::string text;
  CHECK(ReadFileBounded(dir.path + "/big", 1000, &text) == "is larger than 1000 bytes");
  CHECK(text.empty());
  CHECK(ReadFileBounded(dir.path, 1000, &text) == "is a directory");
  CHECK(ReadFileBounded(dir.path + "/none", 1000, &text) == "cannot be opened: No such file or directory");
  REQUIRE(mkfifo((dir.path + "/fifo").c_str(), 0600) == 0);
  // No writer: opening must not block, and a FIFO is no secret file.
  CHECK(ReadFileBounded(dir.path + "/fifo", 1000, &text, FileKinds::kRegularOnly) == "is a FIFO, not a regular file");
  CHECK(ReadFileBounded("/dev/null", 1000, &text, FileKinds::kRegularOnly) == "is a device, not a regular file");
  std::filesystem::create_symlink(dir.path + "/big", dir.path + "/link");
  CHECK(ReadFileBounded(dir.path + "/link", 1000, &text, FileKinds::kRegularOnly, /*no_follow=*/true) ==
        "is a symbolic link");
}

TEST_CASE("bounded read: an endless device ends at the limit, fast", "[bounded-read]") {
  std::string text;
  auto start = std::chrono::steady_clock::now();
  CHECK(ReadFileBounded("/dev/zero", 1 << 20, &text) == "is larger than 1 MiB");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(text.empty());
}

TEST_CASE("bounded read: a pipe is read to its end, a closed descriptor is said to be closed", "[bounded-read]") {
  int p[2];
  REQUIRE(pipe(p) == 0);
  REQUIRE(write(p[1], "hello", 5) == 5);
  close(p[1]);
  std::string text;
  CHECK_FALSE(ReadFdBounded(p[0], 100, &text));
  CHECK(text == "hello");
  close(p[0]);
  CHECK(ReadFdBounded(p[0], 100, &text) == "is closed");
}

TEST_CASE("bounded read: HOSTGRAFT_MAX_INPUT_MB is one setting with one message", "[bounded-read]") {
  size_t bytes = 0;
  std::string error;
  setenv("HOSTGRAFT_MAX_INPUT_MB", "2", 1);
  CHECK(InputLimitFromEnv(&bytes, &error));
  CHECK(bytes == size_t{2} << 20);
  CHECK(InputLimitBytes() == size_t{2} << 20);
  setenv("HOSTGRAFT_MAX_INPUT_MB", "0", 1);
  CHECK_FALSE(InputLimitFromEnv(&bytes, &error));
  CHECK(error == "HOSTGRAFT_MAX_INPUT_MB is \"0\", not a number of MiB from 1 to 1048576");
  CHECK(InputLimitBytes() == kDefaultMaxInputBytes);
  unsetenv("HOSTGRAFT_MAX_INPUT_MB");
  CHECK(InputLimitBytes() == kDefaultMaxInputBytes);
}

}  // namespace
}  // namespace hostgraft
