#pragma once
// The modules' options, filled from the same command line, environment and env file as the
// core's config: each module declares its settings, this is where they meet.
#include <proeventa/auth/auth.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/mail/mail.hpp>
#include <proeventa/reservations/reservations.hpp>
#include <proeventa/settings.hpp>

#include <vector>

namespace proeventa::app {

struct module_options {
    auth::options auth;
    events::options events;
    reservations::options reservations;
    mail::options mail;
};

/// Each module's settings bound to `opts`, in --help order. `opts` must outlive the parse.
std::vector<setting_group> module_settings(module_options& opts);

}  // namespace proeventa::app
