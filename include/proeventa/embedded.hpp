#pragma once
// A file compiled into the binary by cmake/embed.cmake (migrations, the SPA).
#include <span>
#include <string_view>

namespace proeventa {
struct embedded_file {
    std::string_view path;  // relative to the embedded folder, '/'-separated
    std::string_view data;
};
}  // namespace proeventa
