#include "hashing.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proeventa::auth {

namespace {
// Enough to yield to I/O threads under contention without starving logins (CFS weights:
// nice 5 gets about a third of a nice-0 thread's share).
constexpr int hashing_niceness = 5;
}  // namespace

void deprioritize_this_thread() noexcept {
    thread_local bool done = false;
    if (done) return;
    done = true;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    const int current = ::getpriority(PRIO_PROCESS, tid);
    // Raising niceness needs no privilege; failure just leaves the default priority.
    if (current < hashing_niceness) (void)::setpriority(PRIO_PROCESS, tid, hashing_niceness);
}

}  // namespace proeventa::auth
