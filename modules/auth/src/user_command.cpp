// `proeventa user add|set-role ...`: account administration from the shell, e.g. creating the
// first admin, which no HTTP route may do.
#include <proeventa/auth/auth.hpp>

#include "account_rules.hpp"
#include "hashing.hpp"
#include "password.hpp"
#include "password_policy.hpp"
#include "user_repository.hpp"

#include <proeventa/db/errors.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <stdexcept>

namespace proeventa::auth {
namespace {

constexpr const char* usage =
    "usage: proeventa user add --email E --password P [--full-name N] [--role customer|organizer|admin]\n"
    "       proeventa user set-role --email E --role customer|organizer|admin";

/// A mistake in the command line: reported with the usage text, exit code 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `--name value` and `--name=value`; each flag once, only the ones `allowed`.
std::map<std::string, std::string> parse_flags(const std::vector<std::string>& args,
                                               std::initializer_list<std::string_view> allowed) {
    std::map<std::string, std::string> flags;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0) throw usage_error("unexpected argument '" + arg + "'");
        std::string name = arg.substr(2), value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else {
            if (i + 1 >= args.size()) throw usage_error("--" + name + " needs a value");
            value = args[++i];
        }
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            throw usage_error("unknown option --" + name);
        if (!flags.emplace(name, value).second) throw usage_error("--" + name + " given twice");
    }
    return flags;
}

std::string required(const std::map<std::string, std::string>& flags, const std::string& name) {
    const auto it = flags.find(name);
    if (it == flags.end()) throw usage_error("--" + name + " is required");
    return it->second;
}

std::string checked_email(const std::map<std::string, std::string>& flags) {
    auto email = normalize_email(required(flags, "email"));
    if (auto problem = email_problem(email)) throw usage_error(*problem);
    return email;
}

std::string checked_role(const std::string& role) {
    if (!is_role(role)) throw usage_error("--role must be " + std::string(role_list));
    return role;
}

std::string describe(const user_record& user) {
    return "user " + std::to_string(user.id) + " " + user.email + " (" + user.role + ")";
}

awaitable<int> add_user(user_repository& users, net::thread_pool& hashing,
                        const std::map<std::string, std::string>& flags) {
    const auto email = checked_email(flags);
    const auto password = required(flags, "password");
    if (auto problem = password_problem(password, email)) throw usage_error(*problem);
    const auto role = checked_role(flags.count("role") ? flags.at("role") : "customer");
    std::string full_name = flags.count("full-name") ? flags.at("full-name") : email.substr(0, email.find('@'));
    if (auto problem = full_name_problem(full_name)) throw usage_error(*problem);

    auto hash_job = [password] { return hash_password(password); };
    const auto hash = co_await run_on(hashing, std::move(hash_job));
    const auto user = co_await users.create(email, hash, full_name, role);
    if (!user) {
        std::cerr << "user add: an account with email " << email << " already exists" << std::endl;
        co_return 1;
    }
    std::cout << "created " << describe(*user) << std::endl;
    co_return 0;
}

awaitable<int> set_role(user_repository& users, const std::map<std::string, std::string>& flags) {
    const auto email = checked_email(flags);
    const auto role = checked_role(required(flags, "role"));
    const auto user = co_await users.set_role_by_email(email, role);
    if (!user) {
        std::cerr << "user set-role: no user with email " << email << std::endl;
        co_return 1;
    }
    std::cout << "updated " << describe(*user) << std::endl;
    co_return 0;
}

}  // namespace

awaitable<int> run_user_command(db::pool& db, net::thread_pool& hashing,
                                const std::vector<std::string>& args) {
    user_repository users(db);
    const std::string sub = args.empty() ? std::string() : args.front();
    int code = 2;
    std::string problem;
    try {
        // Flags parsed outside the co_await expressions: GCC 12 cannot keep an
        // initializer_list's array alive across a suspension in the same full-expression.
        if (sub == "add") {
            const auto flags = parse_flags(args, {"email", "password", "full-name", "role"});
            code = co_await add_user(users, hashing, flags);
        } else if (sub == "set-role") {
            const auto flags = parse_flags(args, {"email", "role"});
            code = co_await set_role(users, flags);
        } else
            problem = sub.empty() ? "a subcommand is required" : "unknown subcommand '" + sub + "'";
    } catch (const usage_error& e) {
        problem = e.what();
    } catch (const db::unavailable& e) {
        std::cerr << "user " << sub << ": the database is unavailable: " << e.what() << std::endl;
        co_return 1;
    } catch (const db::query_error& e) {
        std::cerr << "user " << sub << ": the database refused: " << e.what() << std::endl;
        co_return 1;
    }
    if (!problem.empty()) {
        std::cerr << "user " << sub << (sub.empty() ? "" : ": ") << problem << "\n" << usage << std::endl;
        co_return 2;
    }
    co_return code;
}

}  // namespace proeventa::auth
