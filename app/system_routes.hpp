#pragma once
// Routes that belong to the server rather than a module: health, metrics, API description.
#include <proeventa/db/pool.hpp>
#include <proeventa/db/read_router.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/router.hpp>
#include <proeventa/metrics.hpp>

#include <vector>

namespace proeventa::app {

/// `sources`: the modules' own samples, appended to the core's on every scrape.
/// The read router's samples: whether a replica is configured and in service, its lag, and
/// where public reads went.
metric_source replica_metrics(db::read_router& reads);

void register_system_routes(router& r, db::pool& db, const request_pipeline& pipeline,
                            std::vector<metric_source> sources);

}  // namespace proeventa::app
