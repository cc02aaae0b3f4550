// Forward-only schema migrations, applied at start-up by whichever instance gets the advisory
// lock first; the others wait for it and then find nothing left to do.
#include <proeventa/db/migrations.hpp>

#include <proeventa/embedded.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>
#include <vector>

namespace proeventa::db::embedded {
std::span<const embedded_file> files();
}

namespace proeventa::db {

namespace {

// Any constant works as long as nothing else in the database uses it; this one spells
// "ProEvMig" in ASCII so it is recognisable in pg_locks.
constexpr std::int64_t migration_lock_key = 0x50726f45764d6967;

constexpr query record_migration{
    "proeventa.migrations.record",
    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1::bigint, $2, $3)"};

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr))
        throw std::runtime_error("SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

std::int64_t version_of(std::string_view name) {
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc() || end == name.data() || version <= 0)
        throw std::runtime_error("migration " + std::string(name) +
                                 " does not start with a version number (e.g. 0001_users.sql)");
    return version;
}

struct applied_migration {
    std::string name;
    std::string checksum;
};

}  // namespace

std::span<const migration> embedded_migrations() {
    static const std::vector<migration> all = [] {
        std::vector<migration> out;
        for (const auto& f : embedded::files())
            if (f.path.ends_with(".sql") && f.path.find('/') == std::string_view::npos)
                out.push_back({f.path, f.data});
        std::sort(out.begin(), out.end(),
                  [](const migration& a, const migration& b) { return a.name < b.name; });
        return out;
    }();
    return all;
}

awaitable<int> migrate(pool& db, std::span<const migration> migrations) {
    // Validate names before touching the database: a bad file name is a build mistake.
    std::map<std::int64_t, const migration*> ordered;
    for (const auto& m : migrations) {
        const auto version = version_of(m.name);
        if (!ordered.emplace(version, &m).second)
            throw std::runtime_error("two migrations share version " + std::to_string(version) +
                                     " (" + std::string(m.name) + ")");
    }

    constexpr std::chrono::milliseconds no_deadline{0};
    auto conn = co_await db.acquire();
    int applied_now = 0;
    try {
        // Migrations and the wait for another instance's migrations may take longer than any
        // request; this session's settings are reset below (or the connection is dropped).
        co_await conn.exec_script("SET statement_timeout = 0");
        co_await conn.exec_script("SELECT pg_advisory_lock(" + std::to_string(migration_lock_key) + ")",
                                  no_deadline);
        co_await conn.exec_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version bigint PRIMARY KEY,"
            " name text NOT NULL,"
            " checksum text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())");

        std::map<std::int64_t, applied_migration> applied;
        const auto rows =
            co_await conn.exec_script("SELECT version, name, checksum FROM schema_migrations");
        for (const auto r : rows)
            applied.emplace(r.int64(0), applied_migration{r.string(1), r.string(2)});

        for (const auto& [version, m] : ordered) {
            const auto checksum = sha256_hex(m->sql);
            const std::string name(m->name);
            if (auto it = applied.find(version); it != applied.end()) {
                if (it->second.checksum != checksum)
                    throw std::runtime_error("migration " + name + " changed after it was applied");
                continue;
            }
            co_await conn.exec_script("BEGIN");
            std::string failure;
            try {
                co_await conn.exec_script(m->sql, no_deadline);
            } catch (const query_error& e) {
                failure = e.what();
            }
            if (!failure.empty()) {
                co_await conn.exec_script("ROLLBACK");
                throw std::runtime_error("migration " + name + " failed: " + failure);
            }
            co_await conn.exec(record_migration, params(version, name, checksum));
            co_await conn.exec_script("COMMIT");
            ++applied_now;
        }

        co_await conn.exec_script("SELECT pg_advisory_unlock(" +
                                  std::to_string(migration_lock_key) + ")");
        co_await conn.exec_script("RESET statement_timeout");
    } catch (...) {
        // Closing the session is what releases the lock and the settings on every path.
        conn.discard();
        throw;
    }
    co_return applied_now;
}

}  // namespace proeventa::db
