#include "consult/reports.hpp"

#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace consult::reports {

using nlohmann::json;

namespace {

/// The set of communities a query covers, bound as a JSON array: every
/// query below reads `community IN (SELECT value FROM json_each(:c))`.
struct Scope {
  std::string communities; ///< JSON array
  std::string from, to;    ///< YYYY-MM-DD
  std::string older_than;  ///< raised on or before this date counts as old
};

/// Runs `sql` with :c, :from, :to (and :old) bound; calls `row` per result.
template <typename Fn> void each(ledger::Ledger& ledger, const Scope& s, const char* sql, Fn row) {
  SQLite::Statement q(ledger.db(), sql);
  const std::string text(sql);
  if (text.find(":c") != std::string::npos) q.bind(":c", s.communities);
  if (text.find(":from") != std::string::npos) q.bind(":from", s.from);
  if (text.find(":to") != std::string::npos) q.bind(":to", s.to);
  if (text.find(":old") != std::string::npos) q.bind(":old", s.older_than);
  while (q.executeStep())
    row(q);
}

std::int64_t count(ledger::Ledger& ledger, const Scope& s, const char* sql) {
  std::int64_t n = 0;
  each(ledger, s, sql, [&](SQLite::Statement& q) { n = q.getColumn(0).getInt64(); });
  return n;
}

/// Issues with an `issue.<step>` event dated in the period.
std::int64_t steps(ledger::Ledger& ledger, const Scope& s, const std::string& step) {
  const auto sql = fmt::format(R"sql(
    SELECT count(DISTINCT i.id) FROM event e JOIN issue i ON e.entity = 'issue:' || i.id
    WHERE e.kind = 'issue.{}' AND i.community IN (SELECT value FROM json_each(:c))
      AND substr(e.at, 1, 10) BETWEEN :from AND :to)sql",
                               step);
  return count(ledger, s, sql.c_str());
}

Figures figures(ledger::Ledger& ledger, const Scope& s) {
  Figures f;
  each(ledger, s, R"sql(
    SELECT kind, status, count(*) FROM meeting
    WHERE community IN (SELECT value FROM json_each(:c)) AND local_date BETWEEN :from AND :to
      AND status IN ('closed', 'cancelled') GROUP BY kind, status)sql",
       [&](SQLite::Statement& q) {
         const auto n = q.getColumn(2).getInt64();
         if (q.getColumn(1).getString() == "closed") {
           f.meetings_held += n;
           f.meetings_by_kind[q.getColumn(0).getString()] += n;
         } else {
           f.meetings_cancelled += n;
         }
       });
  each(ledger, s, R"sql(
    SELECT channel, category, count(*) FROM issue
    WHERE community IN (SELECT value FROM json_each(:c)) AND raised_on BETWEEN :from AND :to
    GROUP BY channel, category)sql",
       [&](SQLite::Statement& q) {
         const auto n = q.getColumn(2).getInt64();
         f.issues_raised += n;
         f.raised_by_channel[q.getColumn(0).getString()] += n;
         f.raised_by_category[q.getColumn(1).getString()] += n;
       });
  f.accepted = steps(ledger, s, "accept");
  f.rejected = steps(ledger, s, "reject");
  f.merged = steps(ledger, s, "merge");
  f.escalated = steps(ledger, s, "escalate");
  f.decided = steps(ledger, s, "decide");
  f.resolved = steps(ledger, s, "resolve");
  f.closed = steps(ledger, s, "close");
  f.raised_and_solved = count(ledger, s, R"sql(
    SELECT count(*) FROM issue i
    WHERE i.community IN (SELECT value FROM json_each(:c)) AND i.raised_on BETWEEN :from AND :to
      AND EXISTS (SELECT 1 FROM event e WHERE e.entity = 'issue:' || i.id
                  AND e.kind IN ('issue.resolve', 'issue.close') AND substr(e.at, 1, 10) <= :to))sql");
  std::vector<std::int64_t> days;
  each(ledger, s, R"sql(
    SELECT CAST(julianday(min(substr(e.at, 1, 10))) - julianday(i.raised_on) AS INTEGER)
    FROM event e JOIN issue i ON e.entity = 'issue:' || i.id
    WHERE e.kind = 'issue.resolve' AND i.community IN (SELECT value FROM json_each(:c))
      AND substr(e.at, 1, 10) BETWEEN :from AND :to
    GROUP BY i.id)sql",
       [&](SQLite::Statement& q) { days.push_back(q.getColumn(0).getInt64()); });
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    const auto n = days.size();
    f.median_days = n % 2 ? static_cast<double>(days[n / 2])
                          : static_cast<double>(days[n / 2 - 1] + days[n / 2]) / 2.0;
    // Nearest rank: the smallest value with at least 90 % of them at or below it.
    f.p90_days = days[(9 * n + 9) / 10 - 1];
  }
  each(ledger, s, R"sql(
    SELECT avg(i.rounds) FROM issue i
    WHERE i.community IN (SELECT value FROM json_each(:c))
      AND EXISTS (SELECT 1 FROM event e WHERE e.entity = 'issue:' || i.id
                  AND e.kind = 'issue.decide' AND substr(e.at, 1, 10) BETWEEN :from AND :to))sql",
       [&](SQLite::Statement& q) {
         if (!q.getColumn(0).isNull()) f.rounds_per_decided = q.getColumn(0).getDouble();
       });
  f.open_older = count(ledger, s, R"sql(
    SELECT count(*) FROM issue
    WHERE community IN (SELECT value FROM json_each(:c)) AND raised_on <= :old
      AND status NOT IN ('rejected', 'merged', 'resolved', 'closed'))sql");
  f.overdue_actions = count(ledger, s, R"sql(
    SELECT count(*) FROM action
    WHERE community IN (SELECT value FROM json_each(:c)) AND status <> 'done' AND due < :to)sql");
  each(ledger, s, R"sql(
    SELECT p.seat, sum(p.attendance IN ('present', 'proxy')), count(*)
    FROM meeting_person p JOIN meeting m ON m.id = p.meeting
    WHERE m.community IN (SELECT value FROM json_each(:c)) AND m.status = 'closed'
      AND m.local_date BETWEEN :from AND :to AND p.role = 'member'
    GROUP BY p.seat)sql",
       [&](SQLite::Statement& q) {
         f.attendance[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(),
                                                     q.getColumn(2).getInt64()};
       });
  each(ledger, s, R"sql(
    SELECT fb.satisfaction, count(*) FROM issue_feedback fb JOIN issue i ON i.id = fb.issue
    WHERE i.community IN (SELECT value FROM json_each(:c))
      AND substr(fb.at, 1, 10) BETWEEN :from AND :to
    GROUP BY fb.satisfaction)sql",
       [&](SQLite::Statement& q) {
         const auto level = q.getColumn(0).getInt();
         const auto n = q.getColumn(1).getInt64();
         if (level >= 1 && level <= 5) f.rating_counts[level - 1] = n;
         f.ratings += n;
       });
  if (f.ratings > 0) {
    std::int64_t sum = 0;
    for (int i = 0; i < 5; ++i)
      sum += (i + 1) * f.rating_counts[i];
    f.satisfaction = static_cast<double>(sum) / static_cast<double>(f.ratings);
  }
  each(ledger, s, R"sql(
    SELECT count(*), coalesce(sum(v.result = 'approved'), 0) FROM vote v JOIN event e
      ON e.entity = 'vote:' || v.id AND e.kind = 'vote.close'
    WHERE v.community IN (SELECT value FROM json_each(:c))
      AND substr(e.at, 1, 10) BETWEEN :from AND :to)sql",
       [&](SQLite::Statement& q) {
         f.votes_held = q.getColumn(0).getInt64();
         f.votes_passed = q.getColumn(1).getInt64();
       });
  each(ledger, s, R"sql(
    SELECT kind, coalesce(sum(CASE WHEN reverses IS NULL THEN amount ELSE -amount END), 0)
    FROM fund_entry WHERE community IN (SELECT value FROM json_each(:c))
      AND on_date BETWEEN :from AND :to GROUP BY kind)sql",
       [&](SQLite::Statement& q) {
         (q.getColumn(0).getString() == "income" ? f.fund_income : f.fund_expense) =
             q.getColumn(1).getInt64();
       });
  return f;
}

std::string one_decimal(double v) {
  return fmt::format("{:.1f}", std::round(v * 10.0) / 10.0);
}

} // namespace

std::optional<std::int64_t> Figures::resolution_permille() const {
  if (issues_raised == 0) return std::nullopt;
  return (raised_and_solved * 2000 + issues_raised) / (2 * issues_raised);
}

std::map<std::string, Figures> compute(ledger::Ledger& ledger, const Options& o) {
  std::vector<std::string> known;
  {
    SQLite::Statement q(ledger.db(), "SELECT id FROM community ORDER BY id");
    while (q.executeStep())
      known.push_back(q.getColumn(0).getString());
  }
  std::vector<std::string> ids = o.communities;
  for (const auto& id : ids)
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      std::string list;
      for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
      throw Error(ErrorKind::usage, i18n::tr(N_("community '{}' is not in the ledger"), id),
                  "--community",
                  list.empty() ? std::string(_("the ledger records no community yet"))
                               : i18n::tr(N_("communities in the ledger: {}"), list));
    }
  if (ids.empty()) ids = known;
  Scope s;
  s.from = clock::format_date(o.period.from);
  s.to = clock::format_date(o.period.to);
  s.older_than = clock::format_date(
      clock::Date{std::chrono::sys_days(o.period.to) - std::chrono::days(o.older_days)});
  std::map<std::string, Figures> out;
  for (const auto& id : ids) {
    s.communities = json::array({id}).dump();
    out[id] = figures(ledger, s);
  }
  s.communities = json(ids).dump();
  out[""] = figures(ledger, s);
  return out;
}

json to_json(const Figures& f) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  json attendance = json::object();
  for (const auto& [seat, pd] : f.attendance)
    attendance[seat] = {{"present", pd.first}, {"due", pd.second}};
  const auto rate = f.resolution_permille();
  return {
      {"meetings_held", f.meetings_held},
      {"meetings_cancelled", f.meetings_cancelled},
      {"meetings_by_kind", f.meetings_by_kind},
      {"issues_raised", f.issues_raised},
      {"raised_by_channel", f.raised_by_channel},
      {"raised_by_category", f.raised_by_category},
      {"accepted", f.accepted},
      {"rejected", f.rejected},
      {"merged", f.merged},
      {"escalated", f.escalated},
      {"decided", f.decided},
      {"resolved", f.resolved},
      {"closed", f.closed},
      {"raised_and_solved", f.raised_and_solved},
      {"resolution_rate",
       rate ? json(fmt::format("{}.{}%", *rate / 10, *rate % 10)) : json(nullptr)},
      {"median_days_to_resolve", f.median_days ? json(one_decimal(*f.median_days)) : json(nullptr)},
      {"p90_days_to_resolve", opt(f.p90_days)},
      {"rounds_per_decided",
       f.rounds_per_decided ? json(one_decimal(*f.rounds_per_decided)) : json(nullptr)},
      {"open_older", f.open_older},
      {"overdue_actions", f.overdue_actions},
      {"attendance", attendance},
      {"ratings", f.ratings},
      {"satisfaction", f.satisfaction ? json(one_decimal(*f.satisfaction)) : json(nullptr)},
      {"rating_counts", std::vector<std::int64_t>(f.rating_counts, f.rating_counts + 5)},
      {"votes_held", f.votes_held},
      {"votes_passed", f.votes_passed},
      {"fund_income", fund::format_amount(f.fund_income)},
      {"fund_expense", fund::format_amount(f.fund_expense)}};
}

} // namespace consult::reports
