#include "hashing_queue.hpp"

#include "errors.hpp"

namespace proeventa::auth {

hashing_queue::admission::admission(hashing_queue& q) : queue_(q) {
    // Take the place first, then check: two callers racing for the last place cannot both get it.
    if (queue_.pending_.fetch_add(1) >= queue_.max_pending_) {
        --queue_.pending_;
        ++queue_.refused_;
        throw failure(errc::busy, "too many sign-ins at once; please retry in a moment").with_retry_after(1);
    }
}

std::vector<metric_sample> hashing_queue::metrics() const {
    return {
        {"proeventa_auth_password_hashes_total", "counter",
         "Password hashes computed or verified (a login for an unknown email counts: it hashes too).",
         completed_.load()},
        {"proeventa_auth_password_hashes_pending", "gauge", "Password hashes queued or running.",
         pending_.load()},
        {"proeventa_auth_password_hashes_refused_total", "counter",
         "Requests answered 503 busy because the hashing queue was full.", refused_.load()},
    };
}

}  // namespace proeventa::auth
