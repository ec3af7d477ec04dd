// arc4random for the portable build, so that it runs on glibc 2.34.
//
// The static libstdc++ of GCC 12 carries std::random_device, whose object
// refers to arc4random; glibc has had it only since 2.36, so linking it in
// would raise the binary's glibc floor from 2.34 to 2.36 even though
// hostgraft never calls it. This definition satisfies that reference inside
// the binary (hidden: it is never exported). It is a real arc4random: 32
// bits from the kernel's CSPRNG, blocking only until the pool is seeded,
// like glibc's; it cannot fail, so a broken getrandom aborts.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

extern "C" __attribute__((visibility("hidden"))) uint32_t arc4random(void) {
  uint32_t value;
  for (;;) {
    ssize_t n = getrandom(&value, sizeof value, 0);
    if (n == static_cast<ssize_t>(sizeof value)) return value;
    if (n < 0 && errno != EINTR) std::abort();
  }
}
