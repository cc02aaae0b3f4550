#include "outbox_writer.hpp"

#include "sql.hpp"

#include <proeventa/db/pool.hpp>

namespace proeventa::mail {

awaitable<void> outbox_writer::enqueue(db::transaction& tx, const message& m) {
    co_await tx.exec(sql::enqueue, db::params(m.to, m.subject, m.text, m.html));
}

}  // namespace proeventa::mail
