// The rules every new password meets (sign-up, password change, `user add`, demo accounts).
#include <catch2/catch.hpp>

#include "common_passwords.hpp"
#include "password_policy.hpp"

#include <string>

using namespace proeventa::auth;

namespace {

constexpr const char* email = "ada.lovelace@example.com";

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

bool refused_for(const std::string& password, const std::string& words) {
    const auto problem = password_problem(password, email);
    INFO("password '" << password << "': " << problem.value_or("accepted"));
    return problem && problem->find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("passwords are 8 to 128 characters, counted as code points", "[auth][rules]") {
    // Two emoji are 8 bytes of UTF-8 but 2 characters.
    CHECK(refused_for("😀😀", "too short"));
    CHECK(refused_for("😀😀", "at least 8 characters, got 2"));
    CHECK_FALSE(password_problem(repeat("😀", 8), email));
    CHECK(refused_for(repeat("😀", 7), "too short"));
    CHECK(refused_for("ééé", "too short"));
    CHECK_FALSE(password_problem("éééééééé", email));

    CHECK_FALSE(password_problem("kx7-Qm2p", email));
    CHECK(refused_for("kx7-Qm2", "too short"));
    CHECK_FALSE(password_problem("kx7-" + std::string(124, 'q'), email));
    CHECK(refused_for(std::string(129, 'q'), "too long"));
    CHECK(refused_for(std::string(129, 'q'), "at most 128 characters, got 129"));
    CHECK_FALSE(password_problem(repeat("😀", 128), email));  // 512 bytes, 128 characters
    CHECK(refused_for(repeat("😀", 129), "too long"));
    CHECK(refused_for("", "too short"));
    CHECK_FALSE(password_problem("  spaced out  ", email));  // spaces count, never trimmed
}

TEST_CASE("passwords must be valid UTF-8", "[auth][rules]") {
    for (const std::string bad : {"abcdefgh\xff", "abcdefgh\xc3", "abcdefgh\xc0\xaf", "abcdefgh\xed\xa0\x80",
                                  "abcdefgh\xf4\x90\x80\x80", "abcdefgh\x80", "\xe2\x82" "abcdefgh"}) {
        CHECK(refused_for(bad, "UTF-8"));
    }
    CHECK(utf8_code_points("a€😀é") == 4u);
    CHECK(utf8_code_points("") == 0u);
    CHECK_FALSE(utf8_code_points("\xf8\x88\x80\x80\x80"));
}

TEST_CASE("a password may not be the account's email or its local part", "[auth][rules]") {
    CHECK(refused_for("ada.lovelace@example.com", "same as the email"));
    CHECK(refused_for("Ada.Lovelace@Example.COM", "same as the email"));
    CHECK(refused_for("ADA.LOVELACE", "same as the email"));
    CHECK_FALSE(password_problem("ada.lovelace!", email));
    // Without a known email only the other rules apply.
    CHECK_FALSE(password_problem("ada.lovelace", ""));
}

TEST_CASE("the 10,000 most common passwords are refused, in any letter case", "[auth][rules]") {
    CHECK(common_password_count() == 10'000);
    for (const char* common : {"password1", "PASSWORD1", "Password1", "12345678", "iloveyou", "qwertyuiop",
                               "trustno1", "baseball"}) {
        CHECK(refused_for(common, "too common"));
    }
    CHECK(is_common_password("123456"));  // short ones are on the list too
    CHECK_FALSE(is_common_password("correct-horse-battery"));
    CHECK_FALSE(password_problem("correct-horse-battery", email));
}
