#include "consult/issues.hpp"

#include "consult/error.hpp"
#include "consult/events_ledger.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/personal.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>

#include <set>

namespace consult::issues {

using model::Issue;
using model::IssueAction;
using model::IssueStatus;
using nlohmann::json;

namespace {

constexpr const char* kIssueColumns =
    "id, community, title, body, channel, category, place, raised_by, phone, raised_on, "
    "raised_count, status, rounds, merged_into, escalated_to, reason, created_at, updated_at, "
    "created_seq, updated_seq, channel_text, category_text, extra, import_seq, source_row, "
    "priority";

Issue read_issue(SQLite::Statement& q) {
  Issue i;
  i.id = q.getColumn(0).getInt64();
  i.community = q.getColumn(1).getString();
  i.title = q.getColumn(2).getString();
  i.body = q.getColumn(3).getString();
  i.channel = q.getColumn(4).getString();
  i.category = q.getColumn(5).getString();
  i.place = q.getColumn(6).getString();
  i.raised_by = q.getColumn(7).getString();
  i.phone = q.getColumn(8).getString();
  i.raised_on = q.getColumn(9).getString();
  i.raised_count = q.getColumn(10).getInt();
  i.status = model::parse_status(q.getColumn(11).getString()).value_or(IssueStatus::collected);
  i.rounds = q.getColumn(12).getInt();
  if (!q.getColumn(13).isNull()) i.merged_into = q.getColumn(13).getInt64();
  i.escalated_to = q.getColumn(14).getString();
  i.reason = q.getColumn(15).getString();
  i.created_at = q.getColumn(16).getString();
  i.updated_at = q.getColumn(17).getString();
  i.created_seq = q.getColumn(18).getInt64();
  i.updated_seq = q.getColumn(19).getInt64();
  i.channel_text = q.getColumn(20).getString();
  i.category_text = q.getColumn(21).getString();
  i.extra = q.getColumn(22).getString();
  if (!q.getColumn(23).isNull()) i.import_seq = q.getColumn(23).getInt64();
  if (!q.getColumn(24).isNull()) i.source_row = q.getColumn(24).getInt64();
  i.priority = q.getColumn(25).getString();
  return i;
}

std::string keys_of(const std::vector<config::Label>& labels) {
  std::string out;
  for (const auto& l : labels) {
    if (!out.empty()) out += ", ";
    out += l.key + " (" + l.label + ")";
  }
  return out;
}

void require_issue_exists(const std::optional<Issue>& issue, std::int64_t id) {
  if (!issue)
    throw Error(ErrorKind::data, i18n::tr(N_("issue {} does not exist"), id), {},
                _("list issues with 'consult issue list'"));
}

std::string allowed_text(IssueStatus status) {
  const auto allowed = model::allowed_actions(status);
  if (allowed.empty()) return _("nothing: the issue's life cycle is over");
  std::string out;
  for (auto a : allowed) {
    if (!out.empty()) out += ", ";
    out += std::string(model::to_string(a));
  }
  return out;
}

/// Throws Error(data) when the life cycle does not allow `action` on `issue`
/// now, naming the steps it allows.
model::IssueStatus require_step(const Issue& issue, IssueAction action) {
  const auto next = model::next_status(issue.status, action);
  if (!next)
    throw Error(ErrorKind::data,
                i18n::tr(N_("cannot {} issue {}: it is {}"), model::to_string(action), issue.id,
                         model::to_string(issue.status)),
                {}, i18n::tr(N_("allowed now: {}"), allowed_text(issue.status)));
  return *next;
}

} // namespace

std::string clean_field(const std::string& value, const char* field, std::size_t max_bytes,
                        bool multiline, const char* too_long_hint) {
  if (!text::valid_utf8(value))
    throw Error(ErrorKind::data, i18n::tr(N_("{} is not valid UTF-8 text"), field), field,
                _("re-type it, or convert the input to UTF-8"));
  std::string v(text::trim(value));
  if (!multiline) v = text::one_line(v);
  if (v.size() > max_bytes)
    throw Error(ErrorKind::data,
                i18n::tr(N_("{} is too long ({} bytes; at most {})"), field, v.size(), max_bytes),
                field, too_long_hint ? _(too_long_hint) : _("shorten it"));
  return v;
}

bool sync_community(ledger::Ledger& ledger, const config::Community& community) {
  const json config = config::to_json(community);
  const std::string sha = hash::sha256_hex(ledger::canonical(config));
  SQLite::Statement q(ledger.db(), "SELECT config_sha FROM community WHERE id = ?");
  q.bind(1, community.id);
  if (q.executeStep() && q.getColumn(0).getString() == sha) return false;
  const events::CommunitySync sync{community.id,       community.name,     community.street,
                                   community.district, community.timezone, config};
  ledger.append(events::kCommunitySync, sync.entity(), sync.to_json());
  return true;
}

std::vector<CommunityRecord> recorded_communities(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(), R"sql(
    SELECT c.id, c.name, c.street, c.district,
      (SELECT count(*) FROM issue i WHERE i.community = c.id),
      (SELECT count(*) FROM issue i WHERE i.community = c.id
         AND i.status NOT IN ('rejected', 'merged', 'closed'))
    FROM community c ORDER BY c.id)sql");
  std::vector<CommunityRecord> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getInt64(), q.getColumn(5).getInt64()});
  return out;
}

NewIssue validate(const config::Community& community, NewIssue issue, clock::Date today) {
  issue.title = clean_field(issue.title, "title", kMaxTitleBytes, false,
                            N_("shorten it; put details in --body"));
  if (issue.title.empty())
    throw Error(ErrorKind::data, _("the issue needs a title"), "title",
                _("say in a few words what residents raised, e.g. --title \"楼道灯不亮\""));
  issue.body = clean_field(issue.body, "body", kMaxBodyBytes, true);
  issue.place = clean_field(issue.place, "place", kMaxFieldBytes);
  issue.raised_by = clean_field(issue.raised_by, "raised-by", kMaxFieldBytes);
  issue.phone = clean_field(issue.phone, "phone", 40);
  if (!issue.phone.empty() && !text::plausible_phone(issue.phone))
    throw Error(ErrorKind::data,
                i18n::tr(N_("'{}' is not a phone number"), text::quote_input(issue.phone)), "phone",
                _("use digits, with an optional leading '+', spaces or hyphens"));

  if (issue.channel.empty()) issue.channel = community.channels.front().key;
  if (!community.channel(issue.channel))
    throw Error(ErrorKind::data,
                i18n::tr(N_("unknown channel '{}' for community '{}'"),
                         text::quote_input(issue.channel), community.id),
                "channel", i18n::tr(N_("allowed channels: {}"), keys_of(community.channels)));
  if (issue.category.empty())
    issue.category = config::kOtherKey; // every community has it
  if (!community.category(issue.category))
    throw Error(ErrorKind::data,
                i18n::tr(N_("unknown category '{}' for community '{}'"),
                         text::quote_input(issue.category), community.id),
                "category", i18n::tr(N_("allowed categories: {}"), keys_of(community.categories)));

  if (issue.priority.empty()) issue.priority = "normal";
  if (!model::valid_priority(issue.priority))
    throw Error(ErrorKind::usage,
                i18n::tr(N_("unknown priority '{}'"), text::quote_input(issue.priority)),
                "priority", _("use urgent, high, normal or low"));

  if (!issue.raised_on) issue.raised_on = today;
  if (*issue.raised_on > today)
    throw Error(ErrorKind::data,
                i18n::tr(N_("raised-on date {} is in the future (today is {})"),
                         clock::format_date(*issue.raised_on), clock::format_date(today)),
                "raised-on", _("give the date the resident raised the matter"));

  std::set<std::string> seen;
  std::vector<std::string> stakeholders;
  for (const auto& s : issue.stakeholders) {
    auto name = clean_field(s, "stakeholder", kMaxFieldBytes);
    if (name.empty()) continue;
    if (seen.insert(name).second) stakeholders.push_back(std::move(name));
  }
  const auto max = static_cast<std::size_t>(community.council.stakeholders.max);
  if (stakeholders.size() > max)
    throw Error(ErrorKind::data,
                i18n::tr(N_("{} stakeholders named; the council's rules allow at most {}"),
                         stakeholders.size(), max),
                "stakeholder",
                _("name the parties most concerned, or change council.stakeholders"));
  issue.stakeholders = std::move(stakeholders);
  return issue;
}

std::int64_t add(ledger::Ledger& ledger, const config::Community& community,
                 const NewIssue& input) {
  const auto today = clock::local_date(ledger.session().clock.now(), community.timezone);
  const NewIssue issue = validate(community, input, today);
  std::int64_t id = 0;
  ledger.write([&] {
    sync_community(ledger, community);
    id = ledger.next_id(ledger::Counter::issue);
    events::IssueItem item;
    item.id = id;
    item.community = community.id;
    item.title = issue.title;
    item.body = issue.body;
    item.channel = issue.channel;
    item.category = issue.category;
    item.place = issue.place;
    item.raised_by = issue.raised_by;
    item.phone = issue.phone;
    item.raised_on = clock::format_date(*issue.raised_on);
    item.priority = issue.priority;
    item.stakeholders = issue.stakeholders;
    ledger.append(events::kIssueAdd, events::issue_entity(id), item.add_json());
  });
  return id;
}

void each(ledger::Ledger& ledger, const Filter& f, const std::function<void(const Issue&)>& fn) {
  std::string sql = fmt::format("SELECT {} FROM issue WHERE 1", kIssueColumns);
  std::vector<std::string> binds;
  if (!f.community.empty()) {
    // Without a status, the newest-first walk of issue_by_date, which stops at
    // the limit, beats the community's whole range in issue_by_status; the
    // unary + keeps SQLite from choosing the latter.
    sql += f.statuses.empty() ? " AND +community = ?" : " AND community = ?";
    binds.push_back(f.community);
  }
  if (!f.statuses.empty()) {
    sql += " AND status IN (";
    for (std::size_t i = 0; i < f.statuses.size(); ++i) {
      sql += i ? ", ?" : "?";
      binds.emplace_back(model::to_string(f.statuses[i]));
    }
    sql += ")";
  } else if (f.open_only) {
    sql += " AND status NOT IN ('rejected', 'merged', 'closed')";
  }
  if (!f.category.empty()) {
    sql += " AND category = ?";
    binds.push_back(f.category);
  }
  if (!f.channel.empty()) {
    sql += " AND channel = ?";
    binds.push_back(f.channel);
  }
  if (f.from) {
    sql += " AND raised_on >= ?";
    binds.push_back(clock::format_date(*f.from));
  }
  if (f.to) {
    sql += " AND raised_on <= ?";
    binds.push_back(clock::format_date(*f.to));
  }
  if (!f.text.empty()) {
    std::string pattern = "%";
    for (char c : f.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    sql += " AND (title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR place LIKE ? ESCAPE '\\')";
    binds.insert(binds.end(), {pattern, pattern, pattern});
  }
  // Unrevealed, the text is searched as it is shown (a place cut to the
  // building, the title and details with their residents, phones and doors
  // masked): a search for a phone or a door number must not tell which
  // issue holds it. Such matches are weeded out here, so the limit is
  // counted here too.
  const bool weed = !f.text.empty() && !f.reveal;
  sql += " ORDER BY raised_on DESC, id DESC";
  if (f.limit > 0 && !weed) sql += fmt::format(" LIMIT {}", f.limit);
  SQLite::Statement q(ledger.db(), sql);
  for (std::size_t i = 0; i < binds.size(); ++i)
    q.bind(static_cast<int>(i + 1), binds[i]);
  const auto needle = text::ascii_lower(f.text);
  auto has = [&](const std::string& hay) {
    return text::ascii_lower(hay).find(needle) != std::string::npos;
  };
  // Unrevealed, titles are shown with the stakeholders masked too: read them.
  std::optional<SQLite::Statement> stakeholders;
  if (!f.reveal)
    stakeholders.emplace(ledger.db(),
                         "SELECT name FROM issue_stakeholder WHERE issue = ? ORDER BY position");
  std::int64_t shown = 0;
  while (q.executeStep()) {
    auto issue = read_issue(q);
    if (stakeholders) {
      stakeholders->reset();
      stakeholders->bind(1, issue.id);
      while (stakeholders->executeStep())
        issue.stakeholders.push_back(stakeholders->getColumn(0).getString());
    }
    if (weed && !has(shown_text(issue, issue.title, false)) &&
        !has(shown_text(issue, issue.body, false)) && !has(personal::mask_place(issue.place)))
      continue;
    fn(issue);
    if (weed && f.limit > 0 && ++shown >= f.limit) break;
  }
}

std::vector<Issue> list(ledger::Ledger& ledger, const Filter& filter) {
  std::vector<Issue> out;
  each(ledger, filter, [&](const Issue& i) { out.push_back(i); });
  return out;
}

std::optional<Issue> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM issue WHERE id = ?", kIssueColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  Issue issue = read_issue(q);
  SQLite::Statement s(ledger.db(),
                      "SELECT name FROM issue_stakeholder WHERE issue = ? ORDER BY position");
  s.bind(1, id);
  while (s.executeStep())
    issue.stakeholders.push_back(s.getColumn(0).getString());
  return issue;
}

Issue get(ledger::Ledger& ledger, std::int64_t id) {
  auto issue = find(ledger, id);
  require_issue_exists(issue, id);
  return *issue;
}

IssueStatus transition(ledger::Ledger& ledger, const Issue& issue, IssueAction action,
                       events::IssueTransition step) {
  const auto next = require_step(issue, action);
  step.id = issue.id;
  step.from = model::to_string(issue.status);
  step.to = model::to_string(next);
  ledger.append(events::transition_kind(action), events::issue_entity(issue.id), step.to_json());
  return next;
}

std::string level_words(const std::string& level) {
  if (level == "street") return _("the street office");
  if (level == "town") return _("the town");
  if (level == "township") return _("the township");
  if (level == "district") return _("the district");
  if (level == "county") return _("the county");
  if (level == "department") return _("the department");
  if (level == "other") return _("a higher body");
  return level;
}

std::string authority_words(const std::string& key, const std::string& level,
                            const std::string& name) {
  if (!name.empty()) return name;
  const auto words = level_words(level.empty() ? key : level);
  return words.empty() ? key : words;
}

config::Authority authority_of(const config::Community* community, const std::string& key,
                               const char* option) {
  std::vector<config::Authority> all;
  if (community)
    all = community->all_authorities();
  else
    all = {{"street", "street", "", false}, {"district", "district", "", false}};
  for (const auto& a : all)
    if (a.key == key) return a;
  std::string keys;
  for (const auto& a : all)
    keys += (keys.empty() ? "" : ", ") + a.key + " (" + authority_words(a.key, a.level, a.name) +
            ")";
  throw Error(ErrorKind::usage,
              i18n::tr(N_("cannot refer an issue to '{}': the community names no such authority"),
                       text::quote_input(key)),
              option,
              i18n::tr(N_("use one of: {}; add others as [[authorities]] in the community file"),
                       keys));
}

Issue change(ledger::Ledger& ledger, std::int64_t id, const Change& c) {
  const std::string reason = clean_field(c.reason, "reason", kMaxBodyBytes, true);
  if (c.action == IssueAction::reject && reason.empty())
    throw Error(ErrorKind::usage, _("rejecting an issue needs a reason"), "reason",
                _("add --reason \"…\"; residents will read it"));
  std::optional<config::Authority> to, by;
  if (c.action == IssueAction::escalate) {
    to = authority_of(c.community, c.level, "to");
    if (reason.empty())
      throw Error(ErrorKind::usage, _("escalating an issue needs a reason"), "reason",
                  _("add --reason \"…\": why the community cannot solve it"));
  }
  const std::string answer = clean_field(c.answer, "answer", kMaxBodyBytes, true);
  if (!c.by.empty()) {
    if (answer.empty())
      throw Error(ErrorKind::usage, _("--from names who answered: give the answer too"), "from",
                  _("add --text \"…\""));
    by = authority_of(c.community, c.by, "from");
  }
  if (c.action == IssueAction::answer && answer.empty())
    throw Error(ErrorKind::usage, _("answering an escalated issue needs the answer"), "text",
                _("add --text \"…\": what the street or district said"));
  if (c.action == IssueAction::merge && !c.into)
    throw Error(ErrorKind::usage, _("merging needs the twin issue"), "into", _("add --into ID"));

  Issue result;
  ledger.write([&] {
    const Issue issue = get(ledger, id);
    require_step(issue, c.action);
    events::IssueTransition step;
    if (!reason.empty()) step.reason = reason;
    if (!answer.empty()) {
      if (issue.status != IssueStatus::escalated)
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("issue {} was not referred to the street or district"), id),
                    "answer", _("an answer is recorded for an escalated issue"));
      step.answer = answer;
      if (by && by->key != issue.escalated_to) {
        step.by = by->key;
        step.by_name = by->name.empty() ? level_words(by->level) : by->name;
      }
    }
    if (c.action == IssueAction::answer) step.round = issue.rounds + 1;
    if (c.action == IssueAction::close && issue.status == IssueStatus::resolved) {
      SQLite::Statement f(ledger.db(), "SELECT count(*) FROM issue_feedback WHERE issue = ?");
      f.bind(1, id);
      f.executeStep();
      if (f.getColumn(0).getInt64() == 0)
        throw Error(
            ErrorKind::data, i18n::tr(N_("issue {} has no residents' feedback yet"), id), {},
            i18n::tr(N_("record it first: consult issue feedback {} --satisfaction 1..5"), id));
    }
    switch (c.action) {
    case IssueAction::consult:
      step.round = issue.rounds + 1;
      break;
    case IssueAction::escalate:
      step.level = to->key;
      step.to_level = to->level;
      if (!to->name.empty()) step.to_name = to->name;
      break;
    case IssueAction::merge: {
      if (*c.into == id)
        throw Error(ErrorKind::data, i18n::tr(N_("cannot merge issue {} into itself"), id));
      const auto twin = find(ledger, *c.into);
      if (!twin)
        throw Error(ErrorKind::data, i18n::tr(N_("issue {} does not exist"), *c.into), "into",
                    _("give the id of the issue that stays open"));
      if (twin->community != issue.community)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} belongs to community '{}', issue {} to '{}'"), id,
                             issue.community, twin->id, twin->community),
                    "into", _("only issues of one community can be merged"));
      if (!model::is_open(twin->status))
        throw Error(ErrorKind::data,
                    i18n::tr(N_("cannot merge into issue {}: it is {}"), twin->id,
                             model::to_string(twin->status)),
                    "into", _("merge into an open issue"));
      step.into = twin->id;
      step.count = issue.raised_count;
      break;
    }
    default:
      break;
    }
    transition(ledger, issue, c.action, step);
    result = get(ledger, id);
  });
  return result;
}

Feedback feedback(ledger::Ledger& ledger, std::int64_t id, int satisfaction,
                  const std::string& comment) {
  if (satisfaction < 1 || satisfaction > 5)
    throw Error(ErrorKind::usage,
                i18n::tr(N_("satisfaction {} is not between 1 and 5"), satisfaction),
                "satisfaction", _("1: very dissatisfied … 5: very satisfied"));
  const std::string text = clean_field(comment, "comment", kMaxBodyBytes, true);
  Feedback out;
  ledger.write([&] {
    const Issue issue = get(ledger, id);
    if (issue.status != IssueStatus::resolved && issue.status != IssueStatus::closed)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("issue {} is {}: residents rate it once it is resolved"), id,
                           model::to_string(issue.status)));
    const auto fid = ledger.next_id(ledger::Counter::feedback);
    const events::IssueFeedback f{id, fid, satisfaction, text};
    const auto e = ledger.append(events::kIssueFeedback, events::issue_entity(id), f.to_json());
    out = {fid, id, satisfaction, text, e.at, e.seq};
  });
  return out;
}

std::vector<Feedback> feedbacks(ledger::Ledger& ledger, std::int64_t id) {
  std::vector<Feedback> out;
  SQLite::Statement q(ledger.db(), "SELECT id, satisfaction, comment, at, seq FROM issue_feedback "
                                   "WHERE issue = ? ORDER BY id");
  q.bind(1, id);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), id, q.getColumn(1).getInt(),
                   q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getInt64()});
  return out;
}

std::vector<Escalation> escalations(ledger::Ledger& ledger, std::int64_t id) {
  std::vector<Escalation> out;
  SQLite::Statement q(ledger.db(), "SELECT n, level, reason, meeting, at, answer, answered_at, "
                                   "to_level, to_name, answered_by, answered_by_name "
                                   "FROM issue_escalation WHERE issue = ? ORDER BY n");
  q.bind(1, id);
  while (q.executeStep()) {
    Escalation x;
    x.n = q.getColumn(0).getInt();
    x.level = q.getColumn(1).getString();
    x.reason = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) x.meeting = q.getColumn(3).getInt64();
    x.at = q.getColumn(4).getString();
    x.answer = q.getColumn(5).getString();
    x.answered_at = q.getColumn(6).getString();
    x.to_level = q.getColumn(7).getString();
    x.to_name = q.getColumn(8).getString();
    x.answered_by = q.getColumn(9).getString();
    x.answered_by_name = q.getColumn(10).getString();
    out.push_back(std::move(x));
  }
  return out;
}

Issue set_priority(ledger::Ledger& ledger, std::int64_t id, const std::string& priority) {
  if (!model::valid_priority(priority))
    throw Error(ErrorKind::usage,
                i18n::tr(N_("unknown priority '{}'"), text::quote_input(priority)), "priority",
                _("use urgent, high, normal or low"));
  Issue result;
  ledger.write([&] {
    const Issue issue = get(ledger, id);
    if (!model::is_open(issue.status))
      throw Error(ErrorKind::data, i18n::tr(N_("cannot change the priority of issue {}: it is {}"),
                                            id, model::to_string(issue.status)));
    if (issue.priority != priority)
      ledger.append(events::kIssuePriority, events::issue_entity(id),
                    events::IssuePriority{id, issue.priority, priority}.to_json());
    result = get(ledger, id);
  });
  return result;
}

model::Comment comment(ledger::Ledger& ledger, std::int64_t id, const std::string& author,
                       const std::string& body) {
  const std::string who = clean_field(author, "by", kMaxFieldBytes);
  const std::string text = clean_field(body, "text", kMaxBodyBytes, true);
  if (text.empty())
    throw Error(ErrorKind::usage, _("the opinion is empty"), "text",
                _("give the opinion as the argument after the issue id"));
  model::Comment out;
  ledger.write([&] {
    const Issue issue = get(ledger, id);
    if (!model::accepts_comments(issue.status))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("cannot record an opinion on issue {}: it is {}"), id,
                           model::to_string(issue.status)),
                  {},
                  issue.status == IssueStatus::collected
                      ? _("accept it first with 'consult issue accept'")
                      : _("opinions are recorded while an issue is open"));
    const auto cid = ledger.next_id(ledger::Counter::comment);
    const events::IssueComment opinion{id, cid, issue.rounds, who, text};
    const auto e =
        ledger.append(events::kIssueComment, events::issue_entity(id), opinion.to_json());
    out = {cid, id, issue.rounds, who, text, e.at, e.seq};
  });
  return out;
}

std::vector<model::Comment> comments(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), "SELECT id, issue, round, author, body, at, seq "
                                   "FROM issue_comment WHERE issue = ? ORDER BY id");
  q.bind(1, id);
  std::vector<model::Comment> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(),
                   q.getColumn(5).getString(), q.getColumn(6).getInt64()});
  return out;
}

std::vector<ledger::Event> history(ledger::Ledger& ledger, std::int64_t id) {
  auto events = ledger.events(fmt::format("issue:{}", id));
  // An imported issue was born in its import's event.
  SQLite::Statement origin(ledger.db(), "SELECT import_seq FROM issue WHERE id = ?");
  origin.bind(1, id);
  if (origin.executeStep() && !origin.getColumn(0).isNull())
    for (auto& e : ledger.events({}, origin.getColumn(0).getInt64() - 1, 1))
      events.insert(events.begin(), std::move(e));
  // Twins merged into this issue belong to its story too.
  SQLite::Statement twins(ledger.db(), "SELECT id FROM issue WHERE merged_into = ?");
  twins.bind(1, id);
  bool added = false;
  while (twins.executeStep()) {
    for (auto& e : ledger.events(fmt::format("issue:{}", twins.getColumn(0).getInt64())))
      if (e.kind == events::transition_kind(IssueAction::merge)) {
        events.push_back(std::move(e));
        added = true;
      }
  }
  if (added)
    std::sort(events.begin(), events.end(),
              [](const auto& a, const auto& b) { return a.seq < b.seq; });
  // Shown with their personal data in place (masked by the caller).
  for (auto& e : events)
    e.payload = ledger::canonical(ledger.payload_of(e));
  return events;
}

std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger) {
  SQLite::Statement q(ledger.db(),
                      "SELECT id, title FROM issue WHERE status NOT IN ('closed','merged') "
                      "ORDER BY id DESC LIMIT 200");
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (q.executeStep()) {
    const auto id = q.getColumn(0).getInt64();
    out.emplace_back(id, personal::mask_in_text(q.getColumn(1).getString(), residents(ledger, id)));
  }
  return out;
}

std::vector<std::string> residents(ledger::Ledger& ledger, std::int64_t id) {
  const auto issue = find(ledger, id);
  return issue ? residents(*issue, nullptr) : std::vector<std::string>();
}

std::vector<std::pair<std::string, std::string>> extra_columns(const Issue& i, bool reveal) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto extra = json::parse(i.extra, nullptr, false);
  if (!extra.is_object()) return out;
  for (const auto& [header, v] : extra.items()) {
    const auto value = v.is_string() ? v.get<std::string>() : v.dump();
    out.emplace_back(header, reveal ? value : personal::mask_column(header, value));
  }
  return out;
}

std::vector<std::string> residents(const Issue& i, const people::Directory* who) {
  std::vector<std::string> out;
  if (!i.raised_by.empty()) out.push_back(i.raised_by);
  for (const auto& s : i.stakeholders)
    if (!who || who->kind_of(s, people::Field::resident) == people::Kind::resident)
      out.push_back(s);
  return out;
}

std::string shown_text(const Issue& i, const std::string& text, bool reveal,
                       const people::Directory* who) {
  if (reveal) return text;
  return personal::mask_in_text(text, residents(i, who));
}

json to_json(const Issue& i, bool reveal, bool full, const people::Directory* who) {
  const auto raised_by = who     ? who->shown(i.raised_by, people::Field::resident, reveal)
                         : reveal ? i.raised_by
                                  : personal::mask_name(i.raised_by);
  const auto phone = reveal || i.phone.empty() ? i.phone : personal::mask_phone(i.phone);
  json j = {{"id", i.id},
            {"community", i.community},
            {"title", shown_text(i, i.title, reveal, who)},
            {"status", model::to_string(i.status)},
            {"channel", i.channel},
            {"category", i.category},
            {"place", reveal ? i.place : personal::mask_place(i.place)},
            {"raised_by", raised_by},
            {"phone", phone},
            {"raised_on", i.raised_on},
            {"raised_count", i.raised_count},
            {"priority", i.priority},
            {"rounds", i.rounds},
            {"merged_into", i.merged_into ? json(*i.merged_into) : nullptr},
            {"escalated_to", i.escalated_to},
            {"reason", shown_text(i, i.reason, reveal, who)},
            {"created_at", i.created_at},
            {"updated_at", i.updated_at}};
  if (!i.channel_text.empty()) j["channel_text"] = i.channel_text;
  if (!i.category_text.empty()) j["category_text"] = i.category_text;
  if (i.import_seq) {
    j["import_event"] = *i.import_seq;
    j["source_row"] = i.source_row;
  }
  if (full) {
    j["body"] = shown_text(i, i.body, reveal, who);
    json stakeholders = json::array();
    for (const auto& name : i.stakeholders)
      stakeholders.push_back(who ? who->shown(name, people::Field::resident, reveal)
                                 : reveal ? name : personal::mask_name(name));
    j["stakeholders"] = std::move(stakeholders);
    j["extra"] = json::object();
    for (const auto& [header, value] : extra_columns(i, reveal))
      j["extra"][header] = value;
  }
  return j;
}

json to_json(const Escalation& x) {
  return {{"to", x.level},
          {"to_level", x.to_level},
          {"to_name", authority_words(x.level, x.to_level, x.to_name)},
          {"answered_by", x.answered_by},
          {"answered_by_name", x.answered_by_name},
          {"reason", x.reason},
          {"meeting", x.meeting ? json(*x.meeting) : json(nullptr)},
          {"at", x.at},
          {"answer", x.answer},
          {"answered_at", x.answered_at}};
}

json to_json(const Feedback& f) {
  return {{"satisfaction", f.satisfaction}, {"comment", f.comment}, {"at", f.at}};
}

json to_json(const model::Comment& c, const people::Directory& who, bool reveal) {
  return {{"round", c.round},
          {"author", who.shown(c.author, people::Field::proxy, reveal)},
          {"body", c.body},
          {"at", c.at}};
}

} // namespace consult::issues
