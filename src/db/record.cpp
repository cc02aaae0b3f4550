// Column kinds for typed rows, from PostgreSQL's built-in type OIDs (pg_type.dat; these OIDs
// are fixed across versions).
#include <proeventa/db/record.hpp>

namespace proeventa::db::detail {

column_kind kind_of_column(const result& r, int col) {
    switch (r.column_type(col)) {
        case 20:  // int8
        case 21:  // int2
        case 23:  // int4
        case 26:  // oid
            return column_kind::integer;
        case 16:  // bool
            return column_kind::boolean;
        case 700:   // float4
        case 701:   // float8
        case 1700:  // numeric
            return column_kind::floating;
        case 19:    // name
        case 25:    // text
        case 1042:  // char(n)
        case 1043:  // varchar
            return column_kind::text;
        case 1184:  // timestamptz
            return column_kind::timestamp;
        case 114:   // json
        case 3802:  // jsonb
            return column_kind::json;
        default:
            return column_kind::other;
    }
}

const char* describe(column_kind kind) {
    switch (kind) {
        case column_kind::integer: return "an integer";
        case column_kind::boolean: return "a boolean";
        case column_kind::floating: return "a floating-point number";
        case column_kind::text: return "text";
        case column_kind::timestamp: return "a timestamptz";
        case column_kind::json: return "json";
        case column_kind::other: break;
    }
    return "a type records do not read";
}

}  // namespace proeventa::db::detail
