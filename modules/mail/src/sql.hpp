#pragma once
// The mail module's statements (sql/*.sql), prepared as "mail.<name>".
#include <proeventa/db/statements.hpp>
#include <proeventa/embedded.hpp>

#include <span>

namespace proeventa::mail::sql_files {
std::span<const proeventa::embedded_file> files();
}

namespace proeventa::mail::sql {

const db::statement_book& book();

inline const db::query& enqueue = book()["enqueue"];
inline const db::query& claim_due = book()["claim_due"];
inline const db::query& mark_sent = book()["mark_sent"];
inline const db::query& retry_later = book()["retry_later"];
inline const db::query& count_pending = book()["count_pending"];

}  // namespace proeventa::mail::sql
