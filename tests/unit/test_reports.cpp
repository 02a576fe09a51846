// Reports on a fixture ledger with known contents; every expected figure is
// worked out by hand in the comments.

#include "consult/actions.hpp"
#include "consult/fund.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/reports.hpp"
#include "consult/votes.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>
#include <tuple>

using namespace consult;
using model::IssueAction;

namespace {

std::int64_t raise(ledger::Ledger& l, const config::Community& c, const char* title, const char* on,
                   const char* channel, const char* category) {
  issues::NewIssue n;
  n.title = title;
  n.raised_on = clock::parse_date(on);
  n.channel = channel;
  n.category = category;
  return issues::add(l, c, n);
}

void step(ledger::Ledger& l, std::int64_t id, IssueAction a, const char* reason = "") {
  issues::Change ch;
  ch.action = a;
  ch.reason = reason;
  issues::change(l, id, ch);
}

} // namespace

namespace {

/// The fixture: two communities over three dates; every figure below is
/// worked out by hand from it.
void fixture(const std::string& path) {
  auto c = test::community();
  c.meeting_kinds = {{"council", "议事会"}};
  auto u = c;
  u.id = "u";
  u.name = "第二社区";
  ledger::Ledger::init(path, test::session("2026-11-12 10:00"));
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-12 10:00"));
    raise(l, c, "one", "2026-10-20", "suggestion-box", "parking");       // 1
    raise(l, c, "two", "2026-11-01", "wechat-group", "facility-repair"); // 2
    raise(l, c, "three", "2026-11-05", "suggestion-box", "other");       // 3
    raise(l, c, "four", "2026-11-10", "suggestion-box", "parking");      // 4
    raise(l, c, "five", "2026-10-25", "wechat-group", "other");          // 5, stays collected
    raise(l, u, "six", "2026-11-02", "suggestion-box", "other");         // 6, community u
    raise(l, c, "seven", "2026-11-03", "wechat-group", "parking");       // 7
    for (int i : {1, 2, 3, 6, 7})
      step(l, i, IssueAction::accept);
    step(l, 4, IssueAction::reject, "不属于社区事务");
    step(l, 1, IssueAction::consult);
    step(l, 2, IssueAction::consult);
    step(l, 2, IssueAction::consult); // round 2
    issues::Change merge{IssueAction::merge};
    merge.into = 2;
    issues::change(l, 7, merge);
    issues::Change escalate{IssueAction::escalate, "需要街道协调"};
    escalate.level = "street";
    issues::change(l, 6, escalate);
    meetings::PlanRequest r;
    r.kind = "council";
    r.at = "2026-11-25 19:30";
    r.issues = {3};
    const auto m = meetings::plan(l, c, r).meeting.id;
    meetings::Attendance a;
    a.present = {"王一", "李二"};
    meetings::attend(l, c, m, a);
    votes::OpenRequest ask;
    ask.meeting = m;
    ask.issue = 3;
    ask.question = "同意";
    ask.method = "show-of-hands";
    ask.rule = "majority-present";
    const auto v = votes::open(l, c, ask);
    votes::tally(l, v.id, {{"yes", 2}});
    const auto closed = votes::close(l, c, v.id); // 2 of 2 present agree: approved, issue 3 decided
    REQUIRE(closed.vote.result == "approved");
    actions::add(l, c, closed.decision.id, "物业", "修车棚", *clock::parse_date("2026-11-20"));
    meetings::close(l, c, m);
    r.at = "2026-11-28 19:30";
    r.issues = {};
    meetings::cancel(l, meetings::plan(l, c, r).meeting.id, "暴雨");
    fund::NewEntry e;
    e.kind = "income";
    e.amount = "100";
    e.party = "甲";
    e.purpose = "众筹";
    e.date = clock::parse_date("2026-11-03");
    fund::add(l, c, e);
    e.kind = "expense";
    e.amount = "30.50";
    e.date = clock::parse_date("2026-11-15");
    fund::add(l, c, e);
  }
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-20 10:00"));
    step(l, 1, IssueAction::decide);
    step(l, 2, IssueAction::decide);
    step(l, 1, IssueAction::implement);
    step(l, 1, IssueAction::resolve);
    fund::reverse(l, c, 2, "录错");
  }
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-05 10:00"));
    step(l, 2, IssueAction::implement);
    step(l, 2, IssueAction::resolve);
    step(l, 6, IssueAction::close);
    issues::feedback(l, 1, 4, "");
    issues::feedback(l, 2, 5, "");
  }
}

} // namespace

TEST_CASE("report figures on a fixture ledger, checked by hand") {
  test::TempDir dir;
  const auto path = dir.file("r.db");
  fixture(path);
  ledger::Ledger l(path, ledger::Access::read, test::session("2026-12-31 10:00"));
  CHECK(ledger::verify(l).ok); // the step dates replay to the same columns

  reports::Options o;
  o.period = *clock::parse_period("2026-11");
  const auto nov = reports::compute(l, o);
  REQUIRE(nov.communities.size() == 2);
  const auto& f = nov.all;
  CHECK(f.meetings_held == 1); // closed, dated 11-25
  CHECK(f.meetings_by_kind.at("council") == 1);
  CHECK(f.meetings_cancelled == 1);
  CHECK(f.attendance.at("committee") == std::pair<std::int64_t, std::int64_t>{2, 2});
  CHECK(f.issues_raised == 5); // 2, 3, 4, 6, 7 (1 and 5 were raised in October)
  CHECK(f.raised_by_channel.at("suggestion-box") == 3); // 3, 4, 6
  CHECK(f.raised_by_channel.at("wechat-group") == 2);   // 2, 7
  CHECK(f.raised_by_category.at("parking") == 2);       // 4, 7
  CHECK(f.raised_by_category.at("other") == 2);         // 3, 6
  CHECK(f.raised_by_category.at("facility-repair") == 1);
  CHECK(f.accepted == 5); // 1, 2, 3, 6, 7 on 11-12 (1 was raised in October: still counts)
  CHECK(f.rejected == 1);
  CHECK(f.merged == 1);
  CHECK(f.escalated == 1);
  CHECK(f.decided == 3);  // 3 by the vote on 11-12, 1 and 2 on 11-20
  CHECK(f.resolved == 1); // issue 1 on 11-20
  CHECK(f.closed == 0);
  CHECK(f.raised_and_solved == 0); // 2 and 6 were solved in December
  CHECK(f.resolution_permille() == 0);
  CHECK(f.median_days() == 31.0); // 2026-10-20 → 2026-11-20
  CHECK(f.p90_days() == 31);
  CHECK(f.rounds_of_decided == 4); // issue 1: 1 round, 2: 2, 3: 1 (the vote's)
  CHECK(reports::to_json(f)["rounds_per_decided"] == "1.3");
  CHECK(f.open_older == 1);      // issue 5: raised 10-25, on or before 10-31, still open
  CHECK(f.overdue_actions == 1); // due 11-20, not done
  CHECK(f.ratings == 0);
  CHECK_FALSE(f.satisfaction().has_value());
  CHECK(f.votes_held == 1);
  CHECK(f.votes_passed == 1);
  CHECK(f.fund_income == 10000);
  CHECK(f.fund_expense == 0); // 30.50 spent, then reversed
  CHECK(nov.communities.at("t").issues_raised == 4);
  CHECK(nov.communities.at("u").issues_raised == 1);
  CHECK(nov.communities.at("u").escalated == 1);
  CHECK(nov.communities.at("u").meetings_held == 0);
  // A community the ledger does not know is an error, not a report of zeros.
  auto wrong = o;
  wrong.communities = {"nosuch"};
  CHECK(test::kind_of([&] { reports::compute(l, wrong); }) == ErrorKind::usage);
  auto only_u = o;
  only_u.communities = {"u"};
  const auto u_only = reports::compute(l, only_u);
  CHECK(u_only.communities.size() == 1);
  CHECK(u_only.all.issues_raised == 1);
  CHECK(u_only.all.fund_income == 0);

  o.period = *clock::parse_period("2026-12");
  const auto dec = reports::compute(l, o).all;
  CHECK(dec.issues_raised == 0);
  CHECK_FALSE(dec.resolution_permille().has_value());
  CHECK(dec.resolved == 1);
  CHECK(dec.closed == 1);           // issue 6, from the street's referral
  CHECK(dec.median_days() == 34.0); // 2026-11-01 → 2026-12-05
  CHECK(dec.open_older == 2);       // raised on or before 12-01 and open: 3 (decided) and 5
  CHECK(dec.ratings == 2);
  CHECK(dec.satisfaction() == 4.5);
  CHECK(dec.rating_counts[3] == 1);
  CHECK(dec.rating_counts[4] == 1);
  CHECK(reports::to_json(dec)["satisfaction"] == "4.5");
  CHECK(dec.votes_held == 0);

  // Over both months, 2 (resolved 12-05) and 6 (closed 12-05) of the 5 raised were solved.
  o.period = *clock::parse_period("2026-11-01..2026-12-31");
  const auto both = reports::compute(l, o).all;
  CHECK(both.raised_and_solved == 2);
  CHECK(both.resolution_permille() == 400);
  CHECK(reports::to_json(both)["resolution_rate"] == "40.0%");
  CHECK(both.median_days() == 32.5); // 31 and 34
  CHECK(both.p90_days() == 34);

  // By category: its issues only, no meetings or account book.
  o.period = *clock::parse_period("2026-11");
  o.dimension = reports::Dimension::category;
  const auto cats = reports::compute(l, o);
  std::vector<std::string> keys;
  for (const auto& [k, row] : cats.by_key)
    keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"facility-repair", "other", "parking"});
  const auto& parking = cats.by_key.at("parking");
  CHECK(parking.issues_raised == 2); // 4, 7
  CHECK(parking.accepted == 2);      // 1, 7
  CHECK(parking.rejected == 1);
  CHECK(parking.merged == 1);
  CHECK(parking.decided == 1);
  CHECK(parking.resolved == 1);
  CHECK(parking.votes_held == 0);
  CHECK(parking.overdue_actions == 0);
  const auto pj = reports::to_json(parking);
  CHECK_FALSE(pj.contains("meetings_held"));
  CHECK_FALSE(pj.contains("fund_income"));
  const auto& other = cats.by_key.at("other");
  CHECK(other.issues_raised == 2); // 3, 6
  CHECK(other.votes_held == 1);    // on issue 3
  CHECK(other.overdue_actions == 1);
  CHECK(other.decided == 1);
  CHECK(other.open_older == 1); // 5
  CHECK(cats.all.issues_raised == 5);
  CHECK(cats.communities.at("u").issues_raised == 1);
  CHECK_FALSE(reports::to_json(cats.all).contains("meetings_held"));
  // By channel.
  o.dimension = reports::Dimension::channel;
  CHECK(reports::compute(l, o).by_key.at("wechat-group").issues_raised == 2);
  // By meeting kind: its meetings only, no issues.
  o.dimension = reports::Dimension::kind;
  const auto kinds = reports::compute(l, o);
  REQUIRE(kinds.by_key.size() == 1);
  const auto& council = kinds.by_key.at("council");
  CHECK(council.meetings_held == 1);
  CHECK(council.meetings_cancelled == 1);
  CHECK(council.votes_held == 1);
  CHECK(council.attendance.at("committee") == std::pair<std::int64_t, std::int64_t>{2, 2});
  CHECK_FALSE(reports::to_json(council).contains("issues_raised"));
}

TEST_CASE("reports across ledger files: one per community, read together, never twice") {
  test::TempDir dir;
  const auto a = dir.file("a.db"), b = dir.file("b.db");
  auto c = test::community();
  auto w = c;
  w.id = "w";
  for (const auto& [path, com, n] : {std::tuple{a, c, 3}, std::tuple{b, w, 2}}) {
    ledger::Ledger::init(path, test::session("2026-11-12 10:00"));
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-12 10:00"));
    for (int i = 0; i < n; ++i)
      raise(l, com, "x", "2026-11-01", "suggestion-box", "other");
    step(l, 1, IssueAction::accept);
  }
  ledger::Ledger la(a, ledger::Access::read, test::session());
  ledger::Ledger lb(b, ledger::Access::read, test::session());
  reports::Options o;
  o.period = *clock::parse_period("2026");
  const auto r = reports::compute({&la, &lb}, o);
  CHECK(r.communities.size() == 2);
  CHECK(r.communities.at("t").issues_raised == 3);
  CHECK(r.communities.at("w").issues_raised == 2);
  CHECK(r.all.issues_raised == 5);
  CHECK(r.all.accepted == 2);
  o.communities = {"w"};
  CHECK(reports::compute({&la, &lb}, o).all.issues_raised == 2);
  // The same community twice (a copy sent again) is refused, not counted twice.
  ledger::Ledger again(a, ledger::Access::read, test::session());
  o.communities = {};
  CHECK(test::kind_of([&] { reports::compute({&la, &again}, o); }) == ErrorKind::data);
}

TEST_CASE("median and percentile from the histogram of days") {
  reports::Figures f;
  CHECK_FALSE(f.median_days().has_value());
  CHECK_FALSE(f.p90_days().has_value());
  // 1, 2, 2, 3, 10 days: median 2; 90th percentile by nearest rank: rank 5 → 10.
  f.days_to_resolve = {{1, 1}, {2, 2}, {3, 1}, {10, 1}};
  f.resolved = 5;
  CHECK(f.median_days() == 2.0);
  CHECK(f.p90_days() == 10);
  // Ten values 1..10: median (5 + 6) / 2; rank 9 → 9.
  f.days_to_resolve.clear();
  for (int d = 1; d <= 10; ++d)
    f.days_to_resolve[d] = 1;
  f.resolved = 10;
  CHECK(f.median_days() == 5.5);
  CHECK(f.p90_days() == 9);
  // Adding figures adds the histograms.
  reports::Figures g = f;
  g += f;
  CHECK(g.resolved == 20);
  CHECK(g.median_days() == 5.5);
  CHECK(g.p90_days() == 9);
}

TEST_CASE("a schema 5 ledger gains the step dates and monthly tallies of its events") {
  test::TempDir dir;
  const auto path = dir.file("old.db");
  fixture(path);
  std::string expected;
  const char* kDates = "SELECT group_concat(id || ':' || coalesce(accepted_on, '') || "
                       "coalesce(rejected_on, '') || coalesce(merged_on, '') || "
                       "coalesce(escalated_on, '') || coalesce(decided_on, '') || "
                       "coalesce(resolved_on, '') || coalesce(closed_on, ''), ' ') FROM issue";
  {
    // Take it back to schema 5: no step columns, no dated ratings.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    expected = db.execAndGet(kDates).getString();
    test::drop_schema_13(db);
    test::drop_schema_12(db);
    test::drop_schema_11(db);
    test::unseal_in_place(db); // its events as a writer of schema 5 wrote them
    db.exec("DROP TABLE personal_value; DROP TABLE sealed_hash");
    for (const char* index :
         {"issue_raised_report", "issue_accepted_on", "issue_rejected_on", "issue_merged_on",
          "issue_escalated_on", "issue_decided_on", "issue_resolved_on", "issue_closed_on",
          "meeting_by_date", "vote_closed_on", "feedback_by_date"})
      db.exec(fmt::format("DROP INDEX {}", index));
    for (const char* col : {"accepted_on", "rejected_on", "merged_on", "escalated_on", "decided_on",
                            "resolved_on", "closed_on"})
      db.exec(fmt::format("ALTER TABLE issue DROP COLUMN {}", col));
    db.exec("ALTER TABLE vote DROP COLUMN closed_on");
    db.exec("ALTER TABLE issue_feedback DROP COLUMN community");
    db.exec("ALTER TABLE issue_feedback DROP COLUMN on_date");
    db.exec("DROP TABLE report_month");
    db.exec("ALTER TABLE issue DROP COLUMN solved_on");
    db.exec("DROP TABLE schema_upgrade");
    db.exec("PRAGMA user_version = 5");
  }
  ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-31 10:00"));
  CHECK(l.schema_version() == ledger::latest_version());
  CHECK(l.db().execAndGet(kDates).getString() == expected);
  CHECK(expected.find("1:2026-11-122026-11-202026-11-20") != std::string::npos);
  CHECK(l.db().execAndGet("SELECT closed_on FROM vote WHERE id = 1").getString() == "2026-11-12");
  CHECK(l.db()
            .execAndGet("SELECT group_concat(community || on_date) FROM issue_feedback")
            .getString() == "t2026-12-05,t2026-12-05");
  CHECK(l.db()
            .execAndGet("SELECT n FROM report_month WHERE community = 't' AND month = "
                        "'2026-11' AND figure = 'decided'")
            .getInt() == 3);
  // Replaying the log gives the same tables as the migration did, tallies included.
  const auto verified = ledger::verify(l);
  CAPTURE(verified.problem);
  CHECK(verified.ok);
  reports::Options o;
  o.period = *clock::parse_period("2026-11");
  CHECK(reports::compute(l, o).all.decided == 3);
}

TEST_CASE("the monthly tallies give the same figures as the rows, month by month") {
  // A random year of two communities: issues raised every few days and
  // walked through their life cycle at random (every step the state machine
  // allows, referrals and their answers, merges), meetings held or
  // cancelled with votes on issues under consultation, ratings.
  test::TempDir dir;
  const auto path = dir.file("random.db");
  auto c = test::community();
  c.meeting_kinds = {{"council", "议事会"}, {"bench", "板凳会"}};
  auto u = c;
  u.id = "u";
  const config::Community* coms[] = {&c, &u};
  ledger::Ledger::init(path, test::session("2026-01-02 10:00"));
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::vector<std::pair<std::int64_t, const config::Community*>> ids;
  auto first = std::chrono::sys_days{std::chrono::year{2026} / 1 / 2};
  for (int day = 0; day < 360; day += 4) {
    const auto date = clock::Date{first + std::chrono::days{day}};
    const auto today = clock::format_date(date);
    ledger::Ledger l(path, ledger::Access::write, test::session((today + " 10:00").c_str()));
    for (int k = 0; k < 3; ++k) {
      const auto* com = coms[pick(2)];
      issues::NewIssue n;
      n.title = "议题";
      n.channel = com->channels[pick(com->channels.size())].key;
      n.category = com->categories[pick(com->categories.size())].key;
      n.raised_on = clock::Date{first + std::chrono::days{day - static_cast<int>(pick(20))}};
      ids.emplace_back(issues::add(l, *com, n), com);
    }
    for (const auto& [id, com] : ids) {
      if (pick(3) != 0) continue;
      const auto issue = issues::get(l, id);
      const auto allowed = model::allowed_actions(issue.status);
      if (allowed.empty()) continue;
      issues::Change ch{allowed[pick(allowed.size())]};
      if (ch.action == IssueAction::reject || ch.action == IssueAction::escalate)
        ch.reason = "理由";
      if (ch.action == IssueAction::escalate) ch.level = "street";
      if (ch.action == IssueAction::answer) ch.answer = "街道答复";
      if (ch.action == IssueAction::merge) {
        const auto& [into, into_com] = ids[pick(ids.size())];
        if (into == id || into_com != com) continue;
        ch.into = into;
      }
      if (ch.action == IssueAction::close && issue.status == model::IssueStatus::resolved)
        issues::feedback(l, id, static_cast<int>(pick(5)) + 1, "");
      try {
        issues::change(l, id, ch);
      } catch (const Error&) {
        // a merge into a rejected or closed issue: refused, nothing written
      }
    }
    for (const auto* com : coms) {
      meetings::PlanRequest r;
      r.kind = pick(2) ? "council" : "bench";
      r.at = today + " 19:30";
      std::int64_t voted = 0;
      for (const auto& [id, ic] : ids)
        if (ic == com && issues::get(l, id).status == model::IssueStatus::consulting) voted = id;
      if (voted && pick(2))
        r.issues = {voted};
      else
        voted = 0;
      if (r.kind == "bench") voted = 0; // an informal meeting hears, it does not vote
      const auto m = meetings::plan(l, *com, r).meeting.id;
      if (!voted && pick(4) == 0) {
        meetings::cancel(l, m, "下雨");
        continue;
      }
      meetings::Attendance a;
      // At a bench meeting (informal) no one is due: members who come take part.
      (pick(2) || r.kind == "bench" ? a.present : a.absent).push_back("王一");
      a.present.push_back("李二");
      meetings::attend(l, *com, m, a);
      if (voted) {
        votes::OpenRequest ask;
        ask.meeting = m;
        ask.issue = voted;
        ask.question = "同意";
        ask.method = "show-of-hands";
        ask.rule = "majority-present";
        const auto v = votes::open(l, *com, ask);
        const auto yes = static_cast<std::int64_t>(pick(a.present.size() + 1));
        votes::tally(l, v.id,
                     {{"yes", yes}, {"no", static_cast<std::int64_t>(a.present.size()) - yes}});
        votes::close(l, *com, v.id);
      }
      meetings::close(l, *com, m);
    }
  }
  ledger::Ledger l(path, ledger::Access::read, test::session("2027-01-05 10:00"));
  CHECK(ledger::verify(l).ok);
  std::vector<std::string> periods = {"2026",
                                      "2026-Q1",
                                      "2026-Q2",
                                      "2026-Q3",
                                      "2026-Q4",
                                      "2026-01-01..2026-12-31",
                                      "2025-12-01..2027-01-31"};
  for (int m = 1; m <= 12; ++m)
    periods.push_back(fmt::format("2026-{:02}", m));
  int compared = 0;
  for (const auto& text : periods) {
    CAPTURE(text);
    reports::Options o;
    REQUIRE(clock::parse_period(text));
    o.period = *clock::parse_period(text);
    auto rows = o;
    rows.use_tallies = false;
    const auto a = reports::compute(l, o);
    const auto b = reports::compute(l, rows);
    for (const auto& [id, f] : b.communities) {
      CAPTURE(id);
      CHECK(reports::to_json(a.communities.at(id)) == reports::to_json(f));
      CHECK(a.communities.at(id).days_to_resolve == f.days_to_resolve);
      ++compared;
    }
    CHECK(reports::to_json(a.all) == reports::to_json(b.all));
  }
  CHECK(compared == 2 * static_cast<int>(periods.size()));
  // The year saw every kind of step, so the comparison covered each figure.
  reports::Options year;
  year.period = *clock::parse_period("2026");
  const auto y = reports::compute(l, year).all;
  CHECK(y.accepted > 0);
  CHECK(y.rejected > 0);
  CHECK(y.merged > 0);
  CHECK(y.escalated > 0);
  CHECK(y.decided > 0);
  CHECK(y.resolved > 0);
  CHECK(y.closed > 0);
  CHECK(y.raised_and_solved > 0);
  CHECK(y.ratings > 0);
  CHECK(y.meetings_held > 0);
  CHECK(y.meetings_cancelled > 0);
  CHECK(y.votes_held > y.votes_passed);
  CHECK(y.votes_passed > 0);
}
