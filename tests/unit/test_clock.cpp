#include "consult/clock.hpp"
#include "consult/ledger.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace consult::clock;

TEST_CASE("parse_date accepts real dates only") {
  CHECK(parse_date("2026-11-21").has_value());
  CHECK(parse_date("2026/11/21").has_value());
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK_FALSE(parse_date("2026-13-01").has_value());
  CHECK_FALSE(parse_date("2026-1-1").has_value());
  CHECK_FALSE(parse_date("2026-11/21").has_value());
  CHECK_FALSE(parse_date("").has_value());
  CHECK(format_date(*parse_date("2026.03.05")) == "2026-03-05");
}

TEST_CASE("instants are read in the community's zone unless an offset is given") {
  const auto local = parse_instant("2026-11-21 09:30", "Asia/Shanghai");
  REQUIRE(local);
  CHECK(format_rfc3339(*local, "UTC") == "2026-11-21T01:30:00+00:00");
  CHECK(format_rfc3339(*local, "Asia/Shanghai") == "2026-11-21T09:30:00+08:00");
  const auto z = parse_instant("2026-11-21T01:30:00Z", "Asia/Shanghai");
  REQUIRE(z);
  CHECK(*z == *local);
  const auto off = parse_instant("2026-11-21T09:30:00+08:00", "UTC");
  REQUIRE(off);
  CHECK(*off == *local);
  CHECK(parse_instant("2026-11-21", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("2026-11-21 25:00", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("yesterday", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("2026-11-21 09:30 extra", "Asia/Shanghai").has_value());
}

TEST_CASE("the local date depends on the zone") {
  const auto t = parse_instant("2026-11-21T17:00:00Z", "UTC");
  REQUIRE(t);
  CHECK(format_date(local_date(*t, "UTC")) == "2026-11-21");
  CHECK(format_date(local_date(*t, "Asia/Shanghai")) == "2026-11-22");
  CHECK(format_local(*t, "Asia/Shanghai") == "2026-11-22 01:00");
}

TEST_CASE("known zones come from tzdata") {
  CHECK(known_zone("Asia/Shanghai"));
  CHECK(known_zone("UTC"));
  CHECK_FALSE(known_zone("Mars/Olympus"));
  CHECK_FALSE(known_zone("../../etc/passwd"));
}

TEST_CASE("a fixed clock is fixed") {
  const auto t = *parse_instant("2026-11-21 10:00", "Asia/Shanghai");
  Clock c(t);
  CHECK(c.fixed());
  CHECK(c.now() == t);
  CHECK_FALSE(Clock().fixed());
}

TEST_CASE("daylight saving time: each zone's own offset and abbreviation at each instant") {
  const auto winter = *parse_instant("2026-12-02 19:30", "Europe/Berlin");
  const auto summer = *parse_instant("2026-07-02 19:30", "Europe/Berlin");
  CHECK(format_rfc3339(winter, "Europe/Berlin") == "2026-12-02T19:30:00+01:00");
  CHECK(format_rfc3339(summer, "Europe/Berlin") == "2026-07-02T19:30:00+02:00");
  CHECK(zone_state(summer, "Europe/Berlin").dst);
  CHECK(zone_state(summer, "Europe/Berlin").abbrev == "CEST");
  CHECK_FALSE(zone_state(winter, "Europe/Berlin").dst);
  CHECK(zone_state(winter, "Asia/Shanghai").abbrev == "CST");
  CHECK(utc_offset(winter, "Asia/Shanghai") == 28800);
  // A wall time the clocks skip (02:30 on 29 March 2026) reads with the
  // offset before the change, as the C library's mktime reads it.
  CHECK(format_rfc3339(*parse_instant("2026-03-29 02:30", "Europe/Berlin"), "Europe/Berlin") ==
        "2026-03-29T03:30:00+02:00");
}

namespace {
/// The TZ variable, or nullopt when it is not set.
std::optional<std::string> tz_variable() {
  const char* v = std::getenv("TZ");
  return v ? std::optional<std::string>(v) : std::nullopt;
}

/// The C library's offset for local time now: what TZ and tzset() decide.
long c_library_offset() {
  const std::time_t t = 1795000000;
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return tm.tm_gmtoff;
}
} // namespace

TEST_CASE("regression: two sessions in one process keep their own zones; TZ is left alone") {
  using consult::ledger::Ledger;
  using consult::ledger::Session;
  const auto tz_before = tz_variable();
  const long offset_before = c_library_offset();
  const auto instant = *parse_instant("2026-11-21T01:30:00Z", "UTC");
  Session shanghai, berlin;
  shanghai.clock = berlin.clock = Clock(instant);
  shanghai.zone = "Asia/Shanghai";
  berlin.zone = "Europe/Berlin";
  auto a = Ledger::in_memory(shanghai);
  auto b = Ledger::in_memory(berlin);
  // Interleaved: neither leaves its zone behind for the other.
  for (int i = 0; i < 2; ++i) {
    CHECK(a->now_text() == "2026-11-21T09:30:00+08:00");
    CHECK(b->now_text() == "2026-11-21T02:30:00+01:00");
  }
  CHECK(format_date(local_date(instant, a->session().zone)) == "2026-11-21");
  CHECK(format_date(local_date(*parse_instant("2026-11-20T23:00:00Z", "UTC"),
                               a->session().zone)) == "2026-11-21");
  CHECK(format_date(local_date(*parse_instant("2026-11-20T23:00:00Z", "UTC"),
                               b->session().zone)) == "2026-11-21");
  CHECK(format_local(instant, b->session().zone) == "2026-11-21 02:30");
  CHECK(tz_variable() == tz_before);
  CHECK(c_library_offset() == offset_before);
}
