#include "sql.hpp"

namespace proeventa::mail::sql {

const db::statement_book& book() {
    static const db::statement_book statements("mail", sql_files::files());
    return statements;
}

}  // namespace proeventa::mail::sql
