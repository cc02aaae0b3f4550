#include "password.hpp"

#include <argon2.h>
#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace proeventa::auth {
namespace {

// A tampered or corrupted row must not make one login allocate gigabytes.
constexpr std::uint32_t max_verify_memory_kib = 1024 * 1024;
constexpr std::uint32_t max_verify_iterations = 64;
constexpr std::uint32_t max_verify_parallelism = 64;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<std::uint32_t> parse_u32(std::string_view text) {
    std::uint32_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return v;
}

bool is_b64_field(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '+' || c == '/';
        if (!ok) return false;
    }
    return true;
}

std::optional<std::string_view> take_field(std::string_view& rest) {
    if (rest.empty() || rest.front() != '$') return std::nullopt;
    rest.remove_prefix(1);
    const auto end = rest.find('$');
    const auto field = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    return field;
}

bool verify_bcrypt(std::string_view password, std::string_view stored) {
    // crypt() takes C strings: a password with a NUL byte could never have been hashed whole.
    if (password.find('\0') != std::string_view::npos) return false;
    const std::string phrase(password);
    const std::string setting(stored);
    // crypt_data is ~32 KiB: keep it off the pool thread's stack. Zeroed, as crypt_rn requires.
    auto data = std::make_unique<crypt_data>();
    const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    bool ok = false;
    if (out != nullptr && out[0] != '*') {
        const std::size_t len = std::strlen(out);
        ok = len == stored.size() && CRYPTO_memcmp(out, stored.data(), len) == 0;
    }
    OPENSSL_cleanse(data.get(), sizeof(crypt_data));
    return ok;
}

argon2_type argon2_type_of(hash_scheme s) {
    switch (s) {
    case hash_scheme::argon2i: return Argon2_i;
    case hash_scheme::argon2d: return Argon2_d;
    default: return Argon2_id;
    }
}

}  // namespace

std::string hash_password(std::string_view password, const argon2_params& params) {
    std::array<unsigned char, salt_bytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    const std::size_t encoded_len =
        argon2_encodedlen(params.iterations, params.memory_kib, params.parallelism,
                          static_cast<std::uint32_t>(salt.size()), argon2_hash_bytes, Argon2_id);
    std::vector<char> encoded(encoded_len);
    const int rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                         password.data(), password.size(), salt.data(),
                                         salt.size(), argon2_hash_bytes, encoded.data(),
                                         encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("argon2id hashing failed: ") + argon2_error_message(rc));
    return std::string(encoded.data());
}

hash_scheme scheme_of(std::string_view stored) {
    if (starts_with(stored, "$argon2id$")) return hash_scheme::argon2id;
    if (starts_with(stored, "$argon2i$")) return hash_scheme::argon2i;
    if (starts_with(stored, "$argon2d$")) return hash_scheme::argon2d;
    if ((starts_with(stored, "$2b$") || starts_with(stored, "$2a$") || starts_with(stored, "$2y$")) &&
        stored.size() == 60)
        return hash_scheme::bcrypt;
    return hash_scheme::unknown;
}

std::optional<phc_info> parse_phc(std::string_view stored) {
    phc_info info;
    info.scheme = scheme_of(stored);
    if (info.scheme == hash_scheme::unknown || info.scheme == hash_scheme::bcrypt) return std::nullopt;

    std::string_view rest = stored;
    if (!take_field(rest)) return std::nullopt;  // the algorithm, already known
    auto field = take_field(rest);
    if (!field) return std::nullopt;
    if (starts_with(*field, "v=")) {
        const auto v = parse_u32(field->substr(2));
        if (!v) return std::nullopt;
        info.version = *v;
        field = take_field(rest);
        if (!field) return std::nullopt;
    }

    // libargon2 writes and reads exactly `m=..,t=..,p=..` in that order.
    std::string_view params = *field;
    const std::array<std::pair<std::string_view, std::uint32_t*>, 3> keys{{
        {"m=", &info.params.memory_kib},
        {"t=", &info.params.iterations},
        {"p=", &info.params.parallelism},
    }};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto comma = params.find(',');
        const auto item = params.substr(0, comma);
        if (!starts_with(item, keys[i].first)) return std::nullopt;
        const auto v = parse_u32(item.substr(2));
        if (!v || *v == 0) return std::nullopt;
        *keys[i].second = *v;
        const bool last = i + 1 == keys.size();
        if (last != (comma == std::string_view::npos)) return std::nullopt;
        if (!last) params = params.substr(comma + 1);
    }

    const auto salt = take_field(rest);
    const auto hash = take_field(rest);
    if (!salt || !hash || !rest.empty() || !is_b64_field(*salt) || !is_b64_field(*hash))
        return std::nullopt;
    info.salt_b64 = std::string(*salt);
    info.hash_b64 = std::string(*hash);
    return info;
}

bool verify_password(std::string_view password, std::string_view stored) {
    const auto scheme = scheme_of(stored);
    if (scheme == hash_scheme::bcrypt) return verify_bcrypt(password, stored);
    const auto info = parse_phc(stored);
    if (!info) return false;
    if (info->params.memory_kib > max_verify_memory_kib ||
        info->params.iterations > max_verify_iterations ||
        info->params.parallelism > max_verify_parallelism)
        return false;
    const std::string encoded(stored);
    return argon2_verify(encoded.c_str(), password.data(), password.size(),
                         argon2_type_of(info->scheme)) == ARGON2_OK;
}

bool needs_rehash(std::string_view stored, const argon2_params& current) {
    const auto info = parse_phc(stored);
    if (!info) return true;
    // Parallelism is not a cost: at equal memory and passes it buys an attacker nothing.
    return info->scheme != hash_scheme::argon2id || info->version != ARGON2_VERSION_13 ||
           info->params.memory_kib < current.memory_kib ||
           info->params.iterations < current.iterations;
}

}  // namespace proeventa::auth
