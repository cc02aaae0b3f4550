#include "sql.hpp"

namespace proeventa::auth::sql {

const db::statement_book& book() {
    static const db::statement_book statements("auth", sql_files::files());
    return statements;
}

}  // namespace proeventa::auth::sql
