// Input rules shared by sign-up, profile changes and the `user` subcommand (passwords:
// auth_password_policy_test.cpp).
#include <catch2/catch.hpp>

#include "account_rules.hpp"

#include <string>

using namespace proeventa::auth;

TEST_CASE("emails are trimmed and lower-cased before anything else", "[auth][rules]") {
    CHECK(normalize_email("  Alice.Smith@Example.COM \t") == "alice.smith@example.com");
    CHECK(normalize_email("bob@example.com") == "bob@example.com");
    CHECK(normalize_email("   ") == "");
}

TEST_CASE("acceptable emails", "[auth][rules]") {
    for (const char* ok : {"a@b.co", "alice.smith@example.com", "x+tag@sub.example.org",
                           "o'brien@example.ie", "user_1-2@my-host.example", "a@xn--bcher-kva.de"}) {
        INFO(ok);
        CHECK_FALSE(email_problem(ok));
    }
}

TEST_CASE("unacceptable emails say what is wrong", "[auth][rules]") {
    CHECK(*email_problem("") == "email is required");
    CHECK(email_problem("plainaddress")->find("@") != std::string::npos);
    CHECK(email_problem("a@b@c.com")->find("exactly one @") != std::string::npos);
    CHECK(email_problem("@example.com")->find("before @") != std::string::npos);
    CHECK(email_problem("alice@localhost")->find("dot") != std::string::npos);
    for (const char* bad : {"a b@example.com", ".a@example.com", "a.@example.com",
                            "a..b@example.com", "a@-example.com", "a@example-.com",
                            "a@example..com", "a@example.com.", "a@.example.com", "a@1.2.3.4",
                            "a@exam_ple.com", "a(b)@example.com", "ü@example.com"}) {
        INFO(bad);
        CHECK(email_problem(bad));
    }
    CHECK(email_problem(std::string(65, 'a') + "@example.com"));
    CHECK_FALSE(email_problem(std::string(64, 'a') + "@example.com"));
    CHECK(email_problem("a@" + std::string(250, 'b') + ".com"));
}

TEST_CASE("full names and roles", "[auth][rules]") {
    CHECK_FALSE(full_name_problem("Ada Lovelace"));
    CHECK_FALSE(full_name_problem(std::string(200, 'x')));
    CHECK_FALSE(full_name_problem("Zoë 李"));
    CHECK(full_name_problem(""));
    CHECK(full_name_problem(std::string(201, 'x')));
    CHECK(full_name_problem("tab\there"));

    CHECK(is_role("customer"));
    CHECK(is_role("organizer"));
    CHECK(is_role("admin"));
    CHECK_FALSE(is_role("Admin"));
    CHECK_FALSE(is_role("root"));
    CHECK_FALSE(is_role(""));
}
