#include "sql.hpp"

namespace proeventa::events::sql {

const db::statement_book& book() {
    static const db::statement_book statements("events", sql_files::files());
    return statements;
}

}  // namespace proeventa::events::sql
