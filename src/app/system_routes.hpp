#pragma once
// Routes that belong to the server rather than a module: health, metrics, API description.
#include <proeventa/db/pool.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/router.hpp>

namespace proeventa::app {

void register_system_routes(router& r, db::pool& db, const request_pipeline& pipeline);

}  // namespace proeventa::app
