// Fills a ledger with a street's two years of consultation through
// libconsult (real events, real hash chain, real projection), for the report
// benchmark:
//
//   consult_bench_street LEDGER CONFIG ISSUES MEETINGS
//
// Day by day from 2024-11-21, with the clock set to that day: issues raised
// over the configuration's communities in turn, each going through its life
// (accepted or rejected, some escalated; consulted, decided, carried out,
// resolved, rated, closed; a share stops on the way and stays open); council
// meetings with attendance, one in ten cancelled, one in twenty voting on an
// issue and recording an action (most done, some left overdue). A fixed seed
// makes the ledger the same every time.

#include "consult/actions.hpp"
#include "consult/config.hpp"
#include "consult/error.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"
#include "consult/meetings.hpp"
#include "consult/votes.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace consult;
using model::IssueAction;

namespace {

constexpr int kDays = 730;

struct Step {
  std::int64_t issue;
  IssueAction action;
  std::size_t community;
};

struct Pending {
  std::int64_t action;
  std::size_t community;
  bool done; ///< finished, or left overdue
};

} // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: consult_bench_street LEDGER CONFIG ISSUES MEETINGS\n");
    return 64;
  }
  const std::string path = argv[1];
  const auto cfg = config::load(argv[2]);
  const long n_issues = std::strtol(argv[3], nullptr, 10);
  const long n_meetings = std::strtol(argv[4], nullptr, 10);
  const auto& coms = cfg.communities;

  const auto first_day = std::chrono::sys_days{std::chrono::year{2024} / 11 / 21};
  auto session_on = [&](int day) {
    ledger::Session s;
    s.actor = "bench";
    const auto date = clock::format_date(clock::Date{first_day + std::chrono::days{day}});
    s.clock = clock::Clock(*clock::parse_instant(date + " 10:00", clock::kDefaultZone));
    return s;
  };
  ledger::Ledger::init(path, session_on(0));

  std::mt19937_64 rng(20261121);
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  auto within = [&](int lo, int hi) {
    return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };

  // When each issue is raised, and which community it belongs to.
  std::vector<std::vector<std::size_t>> raised(kDays);
  for (long i = 0; i < n_issues; ++i)
    raised[rng() % kDays].push_back(static_cast<std::size_t>(i) % coms.size());
  std::vector<std::vector<Step>> steps(kDays);
  auto later = [&](int day, int after, Step s) {
    if (day + after < kDays) steps[static_cast<std::size_t>(day + after)].push_back(s);
  };
  std::vector<std::vector<Pending>> actions(kDays);
  // Issues being consulted, per community: what a voting meeting takes up.
  std::vector<std::vector<std::int64_t>> consulting(coms.size());

  static const char* const kTitles[] = {
      "楼道灯不亮",     "屋顶漏水", "停车位不足",     "垃圾分类点太远", "儿童活动室开放时间",
      "电动车楼道充电", "噪音扰民", "绿化带缺少维护", "老人助餐点",     "单元门禁损坏"};
  const auto start = std::chrono::steady_clock::now();
  long issues_done = 0, meetings_done = 0, events_refused = 0;
  for (int day = 0; day < kDays; ++day) {
    ledger::Ledger l(path, ledger::Access::write, session_on(day));
    l.db().exec("PRAGMA synchronous = OFF"); // a fixture, not a record: fill fast
    const auto today = clock::format_date(clock::Date{first_day + std::chrono::days{day}});
    l.write([&] {
      for (const auto ci : raised[static_cast<std::size_t>(day)]) {
        const auto& c = coms[ci];
        issues::NewIssue issue;
        issue.title = fmt::format("{} #{}", kTitles[rng() % std::size(kTitles)], ++issues_done);
        issue.channel = c.channels[rng() % c.channels.size()].key;
        issue.category = c.categories[rng() % c.categories.size()].key;
        issue.place = fmt::format("{}号楼{}单元", rng() % 40 + 1, rng() % 6 + 1);
        issue.raised_by = "张小明";
        issue.phone = "13812341234";
        issue.raised_on = clock::Date{first_day + std::chrono::days{day}};
        const auto id = issues::add(l, c, issue);
        // Its life: the steps it will take, each a few days after the last.
        if (chance(10)) {
          later(day, within(1, 5), {id, IssueAction::reject, ci});
          continue;
        }
        if (chance(3)) {
          later(day, within(1, 5), {id, IssueAction::escalate, ci});
          later(day, within(20, 60), {id, IssueAction::close, ci});
          continue;
        }
        if (chance(5)) continue; // not yet looked at
        int at = within(1, 3);
        later(day, at, {id, IssueAction::accept, ci});
        if (chance(10)) continue;
        later(day, at += within(2, 10), {id, IssueAction::consult, ci});
        if (chance(15)) continue;
        later(day, at += within(7, 40), {id, IssueAction::decide, ci});
        if (chance(10)) continue;
        later(day, at += within(1, 5), {id, IssueAction::implement, ci});
        later(day, at += within(5, 60), {id, IssueAction::resolve, ci});
        if (chance(60)) later(day, at += within(3, 20), {id, IssueAction::close, ci});
      }
      for (const auto& s : steps[static_cast<std::size_t>(day)]) {
        try {
          issues::Change ch{s.action};
          if (s.action == IssueAction::reject) ch.reason = "不属于社区事务";
          if (s.action == IssueAction::escalate) {
            ch.reason = "需要街道协调";
            ch.level = "street";
          }
          if (s.action == IssueAction::close &&
              issues::get(l, s.issue).status == model::IssueStatus::resolved &&
              issues::feedbacks(l, s.issue).empty())
            issues::feedback(l, s.issue, within(1, 5), ""); // rated when it is closed
          issues::change(l, s.issue, ch);
          if (s.action == IssueAction::consult) consulting[s.community].push_back(s.issue);
          if (s.action == IssueAction::resolve && chance(50))
            issues::feedback(l, s.issue, within(2, 5), "");
        } catch (const Error&) {
          ++events_refused; // a vote took it elsewhere first
        }
      }
      // Council meetings: about MEETINGS / 730 a day across the street.
      const long today_meetings = (n_meetings * (day + 1)) / kDays - (n_meetings * day) / kDays;
      for (long k = 0; k < today_meetings; ++k) {
        const auto ci = static_cast<std::size_t>(meetings_done) % coms.size();
        const auto& c = coms[ci];
        static const char* const kTimes[] = {"09:00", "14:30", "19:30"};
        meetings::PlanRequest r;
        r.kind = "council";
        r.at = fmt::format("{} {}", today,
                           kTimes[(static_cast<std::size_t>(meetings_done) / coms.size()) % 3]);
        const bool votes = chance(5) && !consulting[ci].empty();
        if (votes) r.issues = {consulting[ci].back()};
        ++meetings_done;
        meetings::Meeting m;
        try {
          m = meetings::plan(l, c, r).meeting;
        } catch (const Error&) {
          ++events_refused;
          continue;
        }
        if (!votes && chance(10)) {
          meetings::cancel(l, m.id, "天气原因");
          continue;
        }
        meetings::Attendance a;
        bool first = true;
        for (const auto& person : m.people)
          if (person.role == "member") {
            (first && chance(30) ? a.absent : a.present).push_back(person.name);
            first = false;
          }
        meetings::attend(l, c, m.id, a);
        if (votes) {
          const auto issue = consulting[ci].back();
          consulting[ci].pop_back();
          try {
            votes::OpenRequest ask;
            ask.meeting = m.id;
            ask.issue = issue;
            ask.question = "同意实施方案";
            ask.method = "show-of-hands";
            const auto v = votes::open(l, c, ask);
            const auto yes = static_cast<std::int64_t>(a.present.size()) - 1;
            votes::tally(l, v.id, {{"yes", yes}, {"no", 1}});
            const auto closed = votes::close(l, c, v.id);
            if (closed.vote.result == "approved") {
              const auto act = actions::add(l, c, closed.decision.id, "物业", "按决议实施",
                                            clock::Date{first_day + std::chrono::days{day + 30}});
              if (day + 20 < kDays)
                actions[static_cast<std::size_t>(day + 20)].push_back({act.id, ci, chance(70)});
            }
          } catch (const Error&) {
            ++events_refused;
          }
        }
        meetings::close(l, c, m.id);
      }
      for (const auto& p : actions[static_cast<std::size_t>(day)])
        if (p.done) {
          try {
            actions::done(l, coms[p.community], p.action, "已完成");
          } catch (const Error&) {
            ++events_refused;
          }
        }
    });
    if ((day + 1) % 73 == 0)
      std::fprintf(stderr, "day %d of %d: %ld issues, %ld meetings\n", day + 1, kDays, issues_done,
                   meetings_done);
    if (day + 1 == kDays) l.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "filled %ld issues and %ld meetings in %.1f s (%ld steps refused)\n",
               issues_done, meetings_done, secs, events_refused);
  return 0;
}
