#include "consult/calendar.hpp"

#include <doctest/doctest.h>

using namespace consult;
using namespace consult::calendar;

namespace {
clock::Date d(const char* s) {
  return *clock::parse_date(s);
}
std::string fmt_dates(const std::vector<clock::Date>& v) {
  std::string out;
  for (const auto& x : v)
    out += (out.empty() ? "" : " ") + clock::format_date(x);
  return out;
}
config::Schedule monthly(std::vector<int> days) {
  config::Schedule s;
  s.kind = "reception-day";
  s.days_of_month = std::move(days);
  s.at = "09:00";
  return s;
}
config::Schedule weekly(std::vector<int> days) {
  config::Schedule s;
  s.kind = "council";
  s.weekdays = std::move(days);
  s.at = "19:30";
  return s;
}
} // namespace

TEST_CASE("ISO weeks across year ends") {
  CHECK(week_of(d("2026-11-21")).str() == "2026-W47");
  CHECK(week_of(d("2026-12-28")).str() == "2026-W53"); // 2026 starts on a Thursday
  CHECK(week_of(d("2027-01-01")).str() == "2026-W53");
  CHECK(week_of(d("2027-01-04")).str() == "2027-W01");
  CHECK(week_of(d("2024-12-30")).str() == "2025-W01");
  CHECK(week_of(d("2021-01-03")).str() == "2020-W53");
  CHECK(clock::format_date(*monday_of({2026, 1})) == "2025-12-29");
  CHECK(clock::format_date(*monday_of({2026, 53})) == "2026-12-28");
  CHECK_FALSE(monday_of({2025, 53})); // 2025 has 52 weeks
  CHECK_FALSE(monday_of({2026, 0}));
  // Every day of several years round-trips through its week's Monday.
  for (auto day = std::chrono::sys_days{d("2023-12-25")};
       day < std::chrono::sys_days{d("2028-01-10")}; day += std::chrono::days{1}) {
    const clock::Date date{day};
    const auto w = week_of(date);
    const auto monday = monday_of(w);
    REQUIRE(monday);
    CHECK((day - std::chrono::sys_days{*monday}).count() == (weekday(date) + 6) % 7);
  }
}

TEST_CASE("weeks as cron jobs name them") {
  const auto today = d("2026-11-21"); // a Saturday in 2026-W47
  CHECK(parse_week("this", today)->str() == "2026-W47");
  CHECK(parse_week("next", today)->str() == "2026-W48");
  CHECK(parse_week("last", today)->str() == "2026-W46");
  CHECK(parse_week("2026-W53", today)->str() == "2026-W53");
  CHECK(parse_week("2026-w05", today)->str() == "2026-W05");
  CHECK_FALSE(parse_week("2025-W53", today));
  CHECK_FALSE(parse_week("2026-48", today));
  CHECK_FALSE(parse_week("soon", today));
  CHECK(parse_week("next", d("2026-12-31"))->str() == "2027-W01");
}

TEST_CASE("monthly schedules skip days a month lacks") {
  CHECK(fmt_dates(occurrences(monthly({6, 26}), d("2026-11-01"), d("2026-11-30"))) ==
        "2026-11-06 2026-11-26");
  CHECK(fmt_dates(occurrences(monthly({31}), d("2026-02-01"), d("2026-04-30"))) == "2026-03-31");
  CHECK(fmt_dates(occurrences(monthly({29}), d("2024-02-01"), d("2024-02-29"))) == "2024-02-29");
  CHECK(occurrences(monthly({29}), d("2026-02-01"), d("2026-02-28")).empty());
  CHECK(fmt_dates(occurrences(monthly({1}), d("2026-12-30"), d("2027-01-02"))) == "2027-01-01");
}

TEST_CASE("weekly schedules") {
  const auto monday = *monday_of({2026, 48});
  const auto sunday = clock::Date{std::chrono::sys_days{monday} + std::chrono::days{6}};
  CHECK(fmt_dates(occurrences(weekly({3}), monday, sunday)) == "2026-11-25");
  CHECK(fmt_dates(occurrences(weekly({1, 5}), monday, sunday)) == "2026-11-23 2026-11-27");
  CHECK(weekday(d("2026-11-25")) == 3);
}

TEST_CASE("the notice period") {
  CHECK(clock::format_date(notice_cutoff(d("2026-12-03"), 7)) == "2026-11-26");
  CHECK(clock::format_date(notice_cutoff(d("2026-03-03"), 7)) == "2026-02-24");
  CHECK(clock::format_date(notice_cutoff(d("2024-03-03"), 7)) == "2024-02-25");
  CHECK(inside_notice(d("2026-11-28"), d("2026-12-03"), 7));
  CHECK_FALSE(inside_notice(d("2026-11-26"), d("2026-12-03"), 7)); // exactly a week
  CHECK_FALSE(inside_notice(d("2026-11-28"), d("2026-12-03"), 0));
}

TEST_CASE("RRULEs of schedules") {
  CHECK(rrule(monthly({26, 6})) == "FREQ=MONTHLY;BYMONTHDAY=6,26");
  CHECK(rrule(weekly({3})) == "FREQ=WEEKLY;BYDAY=WE");
  CHECK(rrule(weekly({5, 1})) == "FREQ=WEEKLY;BYDAY=MO,FR");
}
