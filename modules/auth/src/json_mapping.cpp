#include "json_mapping.hpp"

namespace proeventa::auth {

json::object to_json(const user_record& user) {
    return json::object{
        {"id", user.id},
        {"email", user.email},
        {"full_name", user.full_name},
        {"role", user.role},
        {"created_at", user.created_at},
    };
}

void add_token(json::object& out, const issued_token& token) {
    out["access_token"] = token.access_token;
    out["token_type"] = "bearer";
    out["expires_in"] = token.expires_in;
}

}  // namespace proeventa::auth
