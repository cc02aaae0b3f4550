#include "ticket_codes.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

namespace proeventa::reservations {
namespace {

constexpr std::string_view code_prefix = "PE1";
constexpr std::size_t signature_bytes = 64;
constexpr std::size_t signature_chars = 86;  // base64url of 64 bytes, unpadded
constexpr std::string_view b64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

[[noreturn]] void crypto_failed(const char* what) {
    throw std::runtime_error(std::string("OpenSSL: ") + what);
}

std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text) {
    std::vector<unsigned char> out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto pos = b64url_alphabet.find(c);
        if (pos == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

/// A positive decimal without sign or leading zero, as sign_ticket writes it.
std::optional<std::int64_t> canonical_number(std::string_view s) {
    if (s.empty() || s.size() > 18 || s[0] == '0') return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

std::string signed_text(const ticket_claim& c) {
    return std::string(code_prefix) + "." + std::to_string(c.event_id) + "." +
           std::to_string(c.reservation_id) + "." + std::to_string(c.version);
}

}  // namespace

std::string base64url(const unsigned char* data, std::size_t size) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += b64url_alphabet[(buffer >> bits) & 63];
        }
    }
    if (bits > 0) out += b64url_alphabet[(buffer << (6 - bits)) & 63];
    return out;
}

ticket_keys generate_ticket_keys() {
    pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free);
    if (!key) crypto_failed("Ed25519 key generation");
    ticket_keys out;
    std::size_t len = out.private_key.size();
    if (EVP_PKEY_get_raw_private_key(key.get(), out.private_key.data(), &len) != 1 || len != 32)
        crypto_failed("reading the private key");
    len = out.public_key.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), out.public_key.data(), &len) != 1 || len != 32)
        crypto_failed("reading the public key");
    return out;
}

std::string sign_ticket(const ticket_claim& claim, const std::array<unsigned char, 32>& private_key) {
    pkey_ptr key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, private_key.data(), private_key.size()),
        &EVP_PKEY_free);
    if (!key) crypto_failed("loading the private key");
    md_ctx_ptr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const auto text = signed_text(claim);
    unsigned char signature[signature_bytes];
    std::size_t len = sizeof signature;
    // Ed25519 hashes the message itself: no digest is named.
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &len, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size()) != 1 ||
        len != signature_bytes)
        crypto_failed("signing a ticket");
    return text + "." + base64url(signature, len);
}

std::optional<ticket_claim> parse_ticket_code(std::string_view code) {
    if (code.size() > max_ticket_code_bytes) return std::nullopt;
    std::string_view parts[5];
    std::size_t count = 0, start = 0;
    for (;;) {
        const auto dot = code.find('.', start);
        if (count == 5) return std::nullopt;
        parts[count++] =
            code.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (count != 5 || parts[0] != code_prefix || parts[4].size() != signature_chars) return std::nullopt;
    const auto event = canonical_number(parts[1]);
    const auto reservation = canonical_number(parts[2]);
    const auto version = canonical_number(parts[3]);
    if (!event || !reservation || !version) return std::nullopt;
    const auto signature = base64url_decode(parts[4]);
    // Canonical only: the unused low bits of the last character must be zero.
    if (!signature || signature->size() != signature_bytes ||
        base64url(signature->data(), signature->size()) != parts[4])
        return std::nullopt;
    return ticket_claim{*event, *reservation, *version};
}

bool verify_ticket(std::string_view code, const std::array<unsigned char, 32>& public_key) {
    const auto claim = parse_ticket_code(code);
    if (!claim) return false;
    const auto dot = code.rfind('.');
    const auto text = code.substr(0, dot);
    const auto signature = base64url_decode(code.substr(dot + 1));
    pkey_ptr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()),
                 &EVP_PKEY_free);
    md_ctx_ptr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), signature->data(), signature->size(),
                            reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
}

std::string public_key_pem(const std::array<unsigned char, 32>& public_key) {
    pkey_ptr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()),
                 &EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        crypto_failed("writing the public key");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string to_hex(const std::array<unsigned char, 32>& key) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (auto b : key) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::optional<std::array<unsigned char, 32>> key_from_hex(std::string_view hex) {
    if (hex.size() != 64) return std::nullopt;
    std::array<unsigned char, 32> out{};
    for (std::size_t i = 0; i < 32; ++i) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, v, 16);
        if (ec != std::errc{} || p != hex.data() + 2 * i + 2) return std::nullopt;
        out[i] = static_cast<unsigned char>(v);
    }
    return out;
}

}  // namespace proeventa::reservations
