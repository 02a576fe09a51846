// The projector's part for issues: how issue.add, issue.import, the steps of
// "three up, three down", issue.comment, issue.priority and issue.feedback
// change the issue tables; and the payload types of the issue family
// (consult/events_issue.hpp), which the writers use too.

#include "projection.hpp"

#include "consult/clock.hpp"
#include "consult/events_issue.hpp"
#include "consult/hash.hpp"
#include "consult/model.hpp"

#include <chrono>
#include <map>

namespace consult::events {

using ledger::Event;
using ledger::put_json_object;
using ledger::put_json_string;
using nlohmann::json;

IssueItem IssueItem::from_json(const json& p) {
  IssueItem it;
  it.id = p.at("id").get<std::int64_t>();
  it.community = text(p, "community");
  it.title = text(p, "title");
  it.body = text(p, "body");
  it.channel = text(p, "channel");
  it.category = text(p, "category");
  it.place = text(p, "place");
  it.raised_by = text(p, "raised_by");
  it.phone = text(p, "phone");
  it.raised_on = text(p, "raised_on");
  it.row = p.value("row", std::int64_t{0});
  it.channel_text = text(p, "channel_text");
  it.category_text = text(p, "category_text");
  if (const auto x = p.find("extra"); x != p.end())
    for (const auto& [k, v] : x->items())
      it.extra[k] = v.get<std::string>();
  it.time = text(p, "time");
  if (const auto x = p.find("stakeholders"); x != p.end())
    for (const auto& name : *x)
      it.stakeholders.push_back(name.get<std::string>());
  it.priority = p.value("priority", std::string("normal"));
  return it;
}

namespace {

void put_key(std::string& out, const char* key, bool& first) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out += key;
  out += "\":";
}

} // namespace

std::string IssueItem::item_json() const {
  auto [head, tail] = item_json_parts();
  return head + std::to_string(id) + tail;
}

std::pair<std::string, std::string> IssueItem::item_json_parts() const {
  // The keys in canonical (byte) order; optional ones only when present.
  std::string out;
  out.reserve(200 + title.size() + body.size() + place.size() + raised_by.size());
  bool first = true;
  out += '{';
  auto str = [&](const char* key, const std::string& value) {
    put_key(out, key, first);
    put_json_string(out, value);
  };
  auto opt = [&](const char* key, const std::string& value) {
    if (!value.empty()) str(key, value);
  };
  str("body", body);
  str("category", category);
  opt("category_text", category_text);
  str("channel", channel);
  opt("channel_text", channel_text);
  str("community", community);
  if (!extra.empty()) {
    put_key(out, "extra", first);
    put_json_object(out, extra);
  }
  put_key(out, "id", first);
  std::string head = std::move(out);
  out.clear();
  out.reserve(100 + place.size() + raised_by.size() + title.size());
  str("phone", phone);
  str("place", place);
  str("raised_by", raised_by);
  str("raised_on", raised_on);
  put_key(out, "row", first);
  out += std::to_string(row);
  if (!stakeholders.empty()) {
    put_key(out, "stakeholders", first);
    out += '[';
    for (std::size_t i = 0; i < stakeholders.size(); ++i) {
      if (i > 0) out += ',';
      put_json_string(out, stakeholders[i]);
    }
    out += ']';
  }
  opt("time", time);
  str("title", title);
  out += '}';
  return {std::move(head), std::move(out)};
}

std::pair<std::string, std::string> IssueItem::sealed_item_parts(ledger::Sealed& sealed) const {
  std::string personal;
  personal.reserve(100 + title.size() + body.size() + place.size() + raised_by.size());
  bool first = true;
  personal += '{';
  auto str = [&](std::string& out, const char* key, const std::string& value) {
    put_key(out, key, first);
    put_json_string(out, value);
  };
  str(personal, "body", body);
  if (!extra.empty()) {
    put_key(personal, "extra", first);
    put_json_object(personal, extra);
  }
  str(personal, "phone", phone);
  str(personal, "place", place);
  str(personal, "raised_by", raised_by);
  if (!stakeholders.empty()) {
    put_key(personal, "stakeholders", first);
    personal += '[';
    for (std::size_t i = 0; i < stakeholders.size(); ++i) {
      if (i > 0) personal += ',';
      put_json_string(personal, stakeholders[i]);
    }
    personal += ']';
  }
  str(personal, "title", title);
  personal += '}';
  sealed = ledger::seal(std::move(personal));

  std::string head;
  head.reserve(120);
  first = true;
  head += '{';
  str(head, "category", category);
  if (!category_text.empty()) str(head, "category_text", category_text);
  str(head, "channel", channel);
  if (!channel_text.empty()) str(head, "channel_text", channel_text);
  str(head, "community", community);
  put_key(head, "id", first);
  std::string tail;
  tail.reserve(140);
  str(tail, "personal", sealed.ref);
  str(tail, "raised_on", raised_on);
  put_key(tail, "row", first);
  tail += std::to_string(row);
  if (!time.empty()) str(tail, "time", time);
  tail += '}';
  return {std::move(head), std::move(tail)};
}

/// Writes issue rows: the one place an issue is born in the tables, whether
/// added by hand (issue.add) or imported (the items of issue.import).
struct ImportProjector::Statements {
  SQLite::Database& db;
  SQLite::Statement issue;
  SQLite::Statement stakeholder;
  explicit Statements(SQLite::Database& database)
      : db(database), issue(db, R"sql(
    INSERT INTO issue (id, community, title, body, channel, category, place, raised_by, phone,
      raised_on, raised_count, status, rounds, merged_into, escalated_to, reason,
      created_seq, created_at, updated_seq, updated_at,
      channel_text, category_text, extra, import_seq, source_row, priority)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, 'collected', 0, NULL, '', '',
      ?11, ?12, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18))sql"),
        stakeholder(db, "INSERT INTO issue_stakeholder (issue, position, name) VALUES (?, ?, ?)") {}

  /// Inserts the issue `p` describes, created by event `seq` at `at`;
  /// `imported`: `seq` is its import and p.row its line in the file.
  /// The caller counts it in the month tallies.
  void insert(const IssueItem& p, std::int64_t seq, const std::string& at, bool imported) {
    issue.reset();
    issue.bind(1, p.id);
    issue.bindNoCopy(2, p.community);
    issue.bindNoCopy(3, p.title);
    issue.bindNoCopy(4, p.body);
    issue.bindNoCopy(5, p.channel);
    issue.bindNoCopy(6, p.category);
    issue.bindNoCopy(7, p.place);
    issue.bindNoCopy(8, p.raised_by);
    issue.bindNoCopy(9, p.phone);
    issue.bindNoCopy(10, p.raised_on);
    issue.bind(11, seq);
    issue.bindNoCopy(12, at);
    issue.bindNoCopy(13, p.channel_text);
    issue.bindNoCopy(14, p.category_text);
    std::string extra;
    put_json_object(extra, p.extra);
    issue.bindNoCopy(15, extra);
    if (imported) {
      issue.bind(16, seq);
      issue.bind(17, p.row);
    } else {
      issue.bind(16);
      issue.bind(17);
    }
    issue.bindNoCopy(18, p.priority);
    issue.exec();
    int position = 0;
    for (const auto& name : p.stakeholders) {
      stakeholder.reset();
      stakeholder.bind(1, p.id);
      stakeholder.bind(2, ++position);
      stakeholder.bindNoCopy(3, name);
      stakeholder.exec();
    }
  }
};

ImportProjector::ImportProjector(SQLite::Database& db, std::int64_t seq, std::string at)
    : q_(std::make_unique<Statements>(db)), seq_(seq), at_(std::move(at)) {}

ImportProjector::~ImportProjector() = default;

void ImportProjector::add(const IssueItem& item) {
  q_->insert(item, seq_, at_, true);
  const auto month = item.raised_on.substr(0, 7);
  ++tallies_[{item.community, month, "raised.channel", item.channel}];
  ++tallies_[{item.community, month, "raised.category", item.category}];
}

void ImportProjector::finish() {
  for (const auto& [k, n] : tallies_) {
    const auto& [community, month, figure, key] = k;
    tally(q_->db, community, month, figure.c_str(), key, n);
  }
  tallies_.clear();
}

namespace {

/// The issue was changed by event `e`.
void touch_issue(SQLite::Database& db, const Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE issue SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  u.exec();
}

/// issue.add: the issue row, its stakeholders and the month's tallies.
void project_add(const Apply& a) {
  const auto it = IssueItem::from_json(a.payload);
  ImportProjector::Statements(a.db).insert(it, a.event.seq, a.event.at, false);
  tally(a.db, it.community, it.raised_on, "raised.channel", it.channel);
  tally(a.db, it.community, it.raised_on, "raised.category", it.category);
}

/// An import: one event, its rows attached as items; each item is an issue.
void project_import(const Apply& a) {
  SQLite::Statement rows(a.items, "SELECT data FROM event_item WHERE seq = ? ORDER BY n");
  rows.bind(1, a.event.seq);
  ImportProjector projector(a.db, a.event.seq, a.event.at);
  while (rows.executeStep())
    projector.add(IssueItem::from_json(a.unseal.unseal_text(rows.getColumn(0).getString(), a.event.seq)));
  projector.finish();
}

/// issue.accept … issue.answer: the status, and what the step records.
void project_transition(const Apply& a) {
  auto& db = a.db;
  const Event& e = a.event;
  const auto t = IssueTransition::from_json(a.payload);
  const auto id = t.id;
  const auto& to = t.to;
  SQLite::Statement q(db, "UPDATE issue SET status = ?, updated_seq = ?, updated_at = ? "
                          "WHERE id = ?");
  q.bind(1, to);
  q.bind(2, e.seq);
  q.bind(3, e.at);
  q.bind(4, id);
  if (q.exec() != 1)
    throw Error(ErrorKind::internal, fmt::format("event {}: issue {} does not exist", e.seq, id));
  // The date the issue first reached a status the reports count (schema 6).
  static const std::map<std::string, const char*> kStepColumn = {
      {"accepted", "accepted_on"},   {"rejected", "rejected_on"}, {"merged", "merged_on"},
      {"escalated", "escalated_on"}, {"decided", "decided_on"},   {"resolved", "resolved_on"},
      {"closed", "closed_on"}};
  if (const auto col = kStepColumn.find(to); col != kStepColumn.end()) {
    const auto date = e.at.substr(0, 10);
    SQLite::Statement r(
        db, fmt::format("UPDATE issue SET {0} = ? WHERE id = ? AND {0} IS NULL", col->second));
    r.bind(1, date);
    r.bind(2, id);
    if (r.exec() == 1) { // the first time: the monthly tallies count it
      SQLite::Statement i(db, "SELECT community, raised_on, solved_on FROM issue WHERE id = ?");
      i.bind(1, id);
      i.executeStep();
      const auto community = i.getColumn(0).getString();
      const auto raised_on = i.getColumn(1).getString();
      const bool solved = !i.getColumn(2).isNull();
      tally(db, community, date, to.c_str(), "");
      if (to == "resolved") {
        const auto days = std::chrono::sys_days(*clock::parse_date(date)) -
                          std::chrono::sys_days(*clock::parse_date(raised_on));
        tally(db, community, date, "resolved.days", std::to_string(days.count()));
      }
      if ((to == "resolved" || to == "closed") && !solved) {
        SQLite::Statement u(db, "UPDATE issue SET solved_on = ? WHERE id = ?");
        u.bind(1, date);
        u.bind(2, id);
        u.exec();
        tally(db, community, raised_on, "solved", date.substr(0, 7));
      }
    }
  }
  if (t.reason) {
    SQLite::Statement r(db, "UPDATE issue SET reason = ? WHERE id = ?");
    r.bind(1, *t.reason);
    r.bind(2, id);
    r.exec();
  }
  if (t.round) {
    SQLite::Statement r(db, "UPDATE issue SET rounds = ? WHERE id = ?");
    r.bind(1, *t.round);
    r.bind(2, id);
    r.exec();
  }
  if (t.level) {
    SQLite::Statement r(db, "UPDATE issue SET escalated_to = ? WHERE id = ?");
    r.bind(1, *t.level);
    r.bind(2, id);
    r.exec();
  }
  if (e.kind == transition_kind(model::IssueAction::escalate)) {
    // The referral's lineage: which body, when, why, from which meeting.
    SQLite::Statement r(db, R"sql(
      INSERT INTO issue_escalation (issue, n, level, reason, meeting, seq, at, answer, answered_at,
        to_level, to_name)
      VALUES (?1, (SELECT coalesce(max(n), 0) + 1 FROM issue_escalation WHERE issue = ?1),
        ?2, ?3, ?4, ?5, ?6, '', '', ?7, ?8))sql");
    r.bind(1, id);
    r.bind(2, t.level.value_or("street"));
    r.bind(3, t.reason.value_or(""));
    if (t.meeting)
      r.bind(4, *t.meeting);
    else
      r.bind(4);
    r.bind(5, e.seq);
    r.bind(6, e.at);
    r.bind(7, t.to_level.value_or(t.level.value_or("street")));
    r.bind(8, t.to_name.value_or(""));
    r.exec();
  }
  if (t.answer) {
    // The higher body's answer to the latest referral.
    SQLite::Statement r(db, R"sql(
      UPDATE issue_escalation SET answer = ?1, answered_at = ?2, answered_by = ?4,
        answered_by_name = ?5
      WHERE issue = ?3 AND n = (SELECT max(n) FROM issue_escalation WHERE issue = ?3))sql");
    r.bind(1, *t.answer);
    r.bind(2, e.at);
    r.bind(3, id);
    r.bind(4, t.by.value_or(""));
    r.bind(5, t.by_name.value_or(""));
    r.exec();
  }
  if (t.into) {
    SQLite::Statement r(db, "UPDATE issue SET merged_into = ? WHERE id = ?");
    r.bind(1, *t.into);
    r.bind(2, id);
    r.exec();
    // The twin now speaks for the residents who raised this one too.
    SQLite::Statement u(db, "UPDATE issue SET raised_count = raised_count + ?, "
                            "updated_seq = ?, updated_at = ? WHERE id = ?");
    u.bind(1, t.count.value());
    u.bind(2, e.seq);
    u.bind(3, e.at);
    u.bind(4, *t.into);
    u.exec();
  }
}

void project_comment(const Apply& a) {
  const auto c = IssueComment::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO issue_comment (id, issue, round, author, body, seq, at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, c.comment);
  q.bind(2, c.id);
  q.bind(3, c.round);
  q.bind(4, c.author);
  q.bind(5, c.body);
  q.bind(6, a.event.seq);
  q.bind(7, a.event.at);
  q.exec();
  touch_issue(a.db, a.event, c.id);
}

void project_feedback(const Apply& a) {
  const auto f = IssueFeedback::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO issue_feedback (id, issue, satisfaction, comment, seq, "
                            "at, community, on_date) VALUES (?, ?, ?, ?, ?, ?, "
                            "(SELECT community FROM issue WHERE id = ?2), substr(?6, 1, 10))");
  q.bind(1, f.feedback);
  q.bind(2, f.id);
  q.bind(3, f.satisfaction);
  q.bind(4, f.comment);
  q.bind(5, a.event.seq);
  q.bind(6, a.event.at);
  q.exec();
  SQLite::Statement c(a.db, "SELECT community FROM issue WHERE id = ?");
  c.bind(1, f.id);
  c.executeStep();
  tally(a.db, c.getColumn(0).getString(), a.event.at, "rating", std::to_string(f.satisfaction));
  touch_issue(a.db, a.event, f.id);
}

void project_priority(const Apply& a) {
  const auto p = IssuePriority::from_json(a.payload);
  SQLite::Statement u(a.db, "UPDATE issue SET priority = ?, updated_seq = ?, updated_at = ? "
                            "WHERE id = ?");
  u.bind(1, p.to);
  u.bind(2, a.event.seq);
  u.bind(3, a.event.at);
  u.bind(4, p.id);
  u.exec();
}

/// Reads an optional field: absent or null is "not set".
/// Writes an optional field only when it is set.
} // namespace

std::string_view transition_kind(model::IssueAction action) noexcept {
  switch (action) {
  case model::IssueAction::accept:
    return "issue.accept";
  case model::IssueAction::reject:
    return "issue.reject";
  case model::IssueAction::merge:
    return "issue.merge";
  case model::IssueAction::consult:
    return "issue.consult";
  case model::IssueAction::escalate:
    return "issue.escalate";
  case model::IssueAction::decide:
    return "issue.decide";
  case model::IssueAction::implement:
    return "issue.implement";
  case model::IssueAction::resolve:
    return "issue.resolve";
  case model::IssueAction::close:
    return "issue.close";
  case model::IssueAction::answer:
    return "issue.answer";
  }
  return "issue.?";
}

std::string issue_entity(std::int64_t id) {
  return fmt::format("issue:{}", id);
}

json IssueItem::add_json() const {
  return {{"id", id},
          {"community", community},
          {"title", title},
          {"body", body},
          {"channel", channel},
          {"category", category},
          {"place", place},
          {"raised_by", raised_by},
          {"phone", phone},
          {"raised_on", raised_on},
          {"priority", priority},
          {"stakeholders", stakeholders}};
}

json IssueTransition::to_json() const {
  json p = {{"id", id}, {"from", from}, {"to", to}};
  put(p, "reason", reason);
  put(p, "round", round);
  put(p, "level", level);
  put(p, "to_level", to_level);
  put(p, "to_name", to_name);
  put(p, "answer", answer);
  put(p, "by", by);
  put(p, "by_name", by_name);
  put(p, "into", into);
  put(p, "count", count);
  put(p, "meeting", meeting);
  put(p, "vote", vote);
  put(p, "decision", decision);
  put(p, "action", action);
  return p;
}

IssueTransition IssueTransition::from_json(const json& p) {
  IssueTransition t;
  t.id = p.at("id").get<std::int64_t>();
  t.from = text(p, "from");
  t.to = p.at("to").get<std::string>();
  t.reason = optional<std::string>(p, "reason");
  t.round = optional<int>(p, "round");
  t.level = optional<std::string>(p, "level");
  t.to_level = optional<std::string>(p, "to_level");
  t.to_name = optional<std::string>(p, "to_name");
  t.answer = optional<std::string>(p, "answer");
  t.by = optional<std::string>(p, "by");
  t.by_name = optional<std::string>(p, "by_name");
  t.into = optional<std::int64_t>(p, "into");
  t.count = optional<std::int64_t>(p, "count");
  t.meeting = optional<std::int64_t>(p, "meeting");
  t.vote = optional<std::int64_t>(p, "vote");
  t.decision = optional<std::int64_t>(p, "decision");
  t.action = optional<std::int64_t>(p, "action");
  if (t.into && !t.count) t.count = p.at("count").get<std::int64_t>(); // a merge says how many
  return t;
}

std::string IssueImport::entity() const {
  return "community:" + community;
}

json IssueImport::to_json() const {
  json p = {{"community", community}, {"file", file},      {"sha256", sha256},
            {"encoding", encoding},   {"rows", rows},      {"duplicates", duplicates},
            {"rejected", rejected},   {"items", items},    {"items_sha256", items_sha256},
            {"first_id", first_id},   {"last_id", last_id}};
  put(p, "format", format);
  put(p, "sheet", sheet);
  return p;
}

IssueImport IssueImport::from_json(const json& p) {
  IssueImport i;
  i.community = text(p, "community");
  i.file = text(p, "file");
  i.sha256 = text(p, "sha256");
  i.format = optional<std::string>(p, "format");
  i.sheet = optional<std::string>(p, "sheet");
  i.encoding = text(p, "encoding");
  i.rows = integer(p, "rows");
  i.duplicates = integer(p, "duplicates");
  i.rejected = integer(p, "rejected");
  i.items = integer(p, "items");
  i.items_sha256 = text(p, "items_sha256");
  i.first_id = integer(p, "first_id");
  i.last_id = integer(p, "last_id");
  return i;
}

json IssueComment::to_json() const {
  return {{"id", id}, {"comment", comment}, {"round", round}, {"author", author}, {"body", body}};
}

IssueComment IssueComment::from_json(const json& p) {
  return {p.at("id").get<std::int64_t>(), p.at("comment").get<std::int64_t>(),
          p.at("round").get<int>(), text(p, "author"), text(p, "body")};
}

json IssuePriority::to_json() const {
  return {{"id", id}, {"from", from}, {"to", to}};
}

IssuePriority IssuePriority::from_json(const json& p) {
  return {p.at("id").get<std::int64_t>(), text(p, "from"), text(p, "to")};
}

json IssueFeedback::to_json() const {
  return {{"id", id}, {"feedback", feedback}, {"satisfaction", satisfaction}, {"comment", comment}};
}

IssueFeedback IssueFeedback::from_json(const json& p) {
  return {p.at("id").get<std::int64_t>(), p.at("feedback").get<std::int64_t>(),
          p.at("satisfaction").get<int>(), text(p, "comment")};
}

namespace {
/// issue.add's payload is an IssueItem with a priority.
json reread_add(const json& p) {
  return IssueItem::from_json(p).add_json();
}
} // namespace

const std::vector<Kind>& issue_kinds() {
  using A = model::IssueAction;
  constexpr auto transition = payload_type<IssueTransition>;
  static const std::vector<Kind> kKinds = {
      {kIssueAdd, "issue", 1, project_add, false, reread_add},
      {kIssueImport, "issue", 2, project_import, true, payload_type<IssueImport>},
      {transition_kind(A::accept), "issue", 1, project_transition, false, transition},
      {transition_kind(A::reject), "issue", 1, project_transition, false, transition},
      {transition_kind(A::merge), "issue", 1, project_transition, false, transition},
      {transition_kind(A::consult), "issue", 1, project_transition, false, transition},
      {transition_kind(A::escalate), "issue", 1, project_transition, false, transition},
      {transition_kind(A::decide), "issue", 1, project_transition, false, transition},
      {transition_kind(A::implement), "issue", 1, project_transition, false, transition},
      {transition_kind(A::resolve), "issue", 1, project_transition, false, transition},
      {transition_kind(A::close), "issue", 1, project_transition, false, transition},
      {transition_kind(A::answer), "issue", 4, project_transition, false, transition},
      {kIssueComment, "issue", 1, project_comment, false, payload_type<IssueComment>},
      {kIssuePriority, "issue", 3, project_priority, false, payload_type<IssuePriority>},
      {kIssueFeedback, "issue", 4, project_feedback, false, payload_type<IssueFeedback>},
  };
  return kKinds;
}

} // namespace consult::events
