#pragma once
// A setting is what one part of the program lets people change: its flag, its environment
// variable, its help text, and how a value lands in that part's options. The core declares its
// own (config.cpp); each module declares its own beside its options struct (its settings.cpp);
// the composition root hands them all to parse_config, which reads flags, the environment and
// the env file through them and lists them in --help.
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace proeventa {

/// A bad flag or value: main prints the one-line message and exits with status 2.
class config_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct setting {
    std::string flag;          // "--hold-ttl"; empty: environment only
    std::string env;           // "PROEVENTA_HOLD_TTL"
    std::string argument;      // the value's name in --help ("SECONDS"); empty: a switch
    std::string help;          // what it does, one sentence; --help wraps it
    std::string default_text;  // shown in parentheses; empty: none
    /// Stores a value in the options it was declared for; throws config_error for a bad one.
    std::function<void(const std::string& value)> apply;

    /// The name errors use: the flag, or the variable of a setting without one.
    const std::string& name() const { return flag.empty() ? env : flag; }
};

/// The settings of one part of the program, under the title --help shows them with.
struct setting_group {
    std::string title;
    std::vector<setting> settings;
};

/// Readers for settings of their own kind; each throws config_error naming the setting.
namespace setting_values {
long long integer(const std::string& name, const std::string& text, long long min, long long max);
bool boolean(const std::string& name, const std::string& text);
/// Comma-separated items, spaces around them trimmed, empty ones dropped.
std::vector<std::string> list(const std::string& text);
}  // namespace setting_values

// Builders for the common kinds. Each binds `target`, which must outlive the parse, and shows its
// value at declaration as the default: the options struct's initialiser stays the one default.

template <class T>
requires std::is_integral_v<T> setting number_setting(std::string flag, std::string env, std::string argument,
                                                      std::string help, T& target,
                                                      std::type_identity_t<T> min,
                                                      std::type_identity_t<T> max) {
    setting s{std::move(flag), std::move(env),         std::move(argument),
              std::move(help), std::to_string(target), {}};
    s.apply = [&target, name = s.name(), min, max](const std::string& value) {
        target = static_cast<T>(setting_values::integer(name, value, min, max));
    };
    return s;
}

/// A whole number of the duration's own unit (seconds for std::chrono::seconds).
template <class Rep, class Period>
setting duration_setting(std::string flag, std::string env, std::string argument, std::string help,
                         std::chrono::duration<Rep, Period>& target, std::type_identity_t<Rep> min,
                         std::type_identity_t<Rep> max) {
    setting s{std::move(flag),
              std::move(env),
              std::move(argument),
              std::move(help),
              std::to_string(target.count()),
              {}};
    s.apply = [&target, name = s.name(), min, max](const std::string& value) {
        target = std::chrono::duration<Rep, Period>(
            static_cast<Rep>(setting_values::integer(name, value, min, max)));
    };
    return s;
}

/// Any other kind: `apply` reads the value (with setting_values) and stores it.
setting make_setting(std::string flag, std::string env, std::string argument, std::string help,
                     std::string default_text, std::function<void(const std::string& value)> apply);

setting text_setting(std::string flag, std::string env, std::string argument, std::string help,
                     std::string& target);

/// A flag without a value (`--demo`); its variable takes 1/0, true/false, yes/no, on/off.
setting switch_setting(std::string flag, std::string env, std::string help, bool& target);

}  // namespace proeventa
