#include <proeventa/settings.hpp>

#include <charconv>

namespace proeventa {

namespace setting_values {

long long integer(const std::string& name, const std::string& text, long long min, long long max) {
    long long out = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || out < min || out > max)
        throw config_error(name + ": expected a number between " + std::to_string(min) + " and " +
                           std::to_string(max) + ", got '" + text + "'");
    return out;
}

bool boolean(const std::string& name, const std::string& text) {
    if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
    if (text == "0" || text == "false" || text == "no" || text == "off" || text.empty()) return false;
    throw config_error(name + ": expected true or false, got '" + text + "'");
}

std::vector<std::string> list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        auto item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.erase(0, 1);
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
        start = end + 1;
    }
    return out;
}

}  // namespace setting_values

setting make_setting(std::string flag, std::string env, std::string argument, std::string help,
                     std::string default_text, std::function<void(const std::string& value)> apply) {
    return {std::move(flag), std::move(env),          std::move(argument),
            std::move(help), std::move(default_text), std::move(apply)};
}

setting text_setting(std::string flag, std::string env, std::string argument, std::string help,
                     std::string& target) {
    setting s{std::move(flag), std::move(env), std::move(argument), std::move(help), target, {}};
    s.apply = [&target](const std::string& value) { target = value; };
    return s;
}

setting switch_setting(std::string flag, std::string env, std::string help, bool& target) {
    setting s{std::move(flag), std::move(env), {}, std::move(help), {}, {}};
    s.apply = [&target, name = s.name()](const std::string& value) {
        target = setting_values::boolean(name, value);
    };
    return s;
}

}  // namespace proeventa
