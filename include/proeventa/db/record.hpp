#pragma once
// Typed rows. A record type says once, with BOOST_DESCRIBE_STRUCT, which members a row fills;
// each member is filled from the column of the same name (`SELECT v.name AS venue_name`).
// Columns are looked up by name once per result, and their types are checked against the
// members' then too, so a missing, misnamed or mistyped column fails the first run of the
// query's test with `schema_mismatch` instead of filling a wrong value.
//
// Member types: std::int64_t, int, bool, double, std::string (text; a timestamptz column
// becomes RFC 3339 UTC), boost::json::value (json/jsonb), std::optional of any of these (NULL ->
// nullopt), and std::vector<R> of a described R from a json array of objects whose keys name R's
// members (json_agg(json_build_object(...)) lists such as an event's prices).
#include <proeventa/db/result.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace proeventa::db {

/// A result does not have the columns its record type needs: a programming error.
class schema_mismatch : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

namespace detail {

/// What a column holds, from its type OID.
enum class column_kind { integer, boolean, floating, text, timestamp, json, other };
column_kind kind_of_column(const result& r, int col);
const char* describe(column_kind kind);

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

template <class T>
inline constexpr bool is_described = boost::describe::has_describe_members<T>::value;

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

/// Whether a column of `kind` can fill a member of type T.
template <class T>
bool fits(column_kind kind) {
    if constexpr (is_optional<T>::value) {
        return fits<typename T::value_type>(kind);
    } else if constexpr (std::is_same_v<T, bool>) {
        return kind == column_kind::boolean;
    } else if constexpr (std::is_integral_v<T>) {
        return kind == column_kind::integer;
    } else if constexpr (std::is_floating_point_v<T>) {
        return kind == column_kind::floating || kind == column_kind::integer;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return kind == column_kind::text || kind == column_kind::timestamp;
    } else if constexpr (std::is_same_v<T, boost::json::value> || is_vector<T>::value) {
        return kind == column_kind::json;
    } else {
        static_assert(sizeof(T) == 0, "no column can fill this member type");
    }
}

/// A json value as a member of type T (for members of records read out of json columns).
template <class T>
T from_json(const boost::json::value& v, std::string_view where);

template <class R>
R record_from_json(const boost::json::value& v, std::string_view where) {
    const auto* o = v.if_object();
    if (!o) throw schema_mismatch(std::string(where) + ": expected a json object");
    R out{};
    boost::mp11::mp_for_each<members_of<R>>([&](auto member) {
        const auto* item = o->if_contains(member.name);
        if (!item) throw schema_mismatch(std::string(where) + ": json object has no key " + member.name);
        using M = std::remove_cvref_t<decltype(out.*member.pointer)>;
        out.*member.pointer = from_json<M>(*item, where);
    });
    return out;
}

template <class T>
T from_json(const boost::json::value& v, std::string_view where) {
    if constexpr (is_optional<T>::value) {
        if (v.is_null()) return std::nullopt;
        return from_json<typename T::value_type>(v, where);
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!v.is_bool()) throw schema_mismatch(std::string(where) + ": expected a json boolean");
        return v.get_bool();
    } else if constexpr (std::is_integral_v<T>) {
        if (v.is_int64()) return static_cast<T>(v.get_int64());
        if (v.is_uint64()) return static_cast<T>(v.get_uint64());
        throw schema_mismatch(std::string(where) + ": expected a json integer");
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!v.is_number()) throw schema_mismatch(std::string(where) + ": expected a json number");
        return v.to_number<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!v.is_string()) throw schema_mismatch(std::string(where) + ": expected a json string");
        return std::string(v.get_string());
    } else if constexpr (std::is_same_v<T, boost::json::value>) {
        return v;
    } else if constexpr (is_vector<T>::value) {
        const auto* a = v.if_array();
        if (!a) throw schema_mismatch(std::string(where) + ": expected a json array");
        T out;
        out.reserve(a->size());
        for (const auto& item : *a) out.push_back(from_json<typename T::value_type>(item, where));
        return out;
    } else if constexpr (is_described<T>) {
        return record_from_json<T>(v, where);
    } else {
        static_assert(sizeof(T) == 0, "no json value can fill this member type");
    }
}

/// The column's value as a member of type T (the column's kind was checked already).
template <class T>
T read_column(const row& r, int col, column_kind kind) {
    if constexpr (is_optional<T>::value) {
        if (r.is_null(col)) return std::nullopt;
        return read_column<typename T::value_type>(r, col, kind);
    } else if constexpr (std::is_same_v<T, bool>) {
        return r.boolean(col);
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(r.int64(col));
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(r.float64(col));
    } else if constexpr (std::is_same_v<T, std::string>) {
        return kind == column_kind::timestamp ? r.timestamp(col) : r.string(col);
    } else {
        return from_json<T>(r.json(col), r.column_name(col));
    }
}

}  // namespace detail

/// Reads rows of one result as R. Construct once per result: that is when the columns are
/// looked up and checked.
template <class R>
class record_reader {
    static_assert(detail::is_described<R>, "describe the record with BOOST_DESCRIBE_STRUCT");
    static constexpr std::size_t member_count = boost::mp11::mp_size<detail::members_of<R>>::value;

public:
    explicit record_reader(const result& res) {
        std::size_t i = 0;
        boost::mp11::mp_for_each<detail::members_of<R>>([&](auto member) {
            using M = std::remove_cvref_t<decltype(std::declval<R&>().*member.pointer)>;
            const int col = res.column_index(member.name);
            if (col < 0)
                throw schema_mismatch("result has no column \"" + std::string(member.name) + "\" (columns: " +
                                      res.column_list() + ")");
            const auto kind = detail::kind_of_column(res, col);
            if (!detail::fits<M>(kind))
                throw schema_mismatch("column \"" + std::string(member.name) + "\" holds " +
                                      detail::describe(kind) + ", which cannot fill that member");
            columns_[i] = col;
            kinds_[i] = kind;
            ++i;
        });
    }

    R operator()(const row& r) const {
        R out{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<detail::members_of<R>>([&](auto member) {
            using M = std::remove_cvref_t<decltype(out.*member.pointer)>;
            out.*member.pointer = detail::read_column<M>(r, columns_[i], kinds_[i]);
            ++i;
        });
        return out;
    }

private:
    std::array<int, member_count> columns_{};
    std::array<detail::column_kind, member_count> kinds_{};
};

/// Every row of `res` as R.
template <class R>
std::vector<R> records(const result& res) {
    std::vector<R> out;
    const record_reader<R> read(res);  // checks the columns even when there are no rows
    out.reserve(res.size());
    for (auto r : res) out.push_back(read(r));
    return out;
}

/// The first row of `res` as R, or nullopt when there is none.
template <class R>
std::optional<R> first_record(const result& res) {
    const record_reader<R> read(res);
    if (res.empty()) return std::nullopt;
    return read(res[0]);
}

}  // namespace proeventa::db
