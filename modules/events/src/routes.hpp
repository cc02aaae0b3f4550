#pragma once
// HTTP handlers: read the request into typed inputs, ask a service, write the JSON of
// docs/api.md. Every route is registered in both layouts (gateway `/events/...` and service
// `/api/v1/...`).
#include "event_service.hpp"
#include "public_reads.hpp"
#include "seat_feeds.hpp"
#include "venue_service.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/http/router.hpp>

namespace proeventa::events {

void register_venue_routes(router& r, auth::identity& identity, venue_service& venues);
void register_event_routes(router& r, auth::identity& identity, event_service& events, public_reads& reads,
                           seat_feeds& feeds);

}  // namespace proeventa::events
