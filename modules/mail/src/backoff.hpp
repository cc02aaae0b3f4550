#pragma once
// When a failed delivery is tried again: exponential backoff with jitter, so a mail server that
// comes back is not met by every instance's whole queue at the same second. Pure, unit-tested.
#include <chrono>
#include <cstdint>

namespace proeventa::mail {

/// The wait after the `attempts`-th failed attempt (1 for the first): base * 2^(attempts-1),
/// capped at `cap`, then scaled by a factor in [0.5, 1.5) given by `unit` in [0, 1).
/// Never less than one second.
std::chrono::seconds retry_delay(std::int64_t attempts, std::chrono::seconds base, std::chrono::seconds cap,
                                 double unit);

}  // namespace proeventa::mail
