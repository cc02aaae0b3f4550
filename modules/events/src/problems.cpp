#include "problems.hpp"

#include <proeventa/http/api_error.hpp>

namespace proeventa::events {

void throw_if_any(const problem_list& problems) {
    if (problems.empty()) return;
    json::object details;
    for (const auto& p : problems.items())
        if (!details.contains(p.field)) details[p.field] = p.message;
    throw errors::validation(std::move(details));
}

}  // namespace proeventa::events
