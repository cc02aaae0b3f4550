#pragma once
// Hooks for the end of a test binary's run. Function-local statics (a server shared by every
// case of a file) are destroyed after main has returned, too late to fail the run; they
// register their teardown here instead, and anything found then fails the binary.

#include <functional>
#include <string>

namespace proeventa::test {

/// Runs `teardown` after the last test case, before main returns (last registered, first run).
void at_run_end(std::function<void()> teardown);

/// Fails the test binary (non-zero exit) even if every assertion passed, printing `why`.
void fail_run(const std::string& why);

}  // namespace proeventa::test
