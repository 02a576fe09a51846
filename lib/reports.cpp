#include "consult/reports.hpp"

#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace consult::reports {

using nlohmann::json;

namespace {

Groups groups_of(const Options& o) {
  switch (o.dimension) {
  case Dimension::none:
    return Groups::all;
  case Dimension::kind:
    return Groups::meetings;
  case Dimension::category:
  case Dimension::channel:
    break;
  }
  return Groups::issues;
}

/// The statements of docs/reports.md, prepared once per ledger and run per
/// community with :c, :from, :to (and :old) bound. Each restricts to one
/// community so that it is a range over one of the report indexes. With a
/// dimension, each also groups by its value (the first column), so that one
/// pass gives the figures of every category, channel or meeting kind.
class Queries {
public:
  Queries(ledger::Ledger& ledger, const Options& o) : db_(ledger.db()), o_(o) {
    const auto from = clock::format_date(o.period.from);
    const auto to = clock::format_date(o.period.to);
    old_ = clock::format_date(
        clock::Date{std::chrono::sys_days(o.period.to) - std::chrono::days(o.older_days)});
    from_ = from;
    to_ = to;
    asof_ = o.today && *o.today < o.period.to ? clock::format_date(*o.today) : to;
    groups_ = groups_of(o);
    // The dimension's value of each row counted, per table; '' without one.
    std::string on_issue = "''", on_issue_ref = "''", on_meeting = "''", on_vote = "''";
    if (o.dimension == Dimension::category || o.dimension == Dimension::channel) {
      const char* col = o.dimension == Dimension::category ? "category" : "channel";
      on_issue = col;
      on_issue_ref = fmt::format("(SELECT i.{} FROM issue i WHERE i.id = issue)", col);
      on_vote = on_issue_ref;
    } else if (o.dimension == Dimension::kind) {
      on_meeting = "kind";
      on_vote = "(SELECT k.kind FROM meeting k WHERE k.id = meeting)";
    }
    const std::string by = o.dimension == Dimension::none ? "" : " GROUP BY 1";
    const bool issues = groups_ != Groups::meetings;
    const bool meetings = groups_ != Groups::issues;
    if (meetings) {
      meetings_ = prepare(R"sql(
        SELECT {}, kind, status, count(*) FROM meeting
        WHERE community = :c AND local_date BETWEEN :from AND :to
          AND status IN ('closed', 'cancelled') GROUP BY 1, 2, 3)sql",
                          on_meeting);
      // Members due at the meetings of their body: the council's by seat,
      // every body's by body ('' : informal, no one due).
      attendance_ = prepare(R"sql(
        SELECT {}, m.body, p.seat, sum(p.attendance IN ('present', 'proxy')), count(*)
        FROM meeting m JOIN meeting_person p ON p.meeting = m.id
        WHERE m.community = :c AND m.local_date BETWEEN :from AND :to AND m.status = 'closed'
          AND m.body <> '' AND p.role = 'member' GROUP BY 1, 2, 3)sql",
                            on_meeting == "kind" ? "m.kind" : "''");
    }
    if (issues) {
      raised_ = prepare(R"sql(
        SELECT {}, channel, category, count(*),
               coalesce(sum(resolved_on <= :to OR closed_on <= :to), 0)
        FROM issue WHERE community = :c AND raised_on BETWEEN :from AND :to
        GROUP BY 1, 2, 3)sql",
                        on_issue);
      // What was imported under other, as it was written: always from the
      // rows (a range of issue_raised_report, then the few rows of other).
      other_texts_ = prepare(R"sql(
        SELECT {}, channel, channel_text, category, category_text, count(*)
        FROM issue WHERE community = :c AND raised_on BETWEEN :from AND :to
          AND ((channel = 'other' AND channel_text <> '')
            OR (category = 'other' AND category_text <> ''))
        GROUP BY 1, 2, 3, 4, 5)sql",
                             on_issue);
      for (const char* step : {"accepted", "rejected", "merged", "escalated", "closed"})
        steps_.push_back(prepare(fmt::format(R"sql(
          SELECT {{}}, count(*) FROM issue
          WHERE community = :c AND {}_on BETWEEN :from AND :to{})sql",
                                             step, by),
                                 on_issue));
      decided_ = prepare(fmt::format(R"sql(
        SELECT {{}}, count(*), coalesce(sum(rounds), 0) FROM issue
        WHERE community = :c AND decided_on BETWEEN :from AND :to{})sql",
                                     by),
                         on_issue);
      resolved_ = prepare(R"sql(
        SELECT {}, CAST(julianday(resolved_on) - julianday(raised_on) AS INTEGER) AS days,
               count(*)
        FROM issue WHERE community = :c AND resolved_on BETWEEN :from AND :to
        GROUP BY 1, 2)sql",
                          on_issue);
      open_ = prepare(fmt::format(R"sql(
        SELECT {{}}, count(*) FROM issue
        WHERE community = :c AND status IN ('collected', 'accepted', 'consulting', 'decided',
                                            'implementing', 'escalated')
          AND raised_on <= :old{})sql",
                                  by),
                      on_issue);
      overdue_ = prepare(fmt::format(R"sql(
        SELECT {{}}, count(*) FROM action
        WHERE community = :c AND status <> 'done' AND due < :asof{})sql",
                                     by),
                         on_issue_ref);
      ratings_ = prepare(R"sql(
        SELECT {}, satisfaction, count(*) FROM issue_feedback
        WHERE community = :c AND on_date BETWEEN :from AND :to GROUP BY 1, 2)sql",
                         on_issue_ref);
    }
    votes_ = prepare(fmt::format(R"sql(
      SELECT {{}}, count(*), coalesce(sum(result = 'approved'), 0) FROM vote
      WHERE community = :c AND closed_on BETWEEN :from AND :to{})sql",
                                 by),
                     on_vote);
    // Whole months of the whole selection: most figures come from the
    // monthly tallies, a few rows per community and month (schema 7).
    const auto first = std::chrono::year_month_day{std::chrono::sys_days(o.period.from)};
    const auto last = std::chrono::year_month_day{std::chrono::sys_days(o.period.to)};
    if (o.use_tallies && o.dimension == Dimension::none && first.day() == std::chrono::day{1} &&
        last == std::chrono::year_month_day{last.year() / last.month() / std::chrono::last}) {
      from_month_ = from.substr(0, 7);
      to_month_ = to.substr(0, 7);
      meetings_.reset();
      attendance_.reset();
      raised_.reset();
      steps_.clear();
      resolved_.reset();
      ratings_.reset();
      votes_.reset();
      monthly_ = prepare(R"sql(
        SELECT '', figure, key, n FROM report_month
        WHERE community = :c AND month BETWEEN :from_month AND :to_month{})sql",
                         "");
    }
    if (o.dimension == Dimension::none)
      fund_ = prepare(R"sql(
        SELECT '', kind, coalesce(sum(CASE WHEN reverses IS NULL THEN amount ELSE -amount END), 0)
        FROM fund_entry WHERE community = :c AND book = '' AND quantity IS NULL
          AND on_date BETWEEN :from AND :to GROUP BY kind)sql",
                      "");
  }

  /// The figures of one community, by the dimension's value ("" without one).
  std::map<std::string, Figures> run(const std::string& community) {
    community_ = community;
    std::map<std::string, Figures> out;
    if (o_.dimension == Dimension::none) figures(out, "");
    each(meetings_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto n = q.getColumn(3).getInt64();
      if (q.getColumn(2).getString() == "closed") {
        f.meetings_held += n;
        f.meetings_by_kind[q.getColumn(1).getString()] += n;
      } else {
        f.meetings_cancelled += n;
      }
    });
    each(attendance_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto body = q.getColumn(1).getString();
      const auto present = q.getColumn(3).getInt64(), due = q.getColumn(4).getInt64();
      if (body == "council") {
        f.attendance[q.getColumn(2).getString()].first += present;
        f.attendance[q.getColumn(2).getString()].second += due;
      }
      f.attendance_by_body[body].first += present;
      f.attendance_by_body[body].second += due;
    });
    each(raised_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto n = q.getColumn(3).getInt64();
      f.issues_raised += n;
      f.raised_by_channel[q.getColumn(1).getString()] += n;
      f.raised_by_category[q.getColumn(2).getString()] += n;
      f.raised_and_solved += q.getColumn(4).getInt64();
    });
    each(other_texts_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto n = q.getColumn(5).getInt64();
      if (q.getColumn(1).getString() == "other" && !q.getColumn(2).getString().empty())
        f.other_channel_texts[q.getColumn(2).getString()] += n;
      if (q.getColumn(3).getString() == "other" && !q.getColumn(4).getString().empty())
        f.other_category_texts[q.getColumn(4).getString()] += n;
    });
    static constexpr std::int64_t Figures::*kSteps[] = {&Figures::accepted, &Figures::rejected,
                                                        &Figures::merged, &Figures::escalated,
                                                        &Figures::closed};
    for (std::size_t i = 0; i < steps_.size(); ++i)
      each(steps_[i], out,
           [&](Figures& f, SQLite::Statement& q) { f.*kSteps[i] += q.getColumn(1).getInt64(); });
    each(decided_, out, [&](Figures& f, SQLite::Statement& q) {
      f.decided += q.getColumn(1).getInt64();
      f.rounds_of_decided += q.getColumn(2).getInt64();
    });
    each(resolved_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto n = q.getColumn(2).getInt64();
      f.days_to_resolve[q.getColumn(1).getInt64()] += n;
      f.resolved += n;
    });
    each(open_, out,
         [&](Figures& f, SQLite::Statement& q) { f.open_older += q.getColumn(1).getInt64(); });
    each(overdue_, out,
         [&](Figures& f, SQLite::Statement& q) { f.overdue_actions += q.getColumn(1).getInt64(); });
    each(ratings_, out, [&](Figures& f, SQLite::Statement& q) {
      const auto level = q.getColumn(1).getInt();
      const auto n = q.getColumn(2).getInt64();
      if (level >= 1 && level <= 5) f.rating_counts[level - 1] += n;
      f.ratings += n;
    });
    each(votes_, out, [&](Figures& f, SQLite::Statement& q) {
      f.votes_held += q.getColumn(1).getInt64();
      f.votes_passed += q.getColumn(2).getInt64();
    });
    each(fund_, out, [&](Figures& f, SQLite::Statement& q) {
      (q.getColumn(1).getString() == "income" ? f.fund_income : f.fund_expense) +=
          q.getColumn(2).getInt64();
    });
    each(monthly_, out, [&](Figures& f, SQLite::Statement& q) { add_tally(f, q); });
    return out;
  }

private:
  using Stmt = std::unique_ptr<SQLite::Statement>;

  /// Adds one row of report_month (figure, key, n) to the figures.
  void add_tally(Figures& f, SQLite::Statement& q) {
    const std::string_view figure = q.getColumn(1).getText();
    const std::string key = q.getColumn(2).getString();
    const auto n = q.getColumn(3).getInt64();
    if (figure == "raised.channel") {
      f.issues_raised += n;
      f.raised_by_channel[key] += n;
    } else if (figure == "raised.category") {
      f.raised_by_category[key] += n;
    } else if (figure == "accepted") {
      f.accepted += n;
    } else if (figure == "rejected") {
      f.rejected += n;
    } else if (figure == "merged") {
      f.merged += n;
    } else if (figure == "escalated") {
      f.escalated += n;
    } else if (figure == "resolved") {
      f.resolved += n;
    } else if (figure == "closed") {
      f.closed += n;
    } else if (figure == "resolved.days") {
      f.days_to_resolve[std::stoll(key)] += n;
    } else if (figure == "solved") {
      if (key <= to_month_) f.raised_and_solved += n; // solved by the period's end
    } else if (figure == "rating") {
      const int level = std::stoi(key);
      if (level >= 1 && level <= 5) f.rating_counts[level - 1] += n;
      f.ratings += n;
    } else if (figure == "held") {
      f.meetings_held += n;
      f.meetings_by_kind[key] += n;
    } else if (figure == "cancelled") {
      f.meetings_cancelled += n;
    } else if (figure == "present") {
      f.attendance[key].first += n;
    } else if (figure == "due") {
      f.attendance[key].second += n;
    } else if (figure == "present.body") {
      f.attendance_by_body[key].first += n;
    } else if (figure == "due.body") {
      f.attendance_by_body[key].second += n;
    } else if (figure == "votes") {
      f.votes_held += n;
    } else if (figure == "passed") {
      f.votes_passed += n;
    } // "decided" comes with its rounds from the issue rows
  }

  Stmt prepare(const std::string& sql, const std::string& restriction) {
    return std::make_unique<SQLite::Statement>(db_, fmt::format(fmt::runtime(sql), restriction));
  }

  Figures& figures(std::map<std::string, Figures>& out, const std::string& key) {
    auto [it, fresh] = out.try_emplace(key);
    if (fresh) it->second.groups = groups_;
    return it->second;
  }

  /// Runs `q` for the community; `row(figures, q)` for each result, with the
  /// figures of the row's dimension value (rows without one are skipped:
  /// a vote without a meeting has no meeting kind).
  template <typename Fn> void each(const Stmt& q, std::map<std::string, Figures>& out, Fn row) {
    if (!q) return;
    q->reset();
    for (const auto& [name, value] : {std::pair{":c", &community_},
                                      {":from", &from_},
                                      {":to", &to_},
                                      {":old", &old_},
                                      {":asof", &asof_},
                                      {":from_month", &from_month_},
                                      {":to_month", &to_month_}}) {
      if (const int i = q->getIndex(name)) q->bind(i, *value);
    }
    while (q->executeStep()) {
      if (q->getColumn(0).isNull()) continue;
      row(figures(out, q->getColumn(0).getString()), *q);
    }
  }

  SQLite::Database& db_;
  const Options& o_;
  Groups groups_ = Groups::all;
  std::string community_, from_, to_, old_, asof_, from_month_, to_month_;
  Stmt other_texts_;
  Stmt meetings_, attendance_, raised_, decided_, resolved_, open_, overdue_, ratings_, votes_,
      fund_, monthly_;
  std::vector<Stmt> steps_;
};

std::string one_decimal(double v) {
  return fmt::format("{:.1f}", std::round(v * 10.0) / 10.0);
}

/// The communities of each ledger, and which of them the options select.
std::vector<std::vector<std::string>> selection(const std::vector<ledger::Ledger*>& ledgers,
                                                const Options& o) {
  std::vector<std::vector<std::string>> known(ledgers.size());
  std::map<std::string, std::string> where; // community → ledger path
  for (std::size_t i = 0; i < ledgers.size(); ++i) {
    SQLite::Statement q(ledgers[i]->db(), "SELECT id FROM community ORDER BY id");
    while (q.executeStep()) {
      const auto id = q.getColumn(0).getString();
      if (const auto [it, fresh] = where.emplace(id, ledgers[i]->path()); !fresh)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("community '{}' is in both '{}' and '{}'"), id, it->second,
                             ledgers[i]->path()),
                    "--ledger",
                    _("give each community's ledger once; merging copies would count twice"));
      known[i].push_back(id);
    }
  }
  for (const auto& id : o.communities)
    if (!where.count(id)) {
      std::string list;
      for (const auto& [k, path] : where)
        list += (list.empty() ? "" : ", ") + k;
      throw Error(ErrorKind::usage, i18n::tr(N_("community '{}' is not in the ledger"), id),
                  "--community",
                  list.empty() ? std::string(_("the ledger records no community yet"))
                               : i18n::tr(N_("communities in the ledger: {}"), list));
    }
  if (!o.communities.empty())
    for (auto& ids : known)
      std::erase_if(ids, [&](const std::string& id) {
        return std::find(o.communities.begin(), o.communities.end(), id) == o.communities.end();
      });
  return known;
}

} // namespace

Figures& Figures::operator+=(const Figures& o) {
  meetings_held += o.meetings_held;
  meetings_cancelled += o.meetings_cancelled;
  for (const auto& [k, n] : o.meetings_by_kind)
    meetings_by_kind[k] += n;
  issues_raised += o.issues_raised;
  for (const auto& [k, n] : o.raised_by_channel)
    raised_by_channel[k] += n;
  for (const auto& [k, n] : o.raised_by_category)
    raised_by_category[k] += n;
  for (const auto& [k, n] : o.other_channel_texts)
    other_channel_texts[k] += n;
  for (const auto& [k, n] : o.other_category_texts)
    other_category_texts[k] += n;
  accepted += o.accepted;
  rejected += o.rejected;
  merged += o.merged;
  escalated += o.escalated;
  decided += o.decided;
  resolved += o.resolved;
  closed += o.closed;
  raised_and_solved += o.raised_and_solved;
  rounds_of_decided += o.rounds_of_decided;
  for (const auto& [d, n] : o.days_to_resolve)
    days_to_resolve[d] += n;
  open_older += o.open_older;
  overdue_actions += o.overdue_actions;
  for (const auto& [body, pd] : o.attendance_by_body) {
    attendance_by_body[body].first += pd.first;
    attendance_by_body[body].second += pd.second;
  }
  for (const auto& [seat, pd] : o.attendance) {
    attendance[seat].first += pd.first;
    attendance[seat].second += pd.second;
  }
  ratings += o.ratings;
  for (int i = 0; i < 5; ++i)
    rating_counts[i] += o.rating_counts[i];
  votes_held += o.votes_held;
  votes_passed += o.votes_passed;
  fund_income += o.fund_income;
  fund_expense += o.fund_expense;
  return *this;
}

std::optional<std::int64_t> Figures::resolution_permille() const {
  if (issues_raised == 0) return std::nullopt;
  return (raised_and_solved * 2000 + issues_raised) / (2 * issues_raised);
}

namespace {
/// The value at 1-based rank `rank` of the histogram's sorted values.
std::int64_t at_rank(const std::map<std::int64_t, std::int64_t>& h, std::int64_t rank) {
  std::int64_t seen = 0;
  for (const auto& [value, n] : h) {
    seen += n;
    if (seen >= rank) return value;
  }
  return h.rbegin()->first;
}
} // namespace

std::optional<double> Figures::median_days() const {
  if (resolved == 0) return std::nullopt;
  const auto n = resolved;
  if (n % 2) return static_cast<double>(at_rank(days_to_resolve, n / 2 + 1));
  return static_cast<double>(at_rank(days_to_resolve, n / 2) +
                             at_rank(days_to_resolve, n / 2 + 1)) /
         2.0;
}

std::optional<std::int64_t> Figures::p90_days() const {
  if (resolved == 0) return std::nullopt;
  return at_rank(days_to_resolve, (9 * resolved + 9) / 10);
}

std::optional<double> Figures::rounds_per_decided() const {
  if (decided == 0) return std::nullopt;
  return static_cast<double>(rounds_of_decided) / static_cast<double>(decided);
}

std::optional<double> Figures::satisfaction() const {
  if (ratings == 0) return std::nullopt;
  std::int64_t sum = 0;
  for (int i = 0; i < 5; ++i)
    sum += (i + 1) * rating_counts[i];
  return static_cast<double>(sum) / static_cast<double>(ratings);
}

std::map<std::string, std::string> community_names(const std::vector<ledger::Ledger*>& ledgers) {
  std::map<std::string, std::string> out;
  for (auto* l : ledgers) {
    SQLite::Statement q(l->db(), "SELECT id, name FROM community ORDER BY id");
    while (q.executeStep())
      out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
  }
  return out;
}

Report compute(const std::vector<ledger::Ledger*>& ledgers, const Options& o) {
  const auto selected = selection(ledgers, o);
  Report r;
  r.all.groups = groups_of(o);
  for (std::size_t i = 0; i < ledgers.size(); ++i) {
    Queries q(*ledgers[i], o);
    for (const auto& id : selected[i]) {
      auto& community = r.communities[id];
      community.groups = r.all.groups;
      for (const auto& [key, f] : q.run(id)) {
        community += f;
        if (o.dimension != Dimension::none) {
          auto& row = r.by_key[key];
          row.groups = r.all.groups;
          row += f;
        }
      }
      r.all += community;
    }
  }
  return r;
}

Report compute(ledger::Ledger& ledger, const Options& o) {
  return compute(std::vector<ledger::Ledger*>{&ledger}, o);
}

std::optional<std::int64_t> Figures::attendance_permille() const {
  std::int64_t present = 0, due = 0;
  for (const auto& [seat, pd] : attendance) {
    present += pd.first;
    due += pd.second;
  }
  if (due == 0) return std::nullopt;
  return (present * 2000 + due) / (2 * due);
}

json to_json(const Figures& f) {
  json j = json::object();
  if (f.has_meetings()) {
    json attendance = json::object();
    for (const auto& [seat, pd] : f.attendance)
      attendance[seat] = {{"present", pd.first}, {"due", pd.second}};
    j["meetings_held"] = f.meetings_held;
    j["meetings_cancelled"] = f.meetings_cancelled;
    j["meetings_by_kind"] = f.meetings_by_kind;
    j["attendance"] = attendance;
    json by_body = json::object();
    for (const auto& [body, pd] : f.attendance_by_body)
      by_body[body] = {{"present", pd.first}, {"due", pd.second}};
    j["attendance_by_body"] = by_body;
    const auto rate = f.attendance_permille();
    j["attendance_rate"] =
        rate ? json(fmt::format("{}.{}%", *rate / 10, *rate % 10)) : json(nullptr);
  }
  if (f.has_issues()) {
    const auto rate = f.resolution_permille();
    const auto median = f.median_days();
    const auto p90 = f.p90_days();
    const auto rounds = f.rounds_per_decided();
    const auto mean = f.satisfaction();
    j["issues_raised"] = f.issues_raised;
    j["raised_by_channel"] = f.raised_by_channel;
    j["raised_by_category"] = f.raised_by_category;
    j["other_channel_texts"] = f.other_channel_texts;
    j["other_category_texts"] = f.other_category_texts;
    j["accepted"] = f.accepted;
    j["rejected"] = f.rejected;
    j["merged"] = f.merged;
    j["escalated"] = f.escalated;
    j["decided"] = f.decided;
    j["resolved"] = f.resolved;
    j["closed"] = f.closed;
    j["raised_and_solved"] = f.raised_and_solved;
    j["resolution_rate"] =
        rate ? json(fmt::format("{}.{}%", *rate / 10, *rate % 10)) : json(nullptr);
    j["median_days_to_resolve"] = median ? json(one_decimal(*median)) : json(nullptr);
    j["p90_days_to_resolve"] = p90 ? json(*p90) : json(nullptr);
    j["rounds_per_decided"] = rounds ? json(one_decimal(*rounds)) : json(nullptr);
    j["open_older"] = f.open_older;
    j["overdue_actions"] = f.overdue_actions;
    j["ratings"] = f.ratings;
    j["satisfaction"] = mean ? json(one_decimal(*mean)) : json(nullptr);
    j["rating_counts"] = std::vector<std::int64_t>(f.rating_counts, f.rating_counts + 5);
  }
  j["votes_held"] = f.votes_held;
  j["votes_passed"] = f.votes_passed;
  if (f.has_fund()) {
    j["fund_income"] = fund::format_amount(f.fund_income);
    j["fund_expense"] = fund::format_amount(f.fund_expense);
  }
  return j;
}

Dimension dimension_of(const std::string& by) {
  if (by == "category") return Dimension::category;
  if (by == "channel") return Dimension::channel;
  if (by == "kind") return Dimension::kind;
  return Dimension::none;
}

std::vector<Row> monthly(const std::vector<ledger::Ledger*>& ledgers, Options opt) {
  using namespace std::chrono;
  const auto p = opt.period;
  std::vector<Row> out;
  auto month = year_month{p.from.year(), p.from.month()};
  const auto last = year_month{p.to.year(), p.to.month()};
  for (; month <= last; month += months(1)) {
    opt.period.from = std::max(sys_days(month / 1), sys_days(p.from));
    opt.period.to = std::min(sys_days(month / std::chrono::last), sys_days(p.to));
    out.push_back({clock::format_date(opt.period.from).substr(0, 7), compute(ledgers, opt).all});
  }
  return out;
}

std::vector<Row> rows(const std::vector<ledger::Ledger*>& ledgers, const Options& options,
                      const std::string& by, const Report& whole) {
  std::vector<Row> out;
  if (by == "month") {
    out = monthly(ledgers, options);
  } else if (by == "community") {
    for (const auto& [id, f] : whole.communities)
      out.push_back({id, f});
  } else if (options.dimension != Dimension::none) {
    for (const auto& [key, f] : whole.by_key)
      out.push_back({key, f});
  }
  out.push_back({"", whole.all});
  return out;
}

json to_json(const Row& row, const clock::Period& period, const std::string& by) {
  auto j = to_json(row.f);
  j["period"] = {{"text", period.text},
                 {"from", clock::format_date(period.from)},
                 {"to", clock::format_date(period.to)}};
  if (!by.empty()) j[by] = row.key.empty() ? json(nullptr) : json(row.key);
  return j;
}

const std::vector<std::pair<const char*, const char*>>& figure_labels() {
  static const std::vector<std::pair<const char*, const char*>> k = {
      {"meetings_held", N_("meetings held")},
      {"meetings_cancelled", N_("meetings cancelled")},
      {"attendance_rate", N_("attendance rate of council members")},
      {"issues_raised", N_("issues raised")},
      {"accepted", N_("accepted")},
      {"rejected", N_("rejected")},
      {"merged", N_("merged")},
      {"escalated", N_("escalated")},
      {"decided", N_("decided")},
      {"resolved", N_("resolved")},
      {"closed", N_("closed")},
      {"raised_and_solved", N_("raised in the period and solved by its end")},
      {"resolution_rate", N_("resolution rate (raised in the period, solved by its end)")},
      {"median_days_to_resolve", N_("median days raised → resolved")},
      {"p90_days_to_resolve", N_("90th percentile days raised → resolved")},
      {"rounds_per_decided", N_("rounds per decided issue")},
      {"open_older", N_("open issues older than N days")},
      {"overdue_actions", N_("overdue actions")},
      {"ratings", N_("residents' ratings")},
      {"satisfaction", N_("satisfaction (mean of 1..5)")},
      {"votes_held", N_("votes held")},
      {"votes_passed", N_("votes passed")},
      {"fund_income", N_("fund income (yuan)")},
      {"fund_expense", N_("fund expenses (yuan)")}};
  return k;
}

std::string figure_label(const std::string& key, int older) {
  if (key == "open_older") return i18n::tr(N_("open issues older than {} days"), older);
  for (const auto& [k, label] : figure_labels())
    if (key == k) return _(label);
  return key;
}

} // namespace consult::reports
