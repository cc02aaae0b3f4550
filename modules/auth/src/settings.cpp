#include <proeventa/auth/auth.hpp>

namespace proeventa::auth {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(make_setting("--jwt-secret-file", "PROEVENTA_JWT_SECRET_FILE", "FILE",
                             "file holding the JWT signing secret (at least 32 bytes); without it or "
                             "PROEVENTA_JWT_SECRET, development generates one into the data folder and "
                             "production refuses to start",
                             {}, [&opts](const std::string& v) { opts.jwt_secret_file = v; }));
    s.push_back(make_setting("", "PROEVENTA_JWT_SECRET", "SECRET",
                             "the JWT signing secret itself; wins over --jwt-secret-file", {},
                             [&opts](const std::string& v) {
                                 if (!v.empty()) opts.jwt_secret = v;
                             }));
    s.push_back(make_setting("", "PROEVENTA_JWT_PREVIOUS_SECRET", "SECRET",
                             "the secret before a rotation: tokens it signed are still accepted", {},
                             [&opts](const std::string& v) {
                                 if (!v.empty()) opts.jwt_previous_secret = v;
                             }));
    s.push_back(duration_setting("--jwt-ttl", "PROEVENTA_JWT_TTL", "SECONDS", "token lifetime",
                                 opts.token_ttl, 60, 2'592'000));
    s.push_back(number_setting("--login-failures", "PROEVENTA_LOGIN_FAILURES", "N",
                               "failed logins per account (email) per 15 min, then 429",
                               opts.login_failures_allowed, 1, 1000));
    s.push_back(number_setting("--login-address-failures", "PROEVENTA_LOGIN_ADDRESS_FAILURES", "N",
                               "failed logins per client address per 15 min, then 429",
                               opts.login_address_failures_allowed, 1, 1'000'000));
    s.push_back(number_setting("--signups-per-hour", "PROEVENTA_SIGNUPS_PER_HOUR", "N",
                               "signups per client address per hour", opts.signups_per_hour_per_address, 1,
                               1'000'000));
    s.push_back(number_setting("--hash-threads", "PROEVENTA_HASH_THREADS", "N", "password hashing threads",
                               opts.hash_threads, 1, 64));
    s.push_back(number_setting("--max-pending-hashes", "PROEVENTA_MAX_PENDING_HASHES", "N",
                               "hashes queued or running before sign-up/login answer 503",
                               opts.max_pending_hashes, 1, 100'000));
    return s;
}

}  // namespace proeventa::auth
