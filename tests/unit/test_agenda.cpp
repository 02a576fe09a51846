#include "consult/agenda.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <fstream>

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
    CHECK(agenda::render(*l, f, c, fri) == agenda::render(*l, f, c, meetings::get(*l, fri.id)));
  CHECK(agenda::file_name(fri, agenda::Format::md) == "2026-11-27-s-council-3.md");
  const auto md = agenda::render(*l, agenda::Format::md, c, wed);
  CHECK(md.find("# 例会") == 0);
  CHECK(md.find("#1 楼道灯") != std::string::npos);

  // The feed: the series with the planned dates excepted, and the meetings.
  const auto feed = agenda::feed(*l, c, *clock::parse_date("2026-11-23"));
  CHECK(feed.find("RRULE:FREQ=WEEKLY;BYDAY=WE,FR") != std::string::npos);
  CHECK(feed.find("EXDATE;TZID=Asia/Shanghai:20261125T193000,20261127T193000") !=
        std::string::npos);
  CHECK(feed.find("UID:meeting-s-1-") != std::string::npos);
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

namespace {

/// The ledger at `path` opened for writing at `now`: each step of a test
/// then happens at its own time, as it does for a clerk.
std::unique_ptr<ledger::Ledger> at(const std::string& path, const char* now) {
  return std::make_unique<ledger::Ledger>(path, ledger::Access::write, test::session(now));
}

bool has(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("a meeting's calendar entry counts its reschedules and cancellation, not attendance") {
  test::TempDir dir;
  const auto path = dir.file("consult.db");
  ledger::Ledger::init(path, test::session("2026-11-20 09:00"));
  const auto c = scheduled_community();
  const auto week = *calendar::parse_week("2026-W48", *clock::parse_date("2026-11-20"));
  std::int64_t wed = 0;
  {
    auto l = at(path, "2026-11-20 09:30");
    wed = agenda::plan_week(*l, {&c}, week).meetings.at(0);
    const auto tag = agenda::ledger_tag(*l);
    REQUIRE(tag.size() == 12);
    CHECK(tag.find_first_not_of("0123456789abcdef") == std::string::npos);
    const auto rev = agenda::revision(*l, wed);
    CHECK(rev.sequence == 0);
    CHECK(rev.at == "2026-11-20T09:30:00+08:00");
    const auto ics = agenda::meeting_ics(*l, c, meetings::get(*l, wed));
    CHECK(has(ics, fmt::format("\r\nUID:meeting-s-{}-{}@consult\r\n", wed, tag)));
    CHECK(has(ics, "\r\nDTSTAMP:20261120T013000Z\r\nSEQUENCE:0\r\n"
                   "LAST-MODIFIED:20261120T013000Z\r\n"));
    CHECK(has(ics, "\r\nSTATUS:CONFIRMED\r\n"));
  }
  {
    auto l = at(path, "2026-11-21 10:00");
    meetings::Reschedule r;
    r.at = "2026-12-02 19:30";
    r.venue = "活动室";
    meetings::reschedule(*l, c, wed, r);
    const auto ics = agenda::meeting_ics(*l, c, meetings::get(*l, wed));
    CHECK(has(ics, "\r\nDTSTART;TZID=Asia/Shanghai:20261202T193000\r\n"));
    CHECK(has(ics, "\r\nSEQUENCE:1\r\nLAST-MODIFIED:20261121T020000Z\r\n"));
    CHECK(has(ics, "\r\nLOCATION:活动室\r\n"));
  }
  {
    // Attendance changes the meeting, not its calendar entry: DTSTAMP moves
    // on, SEQUENCE and LAST-MODIFIED stay.
    auto l = at(path, "2026-11-22 11:00");
    meetings::Attendance a;
    a.present = {"王一"};
    meetings::attend(*l, c, wed, a);
    const auto rev = agenda::revision(*l, wed);
    CHECK(rev.sequence == 1);
    CHECK(rev.at == "2026-11-21T10:00:00+08:00");
    const auto ics = agenda::meeting_ics(*l, c, meetings::get(*l, wed));
    CHECK(has(ics, "\r\nDTSTAMP:20261122T030000Z\r\nSEQUENCE:1\r\n"
                   "LAST-MODIFIED:20261121T020000Z\r\n"));
  }
  {
    auto l = at(path, "2026-11-23 12:00");
    meetings::cancel(*l, wed, "停电");
    const auto rev = agenda::revision(*l, wed);
    CHECK(rev.sequence == 2);
    const auto ics = agenda::meeting_ics(*l, c, meetings::get(*l, wed));
    CHECK(has(ics, "\r\nSEQUENCE:2\r\nLAST-MODIFIED:20261123T040000Z\r\n"));
    CHECK(has(ics, "\r\nSTATUS:CANCELLED\r\n"));
    // The same ledger gives the same bytes.
    CHECK(ics == agenda::meeting_ics(*l, c, meetings::get(*l, wed)));
    CHECK(ledger::verify(*l).ok);
  }
  // Another installation with the same community and meeting numbers gives
  // other UIDs.
  const auto other = dir.file("other.db");
  ledger::Ledger::init(other, test::session("2026-11-19 15:00"));
  auto l2 = at(other, "2026-11-20 09:30");
  REQUIRE(agenda::plan_week(*l2, {&c}, week).meetings.at(0) == wed);
  auto l = at(path, "2026-11-23 12:00");
  CHECK(agenda::ledger_tag(*l2) != agenda::ledger_tag(*l));
  CHECK(has(agenda::meeting_ics(*l2, c, meetings::get(*l2, wed)),
            fmt::format("UID:meeting-s-{}-{}@consult", wed, agenda::ledger_tag(*l2))));
}

TEST_CASE("the feed keeps the recent past, moved and cancelled meetings included") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-20 09:30"));
  const auto c = scheduled_community();
  const auto week = *calendar::parse_week("2026-W48", *clock::parse_date("2026-11-20"));
  const auto plan = agenda::plan_week(*l, {&c}, week);
  REQUIRE(plan.meetings.size() == 3);
  meetings::cancel(*l, plan.meetings[2], "停电");
  const auto tag = agenda::ledger_tag(*l);
  // Written weeks later: the meetings of W48 are still there, the cancelled
  // one as CANCELLED.
  const auto later = agenda::feed(*l, c, *clock::parse_date("2027-01-18"));
  for (const auto id : plan.meetings)
    CHECK(has(later, fmt::format("UID:meeting-s-{}-{}@consult", id, tag)));
  CHECK(has(later, "\r\nSTATUS:CANCELLED\r\n"));
  CHECK(has(later, "UID:schedule-s-council-" + tag + "@consult"));
  // Each planned occurrence moves the series on: its SEQUENCE counts them.
  CHECK(has(later, "UID:schedule-s-council-" + tag +
                       "@consult\r\nDTSTAMP:20261120T013000Z\r\n"
                       "SEQUENCE:2\r\n"));
  // Past the window (13 weeks) they leave it.
  const auto much_later = agenda::feed(*l, c, *clock::parse_date("2027-03-01"));
  CHECK(!has(much_later, "UID:meeting-s-"));
}

TEST_CASE("agenda files of a moved or cancelled meeting are rewritten, others left alone") {
  test::TempDir dir;
  const auto path = dir.file("consult.db");
  const auto out = dir.path / "board";
  std::filesystem::create_directory(out);
  ledger::Ledger::init(path, test::session("2026-11-20 09:00"));
  const auto c = scheduled_community();
  const auto week = *calendar::parse_week("2026-W48", *clock::parse_date("2026-11-20"));
  std::vector<std::int64_t> ids;
  const std::vector<agenda::Format> formats = {agenda::Format::md, agenda::Format::html,
                                               agenda::Format::json, agenda::Format::ics};
  {
    auto l = at(path, "2026-11-20 09:30");
    ids = agenda::plan_week(*l, {&c}, week).meetings;
    REQUIRE(ids.size() == 3);
    for (const auto id : ids) {
      const auto m = meetings::get(*l, id);
      for (const auto f : formats)
        write(out / agenda::file_name(m, f), agenda::render(*l, f, c, m));
    }
    // Nothing changed yet: nothing is stale.
    CHECK(agenda::stale_files(*l, {&c}, out.string(), {}).empty());
  }
  // A file written by hand in place of the reception day's Markdown: not
  // consult's (no stamp), never touched.
  const auto mine = out / "2026-11-26-s-reception-day-1.md";
  write(mine, "# 手写的通知\n");
  auto l = at(path, "2026-11-21 10:00");
  meetings::Reschedule r;
  r.at = "2026-12-02 19:30";
  meetings::reschedule(*l, c, ids[0], r); // out of the week
  meetings::cancel(*l, ids[1], "台风");
  meetings::Attendance a;
  a.present = {"王一"};
  meetings::attend(*l, c, ids[2], a); // not a calendar change

  const auto stale = agenda::stale_files(*l, {&c}, out.string(), {});
  std::vector<std::string> names;
  for (const auto& s : stale)
    names.push_back(s.name);
  CHECK(names == std::vector<std::string>{
                     "2026-11-25-s-council-2.html", "2026-11-25-s-council-2.ics",
                     "2026-11-25-s-council-2.json", "2026-11-25-s-council-2.md",
                     "2026-11-26-s-reception-day-1.html", "2026-11-26-s-reception-day-1.ics",
                     "2026-11-26-s-reception-day-1.json"});
  for (const auto& s : stale) {
    if (s.name.starts_with("2026-11-26")) {
      CHECK(!has(s.text, "moved"));
      CHECK((has(s.text, "This meeting is cancelled.") || has(s.text, "STATUS:CANCELLED") ||
             has(s.text, "\"status\": \"cancelled\"")));
      continue;
    }
    if (s.name.ends_with(".md")) {
      CHECK(has(s.text, "> **This meeting has moved to 2026-12-02 19:30"));
      CHECK(agenda::read_stamp(s.text)->seq > agenda::read_stamp(read(out / s.name))->seq);
    }
    if (s.name.ends_with(".html"))
      CHECK(has(s.text, "<p class=\"notice\">This meeting has moved to 2026-12-02 19:30"));
    if (s.name.ends_with(".ics"))
      CHECK(has(s.text, "\r\nDTSTART;TZID=Asia/Shanghai:20261202T193000\r\nDTEND"));
    if (s.name.ends_with(".ics")) CHECK(has(s.text, "\r\nSEQUENCE:1\r\n"));
    if (s.name.ends_with(".json"))
      CHECK(has(s.text, "\"starts_at\": \"2026-12-02T19:30:00+08:00\""));
  }
  // Files this run writes anyway are skipped.
  CHECK(agenda::stale_files(*l, {&c}, out.string(), names).empty());
  CHECK(read(mine) == "# 手写的通知\n");
  // Once rewritten, nothing is stale any more.
  for (const auto& s : stale)
    write(out / s.name, s.text);
  CHECK(agenda::stale_files(*l, {&c}, out.string(), {}).empty());
  // Another community's run leaves them alone.
  auto other = c;
  other.id = "x";
  CHECK(agenda::stale_files(*l, {&other}, out.string(), {}).empty());
}
