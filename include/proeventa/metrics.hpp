#pragma once
// A module's contribution to /metrics: plain samples, read when the endpoint is scraped, so
// modules keep their own counters and the core keeps the exposition format.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace proeventa {

struct metric_sample {
    std::string name;  // proeventa_<module>_..., Prometheus naming
    std::string type;  // "counter" or "gauge"
    std::string help;
    std::uint64_t value = 0;
};

using metric_source = std::function<std::vector<metric_sample>()>;

}  // namespace proeventa
