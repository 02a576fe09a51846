#include "consult/agenda.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;

namespace {

config::Community scheduled_community() {
  return config::parse_community(R"(id = "s"
name = "排期社区"
[channels]
visit = "走访"
[categories]
other = "其他"
[meeting_kinds]
council = "议事会"
reception-day = "业主接待日"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 1
members = [{ name = "王一" }]
[rules]
agenda_max = 2
[[schedules]]
kind = "reception-day"
days_of_month = [6, 26]
at = "09:00"
until = "11:30"
agenda = false
[[schedules]]
kind = "council"
title = "例会"
weekdays = ["wed", "fri"]
at = "19:30"
venue = "议事厅"
)",
                                 "s.toml");
}

} // namespace

TEST_CASE("a week's scheduled meetings are planned once, with agendas") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-20 09:30")); // a Friday
  const auto c = scheduled_community();
  issues::NewIssue n;
  n.title = "楼道灯";
  n.raised_on = clock::parse_date("2026-11-01");
  const auto id = issues::add(*l, c, n);
  issues::change(*l, id, {model::IssueAction::accept});

  // 2026-W48: Mon 11-23 .. Sun 11-29: council on Wed 25 and Fri 27, reception on Thu 26.
  const auto week = *calendar::parse_week("2026-W48", *clock::parse_date("2026-11-20"));
  const auto first = agenda::plan_week(*l, {&c}, week);
  CHECK(first.created.size() == 3);
  REQUIRE(first.meetings.size() == 3);
  const auto wed = meetings::get(*l, first.meetings[0]);
  const auto thu = meetings::get(*l, first.meetings[1]);
  const auto fri = meetings::get(*l, first.meetings[2]);
  CHECK(wed.local_date == "2026-11-25");
  CHECK(wed.title == "例会");
  CHECK(wed.items.size() == 1); // the issue: on the first meeting's agenda only
  CHECK(fri.items.empty());
  CHECK(thu.kind == "reception-day");
  CHECK(thu.items.empty()); // agenda = false
  CHECK(thu.ends_at == "2026-11-26T11:30:00+08:00");

  const auto events = l->event_count();
  const auto second = agenda::plan_week(*l, {&c}, week);
  CHECK(second.created.empty());
  CHECK(second.meetings == first.meetings);
  CHECK(l->event_count() == events);

  // A cancelled occurrence is not planned again.
  meetings::cancel(*l, wed.id, "停电");
  CHECK(agenda::plan_week(*l, {&c}, week).created.empty());

  // Renders are deterministic and name their files.
  for (auto f :
       {agenda::Format::md, agenda::Format::html, agenda::Format::json, agenda::Format::ics})
    CHECK(agenda::render(f, c, fri) == agenda::render(f, c, meetings::get(*l, fri.id)));
  CHECK(agenda::file_name(fri, agenda::Format::md) == "2026-11-27-s-council-3.md");
  const auto md = agenda::render(agenda::Format::md, c, wed);
  CHECK(md.find("# 例会") == 0);
  CHECK(md.find("#1 楼道灯") != std::string::npos);

  // The feed: the series with the planned dates excepted, and the meetings.
  const auto feed = agenda::feed(*l, c, *clock::parse_date("2026-11-23"));
  CHECK(feed.find("RRULE:FREQ=WEEKLY;BYDAY=WE,FR") != std::string::npos);
  CHECK(feed.find("EXDATE;TZID=Asia/Shanghai:20261125T193000,20261127T193000") !=
        std::string::npos);
  CHECK(feed.find("UID:meeting-s-1@consult") != std::string::npos);
  CHECK(feed.find("STATUS:CANCELLED") != std::string::npos);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("occurrences already begun are not planned after the fact") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-26 10:00")); // Thursday
  const auto c = scheduled_community();
  const auto week = *calendar::parse_week("this", *clock::parse_date("2026-11-26"));
  const auto plan = agenda::plan_week(*l, {&c}, week);
  REQUIRE(plan.created.size() == 1); // Friday's council only
  CHECK(meetings::get(*l, plan.created[0]).local_date == "2026-11-27");
}
