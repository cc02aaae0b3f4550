// The auth API end to end: the real binary on a real PostgreSQL database.
#include "auth_support.hpp"

#include <set>

using namespace proeventa::test;
using namespace proeventa::test::auth;
namespace json = boost::json;

namespace {

json::object signup_body(const std::string& email, const std::string& pw = password,
                         const std::string& name = "Ada Lovelace") {
    return {{"email", email}, {"password", pw}, {"full_name", name}};
}

void check_user_shape(const json::object& user) {
    const std::set<std::string> expected{"id", "email", "full_name", "role", "created_at"};
    std::set<std::string> keys;
    for (const auto& kv : user) keys.insert(std::string(kv.key()));
    CHECK(keys == expected);  // and so never a hash
}

}  // namespace

TEST_CASE("sign-up creates a customer and never returns the hash", "[auth]") {
    auth_server s("auth_signup");
    auto res = s.c.post("/auth/signup", signup_body("  Ada.Lovelace@Example.COM ", password, " Ada Lovelace "));
    INFO(res.body);
    REQUIRE(res.status == 201);
    auto user = res.json().as_object();
    check_user_shape(user);
    CHECK(user.at("email").as_string() == "ada.lovelace@example.com");
    CHECK(user.at("full_name").as_string() == "Ada Lovelace");
    CHECK(user.at("role").as_string() == "customer");
    const std::string created(user.at("created_at").as_string());
    CHECK(created.size() >= 20);
    CHECK(created.back() == 'Z');
    CHECK(created[10] == 'T');
    CHECK(res.body.find("argon2") == std::string::npos);
    CHECK(res.header("location") == "/auth/users/" + std::to_string(user.at("id").as_int64()));

    auto stored = sql(s.db, "SELECT password_hash, email FROM users");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0][0].rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(stored[0][1] == "ada.lovelace@example.com");

    // The service layout reaches the same handler.
    auto second = s.c.post("/api/v1/signup", signup_body("grace@example.com"));
    REQUIRE(second.status == 201);
    CHECK(second.json().at("id").as_int64() > user.at("id").as_int64());
}

TEST_CASE("sign-up validation says which field is wrong and why", "[auth]") {
    auth_server s("auth_signup_invalid");

    auto bad_email = s.c.post("/auth/signup", signup_body("not-an-email"));
    check_error(bad_email, 400, "validation_failed");
    CHECK(bad_email.json().at("details").as_object().contains("email"));

    auto everything = s.c.post("/auth/signup", json::object{{"password", 5}});
    check_error(everything, 400, "validation_failed");
    auto details = everything.json().at("details").as_object();
    CHECK(details.contains("email"));
    CHECK(details.contains("password"));
    CHECK_FALSE(details.contains("full_name"));  // optional
    // A malformed email is reported as such even when the password is weak too.
    check_error(s.c.post("/auth/signup", signup_body("not-an-email", "short")), 400, "validation_failed");

    auto long_name = s.c.post("/auth/signup", signup_body("n@example.com", password, std::string(201, 'n')));
    check_error(long_name, 400, "validation_failed");
    CHECK(long_name.json().at("details").as_object().contains("full_name"));

    check_error(s.c.request("POST", "/auth/signup", "{not json", {}), 400, "invalid_json");
    check_error(s.c.request("POST", "/auth/signup", "email=a@example.com",
                            {{"Content-Type", "text/plain"}}),
                415, "unsupported_media_type");
    CHECK(sql(s.db, "SELECT count(*) FROM users")[0][0] == "0");
}

namespace {

/// The weak_password answer: 400, the rule named in the message and in details.password.
std::string weak_password_rule(const http_result& res) {
    check_error(res, 400, "weak_password");
    const auto body = res.json().as_object();
    const std::string message(body.at("error").as_string());
    CHECK(std::string(body.at("details").at("password").as_string()) == message);
    return message;
}

bool mentions(const std::string& text, const std::string& words) {
    INFO(text);
    return text.find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("sign-up refuses weak passwords with weak_password, naming the rule", "[auth][password_policy]") {
    auth_server s("auth_weak_signup");
    // Characters, not bytes: two emoji are 8 bytes of UTF-8.
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("a@example.com", "😀😀"))), "too short"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("a@example.com", "1234567"))),
                   "at least 8 characters"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("a@example.com", std::string(129, 'x')))),
                   "at most 128 characters"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("a@example.com", "password1"))),
                   "too common"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("a@example.com", "PassWord1"))),
                   "too common"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("Jo.Smith@example.com", "jo.smith@EXAMPLE.com"))),
                   "same as the email"));
    CHECK(mentions(weak_password_rule(s.c.post("/auth/signup", signup_body("jo.smith@example.com", "JO.SMITH"))),
                   "same as the email"));
    CHECK(sql(s.db, "SELECT count(*) FROM users")[0][0] == "0");
    // Refusals are not sign-up attempts: none was counted against the address.
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts")[0][0] == "0");

    const std::string eight_emoji = "😀😀😀😀😀😀😀😀";
    REQUIRE(s.c.post("/auth/signup", signup_body("emoji@example.com", eight_emoji)).status == 201);
    login_token(s.c, "emoji@example.com", eight_emoji);
    CHECK(s.c.post("/auth/signup", signup_body("max@example.com", std::string(128, 'x'))).status == 201);
    CHECK(s.c.post("/auth/signup", signup_body("utf8@example.com", "éééééééé")).status == 201);
}

TEST_CASE("sign-up without full_name, as the original API allowed", "[auth]") {
    auth_server s("auth_signup_no_name");
    auto absent = s.c.post("/auth/signup", {{"email", "anon@example.com"}, {"password", password}});
    INFO(absent.body);
    REQUIRE(absent.status == 201);
    check_user_shape(absent.json().as_object());
    CHECK(absent.json().at("full_name").as_string() == "");

    auto null_name = s.c.post("/auth/signup", {{"email", "null@example.com"}, {"password", password}, {"full_name", nullptr}});
    REQUIRE(null_name.status == 201);
    CHECK(null_name.json().at("full_name").as_string() == "");
    CHECK(s.c.post("/auth/signup", signup_body("blank@example.com", password, "   ")).status == 201);

    CHECK(sql(s.db, "SELECT count(*) FROM users WHERE full_name = ''")[0][0] == "3");
    const auto token = login_token(s.c, "anon@example.com");
    auto me = s.c.get("/auth/me", token);
    REQUIRE(me.status == 200);
    CHECK(me.json().at("full_name").as_string() == "");
    // A name can be added later; an explicit empty one is still refused on a change.
    CHECK(s.c.patch("/auth/me", {{"full_name", "Now Named"}}, token).json().at("full_name").as_string() == "Now Named");
    check_error(s.c.patch("/auth/me", {{"full_name", ""}}, token), 400, "validation_failed");
    // A name that is given is still checked.
    check_error(s.c.post("/auth/signup", signup_body("long@example.com", password, std::string(201, 'n'))), 400,
                "validation_failed");
    check_error(s.c.post("/auth/signup", {{"email", "num@example.com"}, {"password", password}, {"full_name", 7}}),
                400, "validation_failed");
}

TEST_CASE("an email is taken regardless of letter case", "[auth]") {
    auth_server s("auth_duplicate");
    REQUIRE(s.c.post("/auth/signup", signup_body("dup@example.com")).status == 201);
    auto again = s.c.post("/auth/signup", signup_body("DUP@Example.com"));
    check_error(again, 409, "email_taken");
    CHECK(sql(s.db, "SELECT count(*) FROM users")[0][0] == "1");
}

TEST_CASE("login with JSON or an OAuth2 password form", "[auth]") {
    auth_server s("auth_login");
    const auto id = s.c.post("/auth/signup", signup_body("Login.User@example.com")).json().at("id").as_int64();

    auto res = s.c.post("/auth/login", {{"email", "  LOGIN.user@EXAMPLE.com "}, {"password", password}});
    INFO(res.body);
    REQUIRE(res.status == 200);
    auto body = res.json().as_object();
    CHECK(body.at("token_type").as_string() == "bearer");
    CHECK(body.at("expires_in").as_int64() == 3600);
    CHECK(std::count(body.at("access_token").as_string().begin(),
                     body.at("access_token").as_string().end(), '.') == 2);
    check_user_shape(body.at("user").as_object());
    CHECK(body.at("user").at("id").as_int64() == id);
    CHECK(res.header("cache-control").find("no-store") != std::string::npos);

    auto service = s.c.post("/api/v1/login", {{"email", "login.user@example.com"}, {"password", password}});
    CHECK(service.status == 200);

    // What an OAuth2 "password" client sends: form encoding, '+' for space, %40 for '@'.
    const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
    auto form_login = s.c.request(
        "POST", "/auth/login",
        "grant_type=password&username=login.user%40example.com&password=correct-horse-battery&scope=",
        form);
    INFO(form_login.body);
    REQUIRE(form_login.status == 200);
    CHECK(form_login.json().at("token_type").as_string() == "bearer");

    // Passwords with spaces survive form decoding.
    REQUIRE(s.c.post("/auth/signup", signup_body("spaces@example.com", "pass with spaces")).status == 201);
    auto spaced = s.c.request("POST", "/api/v1/login",
                              "username=spaces%40example.com&password=pass+with%20spaces", form);
    CHECK(spaced.status == 200);

    check_error(s.c.request("POST", "/auth/login", "username=login.user%40example.com", form), 400,
                "validation_failed");
    check_error(s.c.request("POST", "/auth/login",
                            "grant_type=client_credentials&username=a%40b.co&password=x", form),
                400, "validation_failed");
    check_error(s.c.post("/auth/login", {{"email", "login.user@example.com"}}), 400, "validation_failed");
    check_error(s.c.request("POST", "/auth/login", "email=x", {{"Content-Type", "text/plain"}}), 415,
                "unsupported_media_type");
}

TEST_CASE("a wrong password and an unknown email get the same 401", "[auth]") {
    auth_server s("auth_bad_credentials");
    REQUIRE(s.c.post("/auth/signup", signup_body("real@example.com")).status == 201);

    auto wrong_pw = s.c.post("/auth/login", {{"email", "real@example.com"}, {"password", "not-the-password"}});
    auto no_user = s.c.post("/auth/login", {{"email", "ghost@example.com"}, {"password", "not-the-password"}});
    check_error(wrong_pw, 401, "invalid_credentials");
    check_error(no_user, 401, "invalid_credentials");
    CHECK(wrong_pw.body == no_user.body);
    CHECK(wrong_pw.header("www-authenticate") == no_user.header("www-authenticate"));
}

TEST_CASE("GET and PATCH /auth/me", "[auth]") {
    auth_server s("auth_me");
    auto alice = make_user(s.c, s.db, "alice@example.com");

    auto me = s.c.get("/auth/me", alice.token);
    REQUIRE(me.status == 200);
    CHECK(me.json().at("id").as_int64() == alice.id);
    check_user_shape(me.json().as_object());
    CHECK(s.c.get("/api/v1/me", alice.token).status == 200);

    check_error(s.c.get("/auth/me"), 401, "unauthorized");
    CHECK(s.c.get("/auth/me").header("www-authenticate").find("Bearer") == 0);
    check_error(s.c.request("GET", "/auth/me", {}, {{"Authorization", "Basic YWxpY2U6cHc="}}), 401, "unauthorized");
    check_error(s.c.request("GET", "/auth/me", {}, {{"Authorization", "Bearer"}}), 401, "unauthorized");
    check_error(s.c.get("/auth/me", "garbage"), 401, "unauthorized");
    check_error(s.c.get("/auth/me", alice.token + "x"), 401, "unauthorized");

    SECTION("full name") {
        auto renamed = s.c.patch("/auth/me", {{"full_name", "  Alice Liddell "}}, alice.token);
        REQUIRE(renamed.status == 200);
        CHECK(renamed.json().at("full_name").as_string() == "Alice Liddell");
        CHECK(s.c.get("/auth/me", alice.token).json().at("full_name").as_string() == "Alice Liddell");
        check_error(s.c.patch("/auth/me", {{"full_name", ""}}, alice.token), 400, "validation_failed");
        check_error(s.c.patch("/auth/me", {{"full_name", "x"}}), 401, "unauthorized");
    }
    SECTION("password change needs the current password") {
        auto missing = s.c.patch("/auth/me", {{"password", "a-new-password"}}, alice.token);
        check_error(missing, 400, "validation_failed");
        CHECK(missing.json().at("details").as_object().contains("current_password"));

        check_error(s.c.patch("/auth/me", {{"password", "a-new-password"}, {"current_password", "wrong-one"}},
                              alice.token),
                    403, "forbidden");
        check_error(s.c.patch("/auth/me", {{"password", "short"}, {"current_password", password}}, alice.token),
                    400, "weak_password");
        auto common = s.c.patch("/auth/me", {{"password", "password1"}, {"current_password", password}}, alice.token);
        check_error(common, 400, "weak_password");
        CHECK(std::string(common.json().at("details").at("password").as_string()).find("too common") !=
              std::string::npos);
        check_error(s.c.patch("/auth/me", {{"password", "Alice@Example.com"}, {"current_password", password}},
                              alice.token),
                    400, "weak_password");
        check_error(s.c.patch("/auth/me", {{"password", "😀😀"}, {"current_password", password}}, alice.token), 400,
                    "weak_password");

        // A second session (another device) signed in before the change.
        auto other_device = s.c.post("/auth/login", {{"email", "alice@example.com"}, {"password", password}});
        REQUIRE(other_device.status == 200);
        const std::string other_token(other_device.json().at("access_token").as_string());
        CHECK(s.c.get("/auth/me", other_token).status == 200);

        auto changed = s.c.patch("/api/v1/me", {{"password", "a-new-password"}, {"current_password", password}},
                                 alice.token);
        INFO(changed.body);
        REQUIRE(changed.status == 200);
        auto answer = changed.json().as_object();
        const std::string fresh_token(answer.at("access_token").as_string());
        CHECK(answer.at("token_type") == "bearer");
        CHECK(answer.at("expires_in").as_int64() > 0);
        for (auto key : {"access_token", "token_type", "expires_in"}) answer.erase(key);
        check_user_shape(answer);

        // Every token from before the change is revoked; the one handed back works.
        check_error(s.c.get("/auth/me", alice.token), 401, "token_revoked");
        check_error(s.c.get("/auth/me", other_token), 401, "token_revoked");
        CHECK(s.c.get("/auth/me", fresh_token).status == 200);
        // A name change does not revoke anything.
        CHECK(s.c.patch("/auth/me", {{"full_name", "Alice Kept"}}, fresh_token).status == 200);
        CHECK(s.c.get("/auth/me", fresh_token).status == 200);

        check_error(s.c.post("/auth/login", {{"email", "alice@example.com"}, {"password", password}}), 401,
                    "invalid_credentials");
        auto relogin = s.c.post("/auth/login", {{"email", "alice@example.com"}, {"password", "a-new-password"}});
        REQUIRE(relogin.status == 200);
        CHECK(s.c.get("/auth/me", std::string(relogin.json().at("access_token").as_string())).status == 200);
    }
}

TEST_CASE("a user reads themself; only an admin reads others", "[auth]") {
    auth_server s("auth_idor");
    auto alice = make_user(s.c, s.db, "alice@example.com");
    auto bob = make_user(s.c, s.db, "bob@example.com");
    auto admin = make_user(s.c, s.db, "admin@example.com", "admin");
    const auto alice_url = "/auth/users/" + std::to_string(alice.id);
    const auto bob_url = "/api/v1/users/" + std::to_string(bob.id);

    auto self = s.c.get(alice_url, alice.token);
    REQUIRE(self.status == 200);
    CHECK(self.json().at("email").as_string() == "alice@example.com");
    check_user_shape(self.json().as_object());

    check_error(s.c.get(bob_url, alice.token), 403, "forbidden");
    check_error(s.c.get(alice_url, bob.token), 403, "forbidden");
    // Strangers cannot probe which ids exist either.
    check_error(s.c.get("/auth/users/999999", alice.token), 403, "forbidden");
    check_error(s.c.get(alice_url), 401, "unauthorized");

    auto by_admin = s.c.get(bob_url, admin.token);
    REQUIRE(by_admin.status == 200);
    CHECK(by_admin.json().at("id").as_int64() == bob.id);
    check_error(s.c.get("/auth/users/999999", admin.token), 404, "not_found");
    check_error(s.c.get("/auth/users/abc", admin.token), 404, "not_found");
}

TEST_CASE("admins list and search users with paging", "[auth]") {
    auth_server s("auth_list");
    auto admin = make_user(s.c, s.db, "admin@example.com", "admin");
    auto carol = make_user(s.c, s.db, "carol@example.com");
    for (int i = 0; i < 4; ++i)
        REQUIRE(s.c.post("/auth/signup", signup_body("user" + std::to_string(i) + "@example.com", password,
                                                     "Percent 100% User " + std::to_string(i)))
                    .status == 201);

    check_error(s.c.get("/auth/users", carol.token), 403, "forbidden");
    check_error(s.c.get("/auth/users"), 401, "unauthorized");

    auto all = s.c.get("/auth/users", admin.token);
    REQUIRE(all.status == 200);
    CHECK(all.header("x-total-count") == "6");
    const auto all_users = all.json();
    REQUIRE(all_users.as_array().size() == 6);
    for (const auto& u : all_users.as_array()) check_user_shape(u.as_object());
    CHECK(all.body.find("argon2") == std::string::npos);

    auto page = s.c.get("/api/v1/users?limit=2&offset=1", admin.token);
    REQUIRE(page.status == 200);
    CHECK(page.header("x-total-count") == "6");
    auto items = page.json().as_array();
    REQUIRE(items.size() == 2);
    CHECK(items[0].at("email").as_string() == "carol@example.com");

    auto past_end = s.c.get("/auth/users?offset=50", admin.token);
    CHECK(past_end.json().as_array().empty());
    CHECK(past_end.header("x-total-count") == "6");

    auto search = s.c.get("/auth/users?q=CAROL", admin.token);
    REQUIRE(search.json().as_array().size() == 1);
    CHECK(search.header("x-total-count") == "1");
    CHECK(s.c.get("/auth/users?q=percent%20100%25", admin.token).header("x-total-count") == "4");
    // LIKE wildcards in q are literal.
    CHECK(s.c.get("/auth/users?q=_", admin.token).header("x-total-count") == "0");
    CHECK(s.c.get("/auth/users?q=%25", admin.token).header("x-total-count") == "4");

    check_error(s.c.get("/auth/users?limit=0", admin.token), 400, "validation_failed");
    check_error(s.c.get("/auth/users?limit=1000", admin.token), 400, "validation_failed");
}

TEST_CASE("admins change roles, and the change applies to tokens already issued", "[auth]") {
    auth_server s("auth_roles");
    auto admin = make_user(s.c, s.db, "admin@example.com", "admin");
    auto dave = make_user(s.c, s.db, "dave@example.com");
    const auto role_url = "/auth/users/" + std::to_string(dave.id) + "/role";

    check_error(s.c.patch(role_url, {{"role", "admin"}}, dave.token), 403, "forbidden");
    check_error(s.c.get("/auth/users", dave.token), 403, "forbidden");

    auto promoted = s.c.patch(role_url, {{"role", "organizer"}}, admin.token);
    REQUIRE(promoted.status == 200);
    CHECK(promoted.json().at("role").as_string() == "organizer");
    CHECK(s.c.get("/auth/me", dave.token).json().at("role").as_string() == "organizer");

    auto to_admin = s.c.patch("/api/v1/users/" + std::to_string(dave.id) + "/role", {{"role", "admin"}}, admin.token);
    REQUIRE(to_admin.status == 200);
    // Dave's old token, minted when he was a customer, now carries admin rights...
    CHECK(s.c.get("/auth/users", dave.token).status == 200);
    // ...and loses them the moment he is demoted.
    REQUIRE(s.c.patch(role_url, {{"role", "customer"}}, admin.token).status == 200);
    check_error(s.c.get("/auth/users", dave.token), 403, "forbidden");

    check_error(s.c.patch(role_url, {{"role", "superuser"}}, admin.token), 400, "validation_failed");
    check_error(s.c.patch(role_url, json::object{}, admin.token), 400, "validation_failed");
    check_error(s.c.patch("/auth/users/999999/role", {{"role", "admin"}}, admin.token), 404, "not_found");
}

TEST_CASE("a deleted user's token stops working", "[auth]") {
    auth_server s("auth_deleted");
    auto erin = make_user(s.c, s.db, "erin@example.com");
    REQUIRE(s.c.get("/auth/me", erin.token).status == 200);
    sql(s.db, "DELETE FROM users WHERE id = " + std::to_string(erin.id));
    // The server hears of the deletion by NOTIFY (its account cache), milliseconds later.
    REQUIRE(eventually([&] { return s.c.get("/auth/me", erin.token).status == 401; }));
    check_error(s.c.get("/auth/me", erin.token), 401, "unauthorized");
}

TEST_CASE("legacy bcrypt and weak Argon2 hashes log in and are upgraded", "[auth]") {
    auth_server s("auth_rehash");
    // bcrypt.hashpw(b'secret-pass', bcrypt.gensalt(4)), as the original services stored them.
    const std::string bcrypt_hash = "$2b$04$sh2NwP7qF9FukG5F8FVlKOm5gNGncPimclwJub9IEkt3bftcHj4nq";
    const std::string weak_argon2 =
        "$argon2id$v=19$m=4096,t=1,p=1$Zml4ZWRzYWx0LTE2Ynl0ZQ$kSVOAUtWh2hPQ4CIREVZsdF/PBXdjQoXc5Kmuz2FjO8";
    sql(s.db, "INSERT INTO users (email, password_hash, full_name) VALUES "
              "('legacy@example.com', '" + bcrypt_hash + "', 'Legacy'), "
              "('weak@example.com', '" + weak_argon2 + "', 'Weak')");
    auto hash_of = [&](const std::string& email) {
        return sql(s.db, "SELECT password_hash FROM users WHERE email = '" + email + "'")[0][0];
    };

    // A wrong password changes nothing.
    check_error(s.c.post("/auth/login", {{"email", "legacy@example.com"}, {"password", "secret-pasS"}}), 401,
                "invalid_credentials");
    CHECK(hash_of("legacy@example.com") == bcrypt_hash);

    login_token(s.c, "legacy@example.com", "secret-pass");
    const auto upgraded = hash_of("legacy@example.com");
    CHECK(upgraded.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    login_token(s.c, "legacy@example.com", "secret-pass");
    CHECK(hash_of("legacy@example.com") == upgraded);  // already current: left alone

    login_token(s.c, "weak@example.com", "secret-pass");
    CHECK(hash_of("weak@example.com").rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
}

TEST_CASE("the user subcommand adds users and sets roles", "[auth]") {
    auth_server s("auth_cli");
    const auto bin = shell_quote(server_binary(s.server));
    const auto db = " --database-url " + shell_quote(s.db);

    auto add = run_command(bin + " user add --email Root@Example.com --password " +
                           shell_quote("root-password-1") + " --full-name " + shell_quote("Root User") +
                           " --role admin" + db);
    INFO(add.output);
    REQUIRE(add.exit_code == 0);
    CHECK(add.output.find("root@example.com") != std::string::npos);
    CHECK(add.output.find("admin") != std::string::npos);

    const auto root_token = login_token(s.c, "root@example.com", "root-password-1");
    auto me = s.c.get("/auth/me", root_token);
    CHECK(me.json().at("role").as_string() == "admin");
    CHECK(me.json().at("full_name").as_string() == "Root User");
    CHECK(s.c.get("/auth/users", root_token).status == 200);

    auto frank = make_user(s.c, s.db, "frank@example.com");
    auto set = run_command(bin + " user set-role --email FRANK@example.com --role organizer" + db);
    INFO(set.output);
    CHECK(set.exit_code == 0);
    CHECK(s.c.get("/auth/me", frank.token).json().at("role").as_string() == "organizer");

    CHECK(run_command(bin + " user add --email root@example.com --password other-password-1 --role admin" + db)
              .exit_code == 1);
    CHECK(run_command(bin + " user set-role --email nobody@example.com --role admin" + db).exit_code == 1);
    CHECK(run_command(bin + " user set-role --email frank@example.com --role king" + db).exit_code == 2);
    CHECK(run_command(bin + " user add --email x@example.com --password short" + db).exit_code == 2);
    auto common = run_command(bin + " user add --email x@example.com --password password1" + db);
    CHECK(common.exit_code == 2);
    CHECK(common.output.find("too common") != std::string::npos);
    auto own_email = run_command(bin + " user add --email x@example.com --password X@Example.com" + db);
    CHECK(own_email.exit_code == 2);
    CHECK(own_email.output.find("same as the email") != std::string::npos);
    CHECK(run_command(bin + " user add --email x@example.com --password " + shell_quote("😀😀") + db).exit_code == 2);
    CHECK(run_command(bin + " user add --password long-enough-1" + db).exit_code == 2);
    CHECK(run_command(bin + " user frobnicate" + db).exit_code == 2);
    CHECK(sql(s.db, "SELECT count(*) FROM users")[0][0] == "2");
}
