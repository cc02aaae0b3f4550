#pragma once
// What every fuzz target shares: a property check that stops the run with the property's name
// (libFuzzer then saves the input as a crash), and the rule every reader must keep on bad
// input — an expected failure is an api_error with a 4xx status, never a 5xx or another
// exception type.
#include <proeventa/http/api_error.hpp>
#include <proeventa/log.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace proeventa::fuzz {

/// Stops the run when a property does not hold: a finding as real as a sanitizer's.
inline void require(bool holds, const char* property) {
    if (holds) return;
    std::fprintf(stderr, "fuzz property violated: %s\n", property);
    std::abort();
}

/// Runs `read`; an api_error it throws must be a client error (400..499). Anything else
/// escaping it is a finding. Returns whether `read` finished without throwing.
template <class Read>
bool expect_client_error_only(Read&& read) {
    try {
        read();
        return true;
    } catch (const api_error& e) {
        const auto status = static_cast<unsigned>(e.status());
        require(status >= 400 && status < 500, "bad input is answered with a 4xx");
        require(!e.code().empty(), "every error carries a machine code");
        return false;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception: %s\n", e.what());
        require(false, "readers throw api_error only");
    }
    return false;
}

/// The server's log lines are not what a fuzz run is about; errors still show.
inline void quiet_logs() {
    static const bool once = [] {
        log::set_min_level(log::level::error);
        return true;
    }();
    (void)once;
}

}  // namespace proeventa::fuzz
