#include "consult/notices.hpp"

#include "consult/people.hpp"
#include "consult/personal.hpp"

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/events_issue.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/minutes.hpp"
#include "consult/personal.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"
#include "consult/votes.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstdlib>

namespace consult::notices {

using document::Block;
using nlohmann::json;
using Kind = Block::Kind;

namespace {

const config::Community& community_of(const config::Config& config, const std::string& id) {
  const auto* c = config.find(id);
  if (!c)
    throw Error(ErrorKind::config,
                i18n::tr(N_("community '{}' is not in the configuration"), text::quote_input(id)),
                config.path);
  return *c;
}

/// Blocks as the requested format's bytes.
std::string write(const std::vector<Block>& b, const document::Stamp& stamp) {
  if (stamp.format == "md") return document::markdown(b, stamp);
  if (stamp.format == "html") return document::html(b, stamp, "zh-CN");
  if (stamp.format == "docx") return document::docx(b, stamp, "zh");
  throw Error(ErrorKind::usage,
              i18n::tr(N_("unknown format '{}'"), text::quote_input(stamp.format)), "format",
              _("use md, html or docx"));
}

} // namespace

std::vector<Block> decision(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
                            int days, const std::string& issued_on, bool typed,
                            personal::TextRules rules, bool by_body) {
  if (days < 1 || days > kMaxDays)
    throw Error(ErrorKind::usage,
                i18n::tr(N_("a disclosure period of {} days: use 1 to {}"), days, kMaxDays),
                "days");
  const auto d = decisions::get(ledger, id);
  if (d.community != c.id) throw Error(ErrorKind::internal, "decision of another community");
  const auto issue = issues::get(ledger, d.issue);
  // Writer 2: the residents the issue records (whoever raised it, its
  // stakeholders) and any phone or ID number masked in the free text too.
  std::vector<std::string> residents;
  const people::Directory who(c);
  if (typed) {
    residents.push_back(issue.raised_by);
    for (const auto& s : issue.stakeholders)
      if (who.kind_of(s, people::Field::resident) == people::Kind::resident)
        residents.push_back(s);
  }
  if (typed && d.meeting) {
    // The meeting's residents who took part, and its chair or recorder if a
    // resident, are named in no notice either.
    const auto m = meetings::get(ledger, *d.meeting);
    for (const auto& p : m.people)
      if (p.role == "resident" || p.role == "stakeholder") residents.push_back(p.name);
    for (const auto& x : {m.chair, m.recorder})
      if (who.kind_of(x, people::Field::proxy) == people::Kind::resident) residents.push_back(x);
    // Writer 3: every resident the meeting records (whoever raised the
    // other issues on its agenda too), as its public minutes mask them.
    if (rules == personal::TextRules::current) {
      const auto of_meeting = meetings::residents(c, m);
      residents.insert(residents.end(), of_meeting.begin(), of_meeting.end());
    }
  }
  if (typed && d.vote) {
    const auto v = votes::get(ledger, *d.vote);
    if (v.electorate == "roster") // owners who voted
      for (const auto& b : v.ballots)
        residents.push_back(b.voter);
  }
  actions::Filter af;
  af.decision = d.id;
  const auto acts = actions::list(ledger, af);
  if (typed)
    for (const auto& a : acts) // those who carry it out, when residents
      if (who.kind_of(a.owner, people::Field::proxy) == people::Kind::resident)
        residents.push_back(a.owner);
  auto free = [&](const std::string& t) {
    return typed ? personal::mask_in_text(t, residents, rules) : t;
  };
  std::vector<Block> out;
  out.push_back({Kind::title, i18n::tr(N_("{}: public notice of a decision"), c.name)});
  Block f{Kind::fields};
  f.rows.push_back({_("Matter"), i18n::tr(N_("{} (issue {})"), free(issue.title), issue.id)});
  f.rows.push_back(
      {_("Raised"), i18n::tr(N_("{}, {}, by {} resident(s)"),
                             config::label_or_key(c.channel(issue.channel), issue.channel),
                             issue.raised_on, issue.raised_count)});
  if (!issue.place.empty())
    f.rows.push_back({_("Place"), typed ? personal::mask_place(issue.place)
                                        : people::legacy::mask_place(issue.place)});
  f.rows.push_back(
      {_("Decision"), fmt::format("{}: {}", i18n::key_label(d.result), free(d.text))});
  f.rows.push_back({_("Decided on"), d.on_date});
  if (d.meeting) {
    const auto m = meetings::get(ledger, *d.meeting);
    f.rows.push_back(
        {_("Meeting"),
         fmt::format("{} {} ({})", m.id, free(m.title), render::short_time(m.starts_at))});
  }
  if (d.vote) {
    const auto v = votes::get(ledger, *d.vote);
    std::string counts;
    for (const auto& [k, n] : v.counts)
      counts += (counts.empty() ? "" : ", ") + fmt::format("{} {}", k, n);
    const auto profile = config::find_profile(c, v.profile);
    f.rows.push_back({_("Vote"), fmt::format("{} ({}, {})", free(v.question), v.method,
                                             profile ? profile->label : v.profile)});
    f.rows.push_back({_("Counts"), free(counts)});
  }
  f.rows.push_back({_("Reasoning"), free(d.reason)});
  out.push_back(f);
  if (!acts.empty()) {
    Block t{Kind::table};
    t.header = {_("Who"), _("What"), _("By")};
    for (const auto& a : acts)
      t.rows.push_back({typed ? who.shown(a.owner, people::Field::proxy) : a.owner, free(a.what),
                        a.due});
    out.push_back({Kind::heading, _("How it will be carried out")});
    out.push_back(t);
  }
  const auto from = clock::parse_date(issued_on);
  if (!from) throw Error(ErrorKind::internal, "bad notice date " + issued_on);
  const auto to = clock::Date{std::chrono::sys_days(*from) + std::chrono::days(days - 1)};
  // Who decided signs (writer 4): the body of the meeting it was taken at,
  // or for an owners' vote without a meeting the owners' assembly; the
  // council's notices as before unless its file names a signer.
  const config::Body* body = nullptr;
  if (by_body) {
    if (d.meeting) body = meetings::body_of(c, meetings::get(ledger, *d.meeting));
    if (!body && d.profile == "civil-code-278")
      for (const auto& b : c.bodies)
        if (b.type == "owners-assembly") {
          body = &b;
          break;
        }
  }
  const std::string committee = c.name + std::string(_(" residents' committee"));
  const std::string signer = body && !body->signs.empty() ? body->signs : committee;
  const std::string objections =
      body && !body->objections_to.empty() ? body->objections_to : std::string();
  const bool owners = body && body->electorate == "owners";
  if (objections.empty())
    out.push_back(
        {Kind::note, i18n::tr(N_("Disclosed from {} to {} ({} days). Residents with objections may "
                                 "raise them with the residents' committee within this period."),
                              issued_on, clock::format_date(to), days)});
  else
    out.push_back(
        {Kind::note,
         i18n::tr(owners ? N_("Disclosed from {from} to {to} ({days} days). Owners with objections "
                              "may raise them with {body} within this period.")
                         : N_("Disclosed from {from} to {to} ({days} days). Residents with "
                              "objections may raise them with {body} within this period."),
                  fmt::arg("from", issued_on), fmt::arg("to", clock::format_date(to)),
                  fmt::arg("days", days), fmt::arg("body", objections))});
  Block sig{Kind::signatures};
  sig.rows = {{signer, std::string(_("Date"))}};
  out.push_back(sig);
  return out;
}

std::vector<Block> results(ledger::Ledger& ledger, const config::Community& c,
                           const clock::Period& p, bool typed, personal::TextRules rules) {
  // Writer 2: in titles and decisions, the residents each issue records and
  // any phone, ID number or door masked.
  const people::Directory who(c);
  auto free = [&](std::int64_t issue_id, const std::string& t,
                  std::optional<std::int64_t> meeting = std::nullopt) {
    if (!typed) return t;
    const auto issue = issues::get(ledger, issue_id);
    std::vector<std::string> residents = {issue.raised_by};
    for (const auto& s : issue.stakeholders)
      if (who.kind_of(s, people::Field::resident) == people::Kind::resident)
        residents.push_back(s);
    if (meeting) {
      const auto of_meeting = meetings::residents(c, meetings::get(ledger, *meeting));
      residents.insert(residents.end(), of_meeting.begin(), of_meeting.end());
    }
    return personal::mask_in_text(t, residents, rules);
  };
  const auto from = clock::format_date(p.from), to = clock::format_date(p.to);
  std::vector<Block> out;
  out.push_back({Kind::title, i18n::tr(N_("{}: results of consultation, {}"), c.name, p.text)});
  // Meetings held, by kind.
  Block held{Kind::table};
  held.header = {_("Meetings held"), _("Number")};
  {
    SQLite::Statement q(ledger.db(), "SELECT kind, count(*) FROM meeting WHERE community = ? AND "
                                     "status = 'closed' AND local_date BETWEEN ? AND ? "
                                     "GROUP BY kind ORDER BY kind");
    q.bind(1, c.id);
    q.bind(2, from);
    q.bind(3, to);
    while (q.executeStep())
      held.rows.push_back({config::label_or_key(c.meeting_kind(q.getColumn(0).getString()),
                                                q.getColumn(0).getString()),
                           std::to_string(q.getColumn(1).getInt64())});
  }
  Block f{Kind::fields};
  f.rows.push_back({_("Period"), from + " – " + to});
  out.push_back(f);
  out.push_back({Kind::heading, _("Meetings")});
  if (held.rows.empty())
    out.push_back({Kind::paragraph, _("No meetings were held in the period.")});
  else
    out.push_back(held);

  out.push_back({Kind::heading, _("Decisions")});
  Block dec{Kind::table};
  dec.header = {_("No."), _("Date"), _("Matter"), _("Decision"), _("Result")};
  {
    SQLite::Statement q(ledger.db(),
                        "SELECT d.id, d.on_date, i.title, d.text, d.result, i.id, d.meeting "
                        "FROM decision d JOIN issue i ON i.id = d.issue WHERE d.community = ? "
                        "AND d.on_date BETWEEN ? AND ? ORDER BY d.on_date, d.id");
    q.bind(1, c.id);
    q.bind(2, from);
    q.bind(3, to);
    while (q.executeStep()) {
      // Writer 3: a decision taken at a meeting masks every resident the
      // meeting records, as its public minutes do.
      std::optional<std::int64_t> meeting;
      if (rules == personal::TextRules::current && !q.getColumn(6).isNull())
        meeting = q.getColumn(6).getInt64();
      dec.rows.push_back({std::to_string(q.getColumn(0).getInt64()), q.getColumn(1).getString(),
                          free(q.getColumn(5).getInt64(), q.getColumn(2).getString()),
                          free(q.getColumn(5).getInt64(), q.getColumn(3).getString(), meeting),
                          q.getColumn(4).getString()});
    }
  }
  if (dec.rows.empty())
    out.push_back({Kind::paragraph, _("No decisions in the period.")});
  else
    out.push_back(dec);

  out.push_back({Kind::heading, _("Matters solved")});
  Block solved{Kind::table};
  solved.header = {_("Issue"), _("Matter"), _("Solved on"), _("Residents' rating")};
  {
    // Solved: the issue.resolve event dated in the period (local date of the event).
    SQLite::Statement q(ledger.db(), R"sql(
      SELECT i.id, i.title, substr(e.at, 1, 10),
             (SELECT round(avg(satisfaction), 1) FROM issue_feedback f WHERE f.issue = i.id),
             (SELECT count(*) FROM issue_feedback f WHERE f.issue = i.id)
      FROM event e JOIN issue i ON e.entity = 'issue:' || i.id
      WHERE e.kind = ?4 AND i.community = ?1 AND substr(e.at, 1, 10) BETWEEN ?2 AND ?3
      ORDER BY e.seq)sql");
    q.bind(1, c.id);
    q.bind(2, from);
    q.bind(3, to);
    q.bind(4, std::string(events::transition_kind(model::IssueAction::resolve)));
    while (q.executeStep())
      solved.rows.push_back({std::to_string(q.getColumn(0).getInt64()),
                             free(q.getColumn(0).getInt64(), q.getColumn(1).getString()),
                             q.getColumn(2).getString(),
                             q.getColumn(4).getInt64() == 0
                                 ? std::string("-")
                                 : i18n::tr(N_("{}/5 ({} rating(s))"), q.getColumn(3).getDouble(),
                                            q.getColumn(4).getInt64())});
  }
  if (solved.rows.empty())
    out.push_back({Kind::paragraph, _("No matters were solved in the period.")});
  else
    out.push_back(solved);
  Block sig{Kind::signatures};
  sig.rows = {{c.name + std::string(_(" residents' committee")), std::string(_("Date"))}};
  out.push_back(sig);
  return out;
}

std::string render(ledger::Ledger& ledger, const config::Config& config,
                   const document::Stamp& stamp) {
  const auto space = stamp.subject.find(' ');
  if (space == std::string::npos)
    throw Error(ErrorKind::data, i18n::tr(N_("the export's stamp names '{}'"), stamp.subject));
  const auto first = stamp.subject.substr(0, space), second = stamp.subject.substr(space + 1);
  if (stamp.kind == "decision-notice") {
    const auto id = std::strtoll(first.c_str(), nullptr, 10);
    const auto days = static_cast<int>(std::strtol(second.c_str(), nullptr, 10));
    // As consult writes them: "12 7", never "012 +7".
    if (id <= 0 || std::to_string(id) != first || std::to_string(days) != second)
      throw Error(ErrorKind::data, i18n::tr(N_("the export's stamp names '{}'"), stamp.subject));
    const auto d = decisions::get(ledger, id);
    const auto& c = community_of(config, d.community);
    return write(decision(ledger, c, id, days, stamp.at.substr(0, 10),
                          document::typed_persons(stamp), document::text_rules(stamp),
                          document::signed_by_body(stamp)),
                 stamp);
  }
  if (stamp.kind == "results-notice") {
    const auto p = clock::parse_period(second);
    if (!p)
      throw Error(ErrorKind::data, i18n::tr(N_("the export's stamp names '{}'"), stamp.subject));
    return write(results(ledger, community_of(config, first), *p, document::typed_persons(stamp),
                         document::text_rules(stamp)),
                 stamp);
  }
  throw Error(ErrorKind::data, i18n::tr(N_("unknown kind of export '{}'"), stamp.kind));
}

} // namespace consult::notices
