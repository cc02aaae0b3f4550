#pragma once
#include <proeventa/auth/auth.hpp>
#include <proeventa/config.hpp>

#include <string>

namespace proeventa::app {

/// The JWT signing secret: PROEVENTA_JWT_SECRET (auth.jwt_secret), else --jwt-secret-file,
/// else (development only) one generated once into the data folder. Production without a
/// secret of at least 32 bytes is a start-up error (config_error).
std::string resolve_jwt_secret(const config& cfg, const auth::options& auth);

}  // namespace proeventa::app
