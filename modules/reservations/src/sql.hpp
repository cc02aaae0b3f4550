#pragma once
// The reservations module's statements, kept in modules/reservations/sql/*.sql and prepared as
// "reservations.<name>". Looked up while the program starts, so a missing statement stops it at
// once rather than at the first request that needs it.
#include <proeventa/db/statements.hpp>
#include <proeventa/embedded.hpp>

#include <span>

namespace proeventa::reservations::sql_files {
std::span<const proeventa::embedded_file> files();
}

namespace proeventa::reservations::sql {

const db::statement_book& book();

// reserving
inline const db::query& reserve_seats = book()["reserve_seats"];
inline const db::query& seats_taken = book()["seats_taken"];
inline const db::query& reserve_places = book()["reserve_places"];
inline const db::query& inventory = book()["inventory"];
inline const db::query& create_inventory = book()["create_inventory"];
inline const db::query& release_expired_places = book()["release_expired_places"];
inline const db::query& sale_open = book()["sale_open"];

// Idempotency-Key
inline const db::query& claim_key = book()["claim_key"];
inline const db::query& find_key = book()["find_key"];
inline const db::query& store_key = book()["store_key"];

// one reservation
inline const db::query& find = book()["find"];
inline const db::query& confirm = book()["confirm"];
inline const db::query& cancel = book()["cancel"];

// lists
inline const db::query& list_by_user = book()["list_by_user"];
inline const db::query& list_by_event = book()["list_by_event"];
inline const db::query& count_by_user = book()["count_by_user"];
inline const db::query& count_by_event = book()["count_by_event"];

// for the events module: seat states and lifecycle hooks
inline const db::query& taken_seats = book()["taken_seats"];
inline const db::query& places_taken = book()["places_taken"];
inline const db::query& cancel_event = book()["cancel_event"];
inline const db::query& lock_inventory = book()["lock_inventory"];
inline const db::query& active_places = book()["active_places"];
inline const db::query& set_capacity = book()["set_capacity"];

// for the auth module: an account's deletion
inline const db::query& cancel_future_of_user = book()["cancel_future_of_user"];

// orders
inline const db::query& create_order = book()["create_order"];
inline const db::query& find_order = book()["find_order"];
inline const db::query& list_orders_by_user = book()["list_orders_by_user"];
inline const db::query& count_orders_by_user = book()["count_orders_by_user"];
inline const db::query& order_positions = book()["order_positions"];
inline const db::query& lock_order = book()["lock_order"];
inline const db::query& holds_left = book()["holds_left"];

// tickets and check-ins
inline const db::query& find_ticket_key = book()["find_ticket_key"];
inline const db::query& insert_ticket_key = book()["insert_ticket_key"];
inline const db::query& find_ticket = book()["find_ticket"];
inline const db::query& reissue_ticket = book()["reissue_ticket"];
inline const db::query& check_in = book()["check_in"];
inline const db::query& checkin_summary = book()["checkin_summary"];

// the sweeper
inline const db::query& sweep_expired = book()["sweep_expired"];
inline const db::query& forget_old_keys = book()["forget_old_keys"];

}  // namespace proeventa::reservations::sql
