#include "checked_write.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <thread>

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

}  // namespace
}  // namespace hostgraft
