#include "sql.hpp"

namespace proeventa::reservations::sql {

const db::statement_book& book() {
    static const db::statement_book statements("reservations", sql_files::files());
    return statements;
}

}  // namespace proeventa::reservations::sql
