// Password storage: Argon2id PHC strings we write, the parameters we read back, the legacy
// bcrypt hashes we still accept, and when a stored hash is due for an upgrade.
#include <catch2/catch.hpp>

#include "password.hpp"

#include <string>

using namespace proeventa::auth;

namespace {

// bcrypt.hashpw(b'secret-pass', bcrypt.gensalt(4)) from Python's bcrypt 3.2.2.
const std::string bcrypt_2b = "$2b$04$sh2NwP7qF9FukG5F8FVlKOm5gNGncPimclwJub9IEkt3bftcHj4nq";
// The same with prefix=b'2a'.
const std::string bcrypt_2a = "$2a$04$ubuw7wLrCYyWXMzTtPWoxOhib9Guv//PcAk44220DwfF2huF9ZNcS";
// argon2id_hash_encoded(t=1, m=4096, p=1, "secret-pass", salt "fixedsalt-16byte").
const std::string weak_argon2id =
    "$argon2id$v=19$m=4096,t=1,p=1$Zml4ZWRzYWx0LTE2Ynl0ZQ$kSVOAUtWh2hPQ4CIREVZsdF/PBXdjQoXc5Kmuz2FjO8";
// argon2i_hash_encoded(t=2, m=19456, p=1, "secret-pass", same salt).
const std::string argon2i_hash =
    "$argon2i$v=19$m=19456,t=2,p=1$Zml4ZWRzYWx0LTE2Ynl0ZQ$gdSpiWCsHM9eoCmlKm500kdgG1z0f2l1AQCnNmNGbd8";

constexpr argon2_params cheap{1024, 1, 1};

}  // namespace

TEST_CASE("hash_password writes Argon2id PHC strings with OWASP parameters", "[auth][password]") {
    const auto hash = hash_password("correct horse battery");
    CHECK(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(verify_password("correct horse battery", hash));
    CHECK_FALSE(verify_password("correct horse batterY", hash));
    CHECK_FALSE(verify_password("", hash));
    CHECK_FALSE(needs_rehash(hash));

    auto info = parse_phc(hash);
    REQUIRE(info);
    CHECK(info->scheme == hash_scheme::argon2id);
    CHECK(info->version == 0x13);
    CHECK(info->params.memory_kib == 19456);
    CHECK(info->params.iterations == 2);
    CHECK(info->params.parallelism == 1);
    CHECK(info->salt_b64.size() == 22);  // 16 bytes, unpadded base64
    CHECK(info->hash_b64.size() == 43);  // 32 bytes
}

TEST_CASE("every hash gets its own salt", "[auth][password]") {
    const auto a = hash_password("same password", cheap);
    const auto b = hash_password("same password", cheap);
    CHECK(a != b);
    CHECK(parse_phc(a)->salt_b64 != parse_phc(b)->salt_b64);
    CHECK(verify_password("same password", a));
    CHECK(verify_password("same password", b));
}

TEST_CASE("passwords are bytes: long, Unicode and NUL-bearing ones verify exactly", "[auth][password]") {
    const std::string unicode = "pässwörd-日本語-🔑";
    const std::string long_one(1024, 'z');
    const std::string with_nul("abc\0defgh", 9);
    for (const auto& pw : {unicode, long_one, with_nul}) {
        const auto hash = hash_password(pw, cheap);
        CHECK(verify_password(pw, hash));
        CHECK_FALSE(verify_password(pw.substr(0, pw.size() - 1), hash));
    }
    CHECK_FALSE(verify_password("abc", hash_password(with_nul, cheap)));
}

TEST_CASE("PHC parameters are parsed and weaker ones need a rehash", "[auth][password]") {
    auto weak = parse_phc(weak_argon2id);
    REQUIRE(weak);
    CHECK(weak->params.memory_kib == 4096);
    CHECK(weak->params.iterations == 1);
    CHECK(verify_password("secret-pass", weak_argon2id));
    CHECK_FALSE(verify_password("secret-pasS", weak_argon2id));
    CHECK(needs_rehash(weak_argon2id));

    CHECK(needs_rehash(hash_password("x", argon2_params{19456, 1, 1})));     // fewer passes
    CHECK(needs_rehash(hash_password("x", argon2_params{8192, 2, 1})));      // less memory
    CHECK_FALSE(needs_rehash(hash_password("x", argon2_params{19456, 3, 1})));  // stronger
    CHECK_FALSE(needs_rehash(hash_password("x", argon2_params{19456, 2, 2})));  // p is no cost

    // Raising the bar later makes today's hashes due.
    CHECK(needs_rehash(hash_password("x", cheap), argon2_params{65536, 3, 1}));

    // Another variant is upgraded even at equal cost.
    CHECK(verify_password("secret-pass", argon2i_hash));
    CHECK(needs_rehash(argon2i_hash));
}

TEST_CASE("malformed PHC strings are rejected, not half-parsed", "[auth][password]") {
    const std::string tail = "$Zml4ZWRzYWx0LTE2Ynl0ZQ$kSVOAUtWh2hPQ4CIREVZsdF/PBXdjQoXc5Kmuz2FjO8";
    CHECK(parse_phc("$argon2id$v=19$m=4096,t=1,p=1" + tail));
    CHECK(parse_phc("$argon2id$m=4096,t=1,p=1" + tail));  // no version field: v1.0
    CHECK(parse_phc("$argon2id$m=4096,t=1,p=1" + tail)->version == 0x10);
    for (const std::string& bad : {
             "$argon2id$v=19$t=1,m=4096,p=1" + tail,          // order
             "$argon2id$v=19$m=4096,t=1" + tail,              // missing p
             "$argon2id$v=19$m=4096,t=1,p=1,x=2" + tail,      // extra
             "$argon2id$v=19$m=abc,t=1,p=1" + tail,           // not a number
             "$argon2id$v=19$m=0,t=1,p=1" + tail,             // zero cost
             "$argon2id$v=x$m=4096,t=1,p=1" + tail,
             std::string("$argon2id$v=19$m=4096,t=1,p=1$salt"),  // no hash
             "$argon2id$v=19$m=4096,t=1,p=1" + tail + "$more",
             std::string("$argon2id$v=19$m=4096,t=1,p=1$$hash"),
             std::string("$argon2id$"),
             std::string("argon2id$v=19$m=4096,t=1,p=1") + tail,
         }) {
        INFO(bad);
        CHECK_FALSE(parse_phc(bad));
        CHECK_FALSE(verify_password("secret-pass", bad));
        CHECK(needs_rehash(bad));
    }
}

TEST_CASE("legacy bcrypt hashes verify and are always upgraded", "[auth][password]") {
    CHECK(scheme_of(bcrypt_2b) == hash_scheme::bcrypt);
    CHECK(verify_password("secret-pass", bcrypt_2b));
    CHECK_FALSE(verify_password("secret-pasS", bcrypt_2b));
    CHECK_FALSE(verify_password("", bcrypt_2b));
    CHECK(verify_password("secret-pass", bcrypt_2a));
    CHECK_FALSE(verify_password("wrong-pass", bcrypt_2a));

    // $2y$ (PHP's spelling) is the same algorithm as $2b$.
    std::string as_2y = bcrypt_2b;
    as_2y[2] = 'y';
    CHECK(scheme_of(as_2y) == hash_scheme::bcrypt);
    CHECK(verify_password("secret-pass", as_2y));

    CHECK(needs_rehash(bcrypt_2b));
    CHECK(needs_rehash(bcrypt_2a));
    CHECK_FALSE(parse_phc(bcrypt_2b));

    // A password with a NUL byte cannot have been hashed by crypt() whole.
    CHECK_FALSE(verify_password(std::string("secret-pass\0tail", 16), bcrypt_2b));
    // Truncated or altered hashes fail rather than matching.
    CHECK_FALSE(verify_password("secret-pass", bcrypt_2b.substr(0, 59)));
    std::string altered = bcrypt_2b;
    altered.back() = altered.back() == 'q' ? 'r' : 'q';
    CHECK_FALSE(verify_password("secret-pass", altered));
}

TEST_CASE("unknown stored formats never verify", "[auth][password]") {
    for (const std::string& stored : {std::string(""), std::string("secret-pass"),
                                     std::string("$1$abc$def"), std::string("!"),
                                     std::string("$5$rounds=1000$salt$hash")}) {
        INFO(stored);
        CHECK(scheme_of(stored) == hash_scheme::unknown);
        CHECK_FALSE(verify_password("secret-pass", stored));
        CHECK_FALSE(verify_password(stored, stored));
        CHECK(needs_rehash(stored));
    }
}

TEST_CASE("absurd cost parameters in a stored hash are refused, not run", "[auth][password]") {
    const std::string huge =
        "$argon2id$v=19$m=4194304,t=1,p=1$Zml4ZWRzYWx0LTE2Ynl0ZQ$kSVOAUtWh2hPQ4CIREVZsdF/PBXdjQoXc5Kmuz2FjO8";
    REQUIRE(parse_phc(huge));
    CHECK_FALSE(verify_password("secret-pass", huge));
}
