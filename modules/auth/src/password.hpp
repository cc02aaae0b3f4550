#pragma once
// Password hashing: Argon2id in PHC string form for everything we write, plus verification of
// the bcrypt hashes the original system stored. Pure and CPU-bound: callers run these on the
// hashing thread pool, never on an I/O thread.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::auth {

struct argon2_params {
    std::uint32_t memory_kib = 19456;  // OWASP's Argon2id recommendation (19 MiB, t=2, p=1)
    std::uint32_t iterations = 2;
    std::uint32_t parallelism = 1;
};
inline constexpr argon2_params current_argon2_params{};

inline constexpr std::size_t salt_bytes = 16;
inline constexpr std::size_t argon2_hash_bytes = 32;

/// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` with a fresh random salt.
std::string hash_password(std::string_view password,
                          const argon2_params& params = current_argon2_params);

enum class hash_scheme { argon2id, argon2i, argon2d, bcrypt, unknown };
hash_scheme scheme_of(std::string_view stored);

/// The parameters recorded in an Argon2 PHC string.
struct phc_info {
    hash_scheme scheme = hash_scheme::unknown;
    std::uint32_t version = 0x10;  // PHC strings without `v=` predate version 1.3
    argon2_params params;
    std::string salt_b64;
    std::string hash_b64;
};
std::optional<phc_info> parse_phc(std::string_view stored);

/// Constant-time where it matters (libargon2's compare, CRYPTO_memcmp for bcrypt). False for
/// anything unparseable rather than an exception: a bad stored hash is a failed login.
bool verify_password(std::string_view password, std::string_view stored);

/// True when the stored hash should be replaced by a fresh one with `current`: any bcrypt,
/// another Argon2 variant or version, or weaker memory/time cost.
bool needs_rehash(std::string_view stored, const argon2_params& current = current_argon2_params);

}  // namespace proeventa::auth
