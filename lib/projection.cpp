// The projector: how each kind of event changes the tables. The same code
// runs when an event is appended and when `consult verify` replays the log
// into a scratch database, so the tables are by construction what the
// events say.

#include "projection.hpp"

#include "consult/clock.hpp"
#include "consult/error.hpp"
#include "consult/hash.hpp"
#include "consult/ledger.hpp"
#include "consult/model.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <chrono>
#include <map>

namespace consult::ledger {

void tally(SQLite::Database& db, const std::string& community, const std::string& date,
           const char* figure, const std::string& key, std::int64_t n) {
  SQLite::Statement q(db, kTallySql);
  q.bind(1, community);
  q.bind(2, date);
  q.bind(3, figure);
  q.bind(4, key);
  q.bind(5, n);
  q.exec();
}

namespace {

using nlohmann::json;

void apply_community_sync(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, R"sql(
    INSERT INTO community (id, name, street, district, timezone, config, config_sha, synced_seq)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (id) DO UPDATE SET name = ?2, street = ?3, district = ?4, timezone = ?5,
      config = ?6, config_sha = ?7, synced_seq = ?8)sql");
  const std::string config = canonical(p.at("config"));
  q.bind(1, text(p, "id"));
  q.bind(2, text(p, "name"));
  q.bind(3, text(p, "street"));
  q.bind(4, text(p, "district"));
  q.bind(5, text(p, "timezone"));
  q.bind(6, config);
  q.bind(7, hash::sha256_hex(config));
  q.bind(8, e.seq);
  q.exec();
}

void apply_issue_transition(SQLite::Database& db, const Event& e, const json& p) {
  const auto id = p.at("id").get<std::int64_t>();
  const auto to = p.at("to").get<std::string>();
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
  if (p.contains("reason")) {
    SQLite::Statement r(db, "UPDATE issue SET reason = ? WHERE id = ?");
    r.bind(1, text(p, "reason"));
    r.bind(2, id);
    r.exec();
  }
  if (p.contains("round")) {
    SQLite::Statement r(db, "UPDATE issue SET rounds = ? WHERE id = ?");
    r.bind(1, p.at("round").get<int>());
    r.bind(2, id);
    r.exec();
  }
  if (p.contains("level")) {
    SQLite::Statement r(db, "UPDATE issue SET escalated_to = ? WHERE id = ?");
    r.bind(1, text(p, "level"));
    r.bind(2, id);
    r.exec();
  }
  if (e.kind == "issue.escalate") {
    // The referral's lineage: which body, when, why, from which meeting.
    SQLite::Statement r(db, R"sql(
      INSERT INTO issue_escalation (issue, n, level, reason, meeting, seq, at, answer, answered_at)
      VALUES (?1, (SELECT coalesce(max(n), 0) + 1 FROM issue_escalation WHERE issue = ?1),
        ?2, ?3, ?4, ?5, ?6, '', ''))sql");
    r.bind(1, id);
    r.bind(2, p.value("level", std::string("street")));
    r.bind(3, text(p, "reason"));
    if (const auto m = p.find("meeting"); m != p.end() && !m->is_null())
      r.bind(4, m->get<std::int64_t>());
    else
      r.bind(4);
    r.bind(5, e.seq);
    r.bind(6, e.at);
    r.exec();
  }
  if (p.contains("answer")) {
    // The higher body's answer to the latest referral.
    SQLite::Statement r(db, R"sql(
      UPDATE issue_escalation SET answer = ?1, answered_at = ?2
      WHERE issue = ?3 AND n = (SELECT max(n) FROM issue_escalation WHERE issue = ?3))sql");
    r.bind(1, text(p, "answer"));
    r.bind(2, e.at);
    r.bind(3, id);
    r.exec();
  }
  if (p.contains("into")) {
    const auto into = p.at("into").get<std::int64_t>();
    SQLite::Statement r(db, "UPDATE issue SET merged_into = ? WHERE id = ?");
    r.bind(1, into);
    r.bind(2, id);
    r.exec();
    // The twin now speaks for the residents who raised this one too.
    SQLite::Statement t(db, "UPDATE issue SET raised_count = raised_count + ?, "
                            "updated_seq = ?, updated_at = ? WHERE id = ?");
    t.bind(1, p.at("count").get<int>());
    t.bind(2, e.seq);
    t.bind(3, e.at);
    t.bind(4, into);
    t.exec();
  }
}

/// The issue was changed by event `e`.
void touch_issue(SQLite::Database& db, const Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE issue SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  u.exec();
}

void apply_issue_comment(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, "INSERT INTO issue_comment (id, issue, round, author, body, seq, at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, p.at("comment").get<std::int64_t>());
  q.bind(2, p.at("id").get<std::int64_t>());
  q.bind(3, p.at("round").get<int>());
  q.bind(4, text(p, "author"));
  q.bind(5, text(p, "body"));
  q.bind(6, e.seq);
  q.bind(7, e.at);
  q.exec();
  touch_issue(db, e, p.at("id").get<std::int64_t>());
}

void apply_issue_feedback(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement q(db, "INSERT INTO issue_feedback (id, issue, satisfaction, comment, seq, at, "
                          "community, on_date) VALUES (?, ?, ?, ?, ?, ?, "
                          "(SELECT community FROM issue WHERE id = ?2), substr(?6, 1, 10))");
  q.bind(1, p.at("feedback").get<std::int64_t>());
  q.bind(2, p.at("id").get<std::int64_t>());
  q.bind(3, p.at("satisfaction").get<int>());
  q.bind(4, text(p, "comment"));
  q.bind(5, e.seq);
  q.bind(6, e.at);
  q.exec();
  SQLite::Statement c(db, "SELECT community FROM issue WHERE id = ?");
  c.bind(1, p.at("id").get<std::int64_t>());
  c.executeStep();
  tally(db, c.getColumn(0).getString(), e.at, "rating",
        std::to_string(p.at("satisfaction").get<int>()));
  touch_issue(db, e, p.at("id").get<std::int64_t>());
}

void apply_issue_priority(SQLite::Database& db, const Event& e, const json& p) {
  SQLite::Statement u(db, "UPDATE issue SET priority = ?, updated_seq = ?, updated_at = ? "
                          "WHERE id = ?");
  u.bind(1, text(p, "to"));
  u.bind(2, e.seq);
  u.bind(3, e.at);
  u.bind(4, p.at("id").get<std::int64_t>());
  u.exec();
}

/// An import: one event, its rows attached as items; each item is an issue.
void apply_issue_import(SQLite::Database& db, const Event& e, SQLite::Database& items) {
  SQLite::Statement rows(items, "SELECT data FROM event_item WHERE seq = ? ORDER BY n");
  rows.bind(1, e.seq);
  ImportProjector projector(db, e.seq, e.at);
  while (rows.executeStep())
    projector.add(IssueItem::from_json(json::parse(rows.getColumn(0).getString())));
  projector.finish();
}

} // namespace

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

/// Appends `s` as a JSON string the way canonical() writes it: `"` and `\`
/// escaped, the short escapes for \b \f \n \r \t, \u00xx for the other
/// control characters, everything else (UTF-8 included) as it is.
void put_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0; // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  out.append(s.substr(run));
  out += '"';
}

/// Appends an object of strings, keys in canonical (byte) order.
void put_object(std::string& out, const std::map<std::string, std::string>& object) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : object) {
    if (!first) out += ',';
    first = false;
    put_string(out, k);
    out += ':';
    put_string(out, v);
  }
  out += '}';
}

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
    put_string(out, value);
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
    put_object(out, extra);
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
      put_string(out, stakeholders[i]);
    }
    out += ']';
  }
  opt("time", time);
  str("title", title);
  out += '}';
  return {std::move(head), std::move(out)};
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
    put_object(extra, p.extra);
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

void apply(SQLite::Database& db, const Event& e, SQLite::Database* items) {
  json p;
  try {
    p = json::parse(e.payload);
  } catch (const json::exception& ex) {
    throw Error(ErrorKind::data,
                fmt::format("event {} has a payload that is not JSON: {}", e.seq, ex.what()));
  }
  try {
    if (e.kind == "ledger.init") return;
    if (e.kind == "community.sync") return apply_community_sync(db, e, p);
    if (e.kind == "issue.add") {
      const auto it = IssueItem::from_json(p);
      ImportProjector::Statements(db).insert(it, e.seq, e.at, false);
      tally(db, it.community, it.raised_on, "raised.channel", it.channel);
      tally(db, it.community, it.raised_on, "raised.category", it.category);
      return;
    }
    if (e.kind == "issue.comment") return apply_issue_comment(db, e, p);
    if (e.kind == "issue.priority") return apply_issue_priority(db, e, p);
    if (e.kind == "issue.feedback") return apply_issue_feedback(db, e, p);
    if (e.kind == "owners.import" || e.kind.rfind("vote.", 0) == 0 || e.kind == "decision.record" ||
        e.kind.rfind("action.", 0) == 0 || e.kind.rfind("minutes.", 0) == 0 ||
        e.kind.rfind("fund.", 0) == 0)
      return apply_vote(db, e, p, items ? *items : db);
    if (e.kind.rfind("meeting.", 0) == 0) return apply_meeting(db, e, p);
    if (e.kind == "issue.import") return apply_issue_import(db, e, items ? *items : db);
    if (e.kind.rfind("issue.", 0) == 0 && model::parse_action(e.kind.substr(6)))
      return apply_issue_transition(db, e, p);
  } catch (const json::exception& ex) {
    throw Error(ErrorKind::data,
                fmt::format("event {} ({}) has a malformed payload: {}", e.seq, e.kind, ex.what()));
  }
  throw Error(ErrorKind::data, fmt::format("event {} has an unknown kind '{}'", e.seq, e.kind), {},
              "this ledger may have been written by a newer consult");
}

} // namespace consult::ledger
