// Composition root: config -> database -> modules -> router -> server. The only file that
// knows every concrete type.
#include "memory_returner.hpp"
#include "secrets.hpp"
#include "service_manager.hpp"
#include "settings.hpp"
#include "system_routes.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/config.hpp>
#include <proeventa/db/listener.hpp>
#include <proeventa/db/local_cluster.hpp>
#include <proeventa/db/migrations.hpp>
#include <proeventa/db/pool.hpp>
#include <proeventa/db/read_router.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/server.hpp>
#include <proeventa/http/static_files.hpp>
#include <proeventa/log.hpp>
#include <proeventa/mail/mail.hpp>
#include <proeventa/reservations/reservations.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <csignal>
#include <future>
#include <optional>
#include <iostream>
#include <thread>

namespace proeventa::web_assets {
std::span<const embedded_file> files();
}
namespace proeventa::web_assets_gz {
std::span<const embedded_file> files();
}

namespace proeventa {
namespace {

constexpr const char* demo_organizer_email = "organizer@demo.proeventa.test";
constexpr const char* demo_organizer_password = "demo-organizer-pass";

/// An io_context run by N threads from construction to stop().
class io_runtime {
public:
    explicit io_runtime(unsigned threads) : guard_(net::make_work_guard(ioc_)) {
        for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
    }
    ~io_runtime() { stop(); }
    net::io_context& ioc() { return ioc_; }
    /// Runs a coroutine on the I/O threads and waits for it (start-up and subcommands only).
    template <class T>
    T run(awaitable<T> task) {
        return net::co_spawn(ioc_, std::move(task), net::use_future).get();
    }
    void wait() {
        guard_.reset();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }
    void stop() {
        guard_.reset();
        ioc_.stop();
        wait();
    }

private:
    net::io_context ioc_;
    net::executor_work_guard<net::io_context::executor_type> guard_;
    std::vector<std::thread> threads_;
};

awaitable<void> load_demo(db::pool& pool, net::thread_pool& hashing) {
    const auto organizer = co_await auth::ensure_user(pool, hashing, demo_organizer_email,
                                                      demo_organizer_password, "Demo Organizer",
                                                      "organizer");
    co_await events::load_demo_data(pool, organizer);
}

int run(const config& cfg, app::module_options modules, const app::service_manager& service) {
    std::optional<db::local_cluster> cluster;
    std::string conninfo;
    if (cfg.database_url) {
        conninfo = *cfg.database_url;
    } else {
        cluster = db::local_cluster::start(cfg.data_dir);
        conninfo = cluster->conninfo();
        log::info("embedded PostgreSQL ready", {{"data_dir", cfg.data_dir.string()}});
    }

    io_runtime runtime(cfg.threads);
    db::pool_options pool_opts;
    pool_opts.conninfo = conninfo;
    pool_opts.max_size = cfg.db_pool_size;
    pool_opts.query_timeout = cfg.db_query_timeout;
    db::pool pool(runtime.ioc().get_executor(), pool_opts);

    const int applied = runtime.run(db::migrate(pool, db::embedded_migrations()));
    if (applied > 0) log::info("migrations applied", {{"count", applied}});

    // Argon2id takes tens of milliseconds of CPU: it runs here, never on an I/O thread.
    net::thread_pool hashing(modules.auth.hash_threads);
    net::thread_pool blocking(1);

    if (cfg.command == "migrate") {
        std::cout << "migrations applied: " << applied << "\n";
        return 0;
    }
    if (cfg.command == "user") return runtime.run(auth::run_user_command(pool, hashing, cfg.command_args));
    if (cfg.command == "demo" || cfg.demo) {
        runtime.run(load_demo(pool, hashing));
        log::info("demo data loaded", {{"organizer", demo_organizer_email}});
        if (cfg.command == "demo") return 0;
    }

    // The one LISTEN connection: caches and live seat maps hear of every instance's writes.
    db::listener_options listen_opts;
    listen_opts.connection = pool_opts;
    listen_opts.connection.application_name = "proeventa-listener";
    db::listener changes(runtime.ioc().get_executor(), listen_opts);

    // Public reads may go to a streaming replica (docs/scale-out.md); the listener above stays
    // on the primary, since standbys deliver no notifications.
    std::optional<db::pool> replica;
    std::optional<db::read_router> reads;
    if (cfg.database_read_url) {
        db::pool_options replica_opts = pool_opts;
        replica_opts.conninfo = *cfg.database_read_url;
        replica_opts.application_name = "proeventa-read";
        replica.emplace(runtime.ioc().get_executor(), replica_opts);
        reads.emplace(runtime.ioc().get_executor(), pool, *replica, db::read_router_options{cfg.max_replica_lag});
    } else {
        reads.emplace(pool);
    }
    modules.events.public_reads = &*reads;

    modules.auth.jwt_secret = app::resolve_jwt_secret(cfg, modules.auth);
    auto auth_module = auth::make_module(pool, hashing, std::move(modules.auth), changes);
    auto& identity = auth_module->identity_service();

    auto events_module = events::make_module(pool, identity, modules.events, changes);
    auto mail_module = mail::make_module(pool, modules.mail);
    auto reservations_module =
        reservations::make_module(pool, identity, auth_module->directory_service(),
                                  events_module->catalog_service(), mail_module->outbox_service(),
                                  modules.reservations);
    events_module->set_seat_states(reservations_module->seat_states_service());
    events_module->add_lifecycle_listener(reservations_module->lifecycle_service());
    auth_module->add_deletion_listener(reservations_module->account_deletion_hook());

    router routes;
    auth_module->register_routes(routes);
    events_module->register_routes(routes);
    reservations_module->register_routes(routes);

    std::unique_ptr<static_files> spa =
        cfg.web_root ? std::make_unique<static_files>(*cfg.web_root, blocking)
                     : std::make_unique<static_files>(web_assets::files(), web_assets_gz::files());
    routes.set_fallback([&spa](request_context& ctx) { return spa->serve(ctx); });

    request_pipeline pipeline(routes, {cfg.cors_origins, cfg.production(), cfg.trusted_proxies});
    auto listener_metrics = [&changes] {
        const auto s = changes.statistics();
        return std::vector<metric_sample>{
            {"proeventa_change_listener_up", "gauge", "1 while listening for other instances' writes", s.listening},
            {"proeventa_change_notifications_total", "counter", "change notifications received", s.notifications},
            {"proeventa_change_listener_connects_total", "counter", "listener connections made", s.connects}};
    };
    app::register_system_routes(routes, pool, pipeline,
                                {[&auth_module] { return auth_module->metrics(); },
                                 [&events_module] { return events_module->metrics(); }, listener_metrics,
                                 app::replica_metrics(*reads), [] { return log::metrics(); }});

    server_options srv_opts{cfg.host, cfg.port, cfg.limits};
    if (cfg.tls_cert) srv_opts.tls = tls_files{*cfg.tls_cert, *cfg.tls_key};
    server http_server(runtime.ioc(), srv_opts, pipeline);
    changes.start();
    reads->start();
    http_server.start();
    reservations_module->start(runtime.ioc().get_executor());
    mail_module->start(runtime.ioc().get_executor());
    app::memory_returner memory(runtime.ioc(), blocking, [&http_server] { return http_server.take_connection_counts(); });
    memory.start();
    log::info("ProEventa listening", {{"url", (srv_opts.tls ? "https://" : "http://") + cfg.host + ":" + std::to_string(http_server.port())},
                                      {"threads", cfg.threads}, {"env", cfg.env},
                                      {"max_connections", cfg.limits.max_connections}});
    service.ready("listening on port " + std::to_string(http_server.port()));
    service.start_watchdog(runtime.ioc());

    std::promise<void> drained;
    std::optional<net::signal_set> signals(std::in_place, runtime.ioc(), SIGINT, SIGTERM);
    signals->async_wait([&](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        log::info("shutting down", {{"signal", sig}});
        service.stopping();
        reservations_module->stop();
        mail_module->stop();
        http_server.shutdown([&] { drained.set_value(); });
    });
    drained.get_future().wait();

    changes.stop();
    reads->stop();
    if (replica) replica->close();
    pool.close();
    runtime.stop();
    hashing.join();
    blocking.join();
    if (cluster) cluster->stop();
    log::info("stopped");
    // asio puts the default action back when its signal_set goes, and a second SIGTERM during
    // the exit that follows (a supervisor or an operator signalling twice) would then turn a
    // clean stop into "killed by signal": from here on it is ignored.
    signals.reset();
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_IGN);
    return 0;
}

}  // namespace
}  // namespace proeventa

int main(int argc, char** argv) {
    using namespace proeventa;
    std::signal(SIGPIPE, SIG_IGN);
    // First, before any thread or child process exists: the notification socket is ours alone.
    const app::service_manager service(os::service_notifier::from_environment());
    if (auto lvl = process_env("PROEVENTA_LOG_LEVEL"); lvl && *lvl == "warn") log::set_min_level(log::level::warn);
    // Declared before the parse fills them, so --help shows the defaults.
    app::module_options modules;
    const auto module_settings = app::module_settings(modules);
    parse_outcome parsed;
    try {
        parsed = parse_config(argc, argv, &process_env, module_settings);
    } catch (const config_error& e) {
        std::cerr << "proeventa: " << e.what() << "\n";
        return 2;
    }
    if (parsed.show_help) {
        std::cout << usage_text(module_settings);
        return 0;
    }
    if (parsed.show_version) {
        std::cout << "proeventa " << version_string << "\n";
        return 0;
    }
    int status = 1;
    try {
        status = run(parsed.cfg, std::move(modules), service);
    } catch (const config_error& e) {
        std::cerr << "proeventa: " << e.what() << "\n";
        status = 2;
    } catch (const std::exception& e) {
        log::error("fatal", {{"error", e.what()}});
        log::flush();
        std::cerr << "proeventa: " << e.what() << "\n";
        status = 1;
    }
    log::flush();
    return status;
}
