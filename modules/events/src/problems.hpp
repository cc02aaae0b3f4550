#pragma once
// Validation problems collected by the module's pure checks, keyed by the field path a client
// sent (`layout.sections[2].rows`); the routes hand them to field_reader so the 400 names them.
#include <string>
#include <utility>
#include <vector>

namespace proeventa::events {

struct problem {
    std::string field;
    std::string message;
};

class problem_list {
public:
    /// Bounded, so a 20 000-seat body full of mistakes does not produce a megabyte of details.
    static constexpr std::size_t max_problems = 25;

    void add(std::string field, std::string message) {
        if (items_.size() < max_problems) items_.push_back({std::move(field), std::move(message)});
        ++count_;
    }
    bool empty() const { return count_ == 0; }
    std::size_t count() const { return count_; }
    const std::vector<problem>& items() const { return items_; }
    bool has(const std::string& field) const {
        for (const auto& p : items_)
            if (p.field == field) return true;
        return false;
    }

private:
    std::vector<problem> items_;
    std::size_t count_ = 0;
};

}  // namespace proeventa::events

namespace proeventa::events {
/// 400 `validation_failed` with `details` naming each field (no-op when there are none).
void throw_if_any(const problem_list& problems);
}  // namespace proeventa::events
