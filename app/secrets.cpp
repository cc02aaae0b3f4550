#include "secrets.hpp"

#include <openssl/rand.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace proeventa::app {
namespace {

constexpr std::size_t min_secret_bytes = 32;

std::string read_secret_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config_error("cannot read JWT secret file " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    auto s = ss.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
        throw std::runtime_error("no randomness available for the JWT secret");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : raw) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

}  // namespace

std::string resolve_jwt_secret(const config& cfg, const auth::options& auth) {
    std::string secret = auth.jwt_secret;
    if (secret.empty() && auth.jwt_secret_file) secret = read_secret_file(*auth.jwt_secret_file);

    if (cfg.production()) {
        if (secret.size() < min_secret_bytes)
            throw config_error("production mode needs a JWT secret of at least 32 bytes "
                               "(PROEVENTA_JWT_SECRET or --jwt-secret-file)");
        return secret;
    }
    if (!secret.empty()) {
        if (secret.size() < min_secret_bytes)
            throw config_error("the JWT secret must be at least 32 bytes");
        return secret;
    }
    // Development: generate once, keep it so tokens survive restarts.
    const auto path = cfg.data_dir / "jwt-secret";
    if (std::filesystem::exists(path)) return read_secret_file(path);
    std::filesystem::create_directories(cfg.data_dir);
    secret = random_hex(48);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << secret << '\n';
        if (!out) throw config_error("cannot write " + path.string());
    }
    ::chmod(path.c_str(), 0600);
    return secret;
}

}  // namespace proeventa::app
