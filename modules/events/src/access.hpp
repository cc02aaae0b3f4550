#pragma once
// Who may see and change what. Pure.
#include "model.hpp"

#include <proeventa/http/request_context.hpp>

#include <optional>

namespace proeventa::events {

/// Drafts are visible only to their organizer and admins; everything else to everyone.
inline bool can_see(const event_record& e, const std::optional<principal>& who) {
    if (e.status != "draft") return true;
    return who && (who->is_admin() || who->user_id == e.organizer_id);
}

inline bool can_manage(const event_record& e, const principal& who) {
    return who.is_admin() || who.user_id == e.organizer_id;
}

inline bool can_manage(const venue_record& v, const principal& who) {
    return who.is_admin() || (v.created_by && *v.created_by == who.user_id);
}

}  // namespace proeventa::events
