#include "settings.hpp"

namespace proeventa::app {

std::vector<setting_group> module_settings(module_options& opts) {
    std::vector<setting_group> groups;
    groups.push_back({"Accounts, tokens and sign-in limits", auth::settings(opts.auth)});
    groups.push_back({"Events", events::settings(opts.events)});
    groups.push_back({"Reservations", reservations::settings(opts.reservations)});
    groups.push_back({"Order mail", mail::settings(opts.mail)});
    return groups;
}

}  // namespace proeventa::app
