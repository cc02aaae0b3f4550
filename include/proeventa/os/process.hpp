#pragma once
// Running a program to completion and collecting what it prints: fork + exec with an argument
// vector (no shell), optionally as another user. Start-up code only: it blocks until the child
// exits, so never call it on an I/O thread.
#include <proeventa/os/users.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::os {

struct run_options {
    /// Run as this user (the caller must be root); HOME, USER and LOGNAME follow it.
    std::optional<user> as;
    std::filesystem::path cwd = "/";
    /// Environment variables starting with any of these are not passed on (e.g. "PG", whose
    /// variables would silently redirect PostgreSQL's tools).
    std::vector<std::string> drop_env_prefixes;
};

struct run_output {
    int status = -1;     // exit code, or 128 + signal
    std::string output;  // stdout and stderr, interleaved

    /// "exit status N: <output>", for error messages.
    std::string describe() const;
};

/// Runs `program` with `args` and waits for it. The child gets its own session (a Ctrl-C meant
/// for us does not reach it), /dev/null as input, and none of our descriptors beyond 0-2, so a
/// daemon it leaves behind holds none of our sockets or files. Throws std::runtime_error when
/// the child cannot be created; a program that cannot be run exits with status 126.
run_output run(const std::filesystem::path& program, const std::vector<std::string>& args,
               const run_options& options = {});

/// The first executable `name` in $PATH (or the usual bin folders without one).
std::optional<std::filesystem::path> find_in_path(std::string_view name);
/// Whether the current user may execute `file`.
bool executable(const std::filesystem::path& file);

}  // namespace proeventa::os
