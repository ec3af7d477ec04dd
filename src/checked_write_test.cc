#include "checked_write.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace hostgraft {
namespace {

TEST_CASE("checked write: a non-blocking pipe that fills up is waited out, every byte arrives", "[checked-write]") {
  int p[2];
  REQUIRE(pipe(p) == 0);
  fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
  std::string data(1400 * 1024, 'y');
  for (size_t i = 0; i < data.size(); i += 997) data[i] = static_cast<char>('a' + i % 26);
  std::string received;
  std::thread reader([&] {
    // Slow to start, so the 64 KiB pipe is full and write() says EAGAIN.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    char buf[4096];
    for (ssize_t n; (n = read(p[0], buf, sizeof buf)) > 0;) received.append(buf, n);
  });
  CHECK(WriteAll(p[1], data) == 0);
  close(p[1]);
  reader.join();
  close(p[0]);
  CHECK(received == data);
}

TEST_CASE("checked write: a full disk and a closed descriptor are errors with their reason", "[checked-write]") {
  int full = open("/dev/full", O_WRONLY);
  REQUIRE(full >= 0);
  CHECK(WriteAll(full, "x") == ENOSPC);
  close(full);
  int p[2];
  REQUIRE(pipe(p) == 0);
  close(p[1]);
  CHECK(WriteAll(p[1], "x") == EBADF);
  close(p[0]);
}

TEST_CASE("checked write: many pieces through a non-blocking pipe arrive whole and in order", "[checked-write]") {
  // More pieces than one writev takes, of sizes that make the pipe cut
  // writes in the middle of a piece.
  std::vector<std::string> texts;
  for (int i = 0; i < 1500; ++i) texts.push_back(std::string(1 + (i * 7919) % 3000, static_cast<char>('a' + i % 26)));
  std::vector<std::string_view> pieces(texts.begin(), texts.end());
  pieces.insert(pieces.begin() + 700, std::string_view());  // an empty piece is skipped
  std::string expected;
  for (const std::string& t : texts) expected += t;
  int p[2];
  REQUIRE(pipe(p) == 0);
  fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
  std::string received;
  std::thread reader([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    char buf[1000];  // small reads: the writer sees many short writes
    for (ssize_t n; (n = read(p[0], buf, sizeof buf)) > 0;) received.append(buf, n);
  });
  CHECK(WriteAll(p[1], pieces) == 0);
  close(p[1]);
  reader.join();
  close(p[0]);
  CHECK(received.size() == expected.size());
  CHECK(received == expected);
}

}  // namespace
}  // namespace hostgraft
