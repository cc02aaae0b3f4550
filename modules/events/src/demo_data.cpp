// Demo venues and events for `proeventa demo` / `--demo`: enough to browse, search, pick seats
// and reserve right after the first start.
#include "event_repository.hpp"
#include "sql.hpp"
#include "venue_layout.hpp"
#include "venue_repository.hpp"

#include <proeventa/clock.hpp>
#include <proeventa/db/pool.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/log.hpp>

#include <chrono>

namespace proeventa::events {

namespace {

constexpr const char* theatre_name = "Lyric Theatre";
constexpr const char* club_name = "The Cellar Club";

venue_create_input demo_theatre() {
    venue_create_input v;
    v.name = theatre_name;
    v.address = "14 Quay Street, Manchester M3 3HN";
    v.timezone = "Europe/London";
    v.seated = true;
    v.seats = generate_layout({{"Stalls", 15, 20, "A"}, {"Circle", 8, 25, "C"}});
    // The front six rows of the stalls are the premium category.
    for (auto& s : v.seats)
        if (s.section == "Stalls" && s.row > "F") s.category = "B";
    v.categories = categories_for(v.seats, {{"A", "#0072b2"}, {"B", "#009e73"}, {"C", "#e69f00"}});
    v.capacity = static_cast<std::int64_t>(v.seats.size());
    return v;
}

venue_create_input demo_club() {
    venue_create_input v;
    v.name = club_name;
    v.address = "3 Tib Lane, Manchester M2 4JB";
    v.timezone = "Europe/London";
    v.seated = false;
    v.capacity = 400;
    return v;
}

struct demo_event {
    const char* name;
    const char* description;
    int days_from_now;
    int start_hour;
    int minutes;  // duration
    bool theatre;
};

constexpr demo_event demo_events[] = {
    {"The Importance of Being Earnest",
     "Oscar Wilde's comedy of mistaken identities, handbags and cucumber sandwiches, in a new "
     "production by the Northern Stage Company.",
     3, 19, 150, true},
    {"Swan Lake",
     "The City Ballet dances Tchaikovsky's classic with a live orchestra: forty dancers, four "
     "acts, one unforgettable finale.",
     6, 19, 165, true},
    {"Neon Nights: Synthwave Live",
     "Three synthwave acts, a wall of analogue synthesizers and a light show straight out of "
     "1984. Doors open at 20:00.",
     7, 20, 240, false},
    {"An Evening of Chopin",
     "Piano recital: the Ballades, a selection of Nocturnes and the Sonata in B-flat minor, "
     "played by award-winning pianist Helena Marsh.",
     10, 19, 120, true},
    {"Open Mic Poetry Slam",
     "Sign up at the door, five minutes each, the audience picks the winner. Hosted by spoken-"
     "word artist Dele Adeyemi.",
     12, 19, 180, false},
    {"Macbeth",
     "Shakespeare's darkest tragedy in a stripped-back, candle-lit staging. Contains scenes of "
     "violence and haze effects.",
     14, 19, 140, true},
    {"Deep House Sessions",
     "Resident DJs and a guest set from Berlin's Kiki Sommer until late. Over 18s only.",
     15, 22, 300, false},
    {"Jazz at the Lyric: Blue Note Revisited",
     "The Marlowe Quintet plays the Blue Note classics of the sixties: Hard bop, modal jazz and "
     "a few surprises.",
     18, 20, 130, true},
    {"Blues Jam with the Delta Kings",
     "The house band opens, then the stage is yours: bring a guitar, a harmonica or just your "
     "voice.",
     21, 20, 210, false},
    {"Stand-up Comedy Showcase",
     "Five of the circuit's sharpest comedians try out new material. Expect audience "
     "participation in the front rows.",
     24, 20, 120, true},
    {"Vivaldi: The Four Seasons",
     "The Manchester Chamber Orchestra by candlelight, with the Four Seasons and Bach's Double "
     "Violin Concerto.",
     28, 19, 100, true},
    {"Indie Night: The Lanterns",
     "Manchester's own The Lanterns launch their second album, with support from Glass Harbour.",
     31, 20, 210, false},
};

/// The demo events at the two venues, starting a few days from today.
std::vector<event_draft> demo_drafts(std::int64_t organizer_id, std::int64_t theatre_id,
                                     std::int64_t club_id) {
    using namespace std::chrono;
    const auto today = floor<days>(system_clock::now());
    std::vector<event_draft> drafts;
    for (const auto& e : demo_events) {
        event_draft d;
        d.name = e.name;
        d.description = e.description;
        const auto start = today + days(e.days_from_now) + hours(e.start_hour) + minutes(30);
        d.start_time = to_rfc3339(start);
        d.end_time = to_rfc3339(start + minutes(e.minutes));
        d.venue_id = e.theatre ? theatre_id : club_id;
        d.organizer_id = organizer_id;
        d.status = "published";
        d.currency = "GBP";
        if (e.theatre) {
            d.capacity = 500;
            d.prices = {{"A", 6500}, {"B", 4500}, {"C", 2900}};
        } else {
            d.capacity = 400;
            d.prices = {{general_category, 1800}};
        }
        drafts.push_back(std::move(d));
    }
    return drafts;
}

/// Loads the demo unless it is there already; true when it loaded it.
awaitable<bool> load_once(db::transaction& tx, std::int64_t organizer_id) {
    // Two instances started with --demo at once must not both load it.
    co_await tx.exec(sql::demo_lock);
    auto existing = co_await tx.exec(sql::demo_venue_exists, db::params(theatre_name, organizer_id));
    if (!existing.empty()) co_return false;
    const std::int64_t theatre_id = co_await insert_venue(tx, demo_theatre(), organizer_id);
    const std::int64_t club_id = co_await insert_venue(tx, demo_club(), organizer_id);
    const auto drafts = demo_drafts(organizer_id, theatre_id, club_id);
    for (const auto& d : drafts) co_await insert_event(tx, d);
    co_return true;
}

}  // namespace

awaitable<void> load_demo_data(db::pool& db, std::int64_t organizer_id) {
    auto load = [organizer_id](db::transaction& tx) { return load_once(tx, organizer_id); };
    if (!co_await db.in_transaction(load)) co_return;
    log::info("demo venues and events loaded",
              {{"venues", 2}, {"events", static_cast<std::int64_t>(std::size(demo_events))}});
}

}  // namespace proeventa::events
