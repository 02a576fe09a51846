// The projector's part for votes: how vote.open, vote.cast, vote.tally,
// vote.extend and vote.close change the vote tables; and the payload types of
// the vote family (consult/events_vote.hpp), which the writer uses too.

#include "projection.hpp"

#include "consult/events_vote.hpp"

namespace consult::events {

using nlohmann::json;

namespace {

using ledger::canonical;

void touch_vote(SQLite::Database& db, const ledger::Event& e, std::int64_t id) {
  SQLite::Statement u(db, "UPDATE vote SET updated_seq = ?, updated_at = ? WHERE id = ?");
  u.bind(1, e.seq);
  u.bind(2, e.at);
  u.bind(3, id);
  expect_one(u.exec(), e, "vote", id);
}

json voters_json(const std::vector<VoteOpen::Voter>& voters) {
  json out = json::array();
  for (const auto& v : voters) {
    json one = {{"name", v.name}};
    if (v.proxy) one["proxy"] = *v.proxy;
    out.push_back(std::move(one));
  }
  return out;
}

void project_open(const Apply& a) {
  const auto v = VoteOpen::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO vote (id, community, meeting, issue, question, options, method, profile, matter,
      electorate, members, eligible, area_total, voters, closes_at, status, counts, result,
      reason, created_seq, created_at, updated_seq, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?17, ?14, 'open', '{}', '',
      '', ?15, ?16, ?15, ?16))sql");
  q.bind(1, v.id);
  q.bind(2, v.community);
  if (v.meeting)
    q.bind(3, *v.meeting);
  else
    q.bind(3);
  q.bind(4, v.issue);
  q.bind(5, v.question);
  q.bind(6, canonical(json(v.options)));
  q.bind(7, v.method);
  q.bind(8, v.profile);
  q.bind(9, v.matter);
  q.bind(10, v.electorate);
  q.bind(11, v.members);
  q.bind(12, v.eligible);
  q.bind(13, v.area_total);
  q.bind(14, v.closes_at);
  q.bind(15, a.event.seq);
  q.bind(16, a.event.at);
  q.bind(17, canonical(voters_json(v.voters.value_or(std::vector<VoteOpen::Voter>{}))));
  q.exec();
  // A vote at a meeting holds the agenda item's consultation round.
  if (v.round && v.meeting) {
    SQLite::Statement r(a.db, "UPDATE meeting_item SET round = ? WHERE meeting = ? AND issue = ?");
    r.bind(1, *v.round);
    r.bind(2, *v.meeting);
    r.bind(3, v.issue);
    r.exec();
  }
}

void project_cast(const Apply& a) {
  const auto c = VoteCast::from_json(a.payload);
  SQLite::Statement q(a.db, "INSERT INTO vote_ballot (vote, voter, units, area, choice, seq, at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, c.id);
  q.bind(2, c.voter);
  q.bind(3, canonical(json(c.units.value_or(std::vector<std::string>{}))));
  q.bind(4, c.area.value_or(0));
  q.bind(5, c.choice);
  q.bind(6, a.event.seq);
  q.bind(7, a.event.at);
  q.exec();
  touch_vote(a.db, a.event, c.id);
}

void project_tally(const Apply& a) {
  const auto t = VoteTally::from_json(a.payload);
  SQLite::Statement q(a.db, "UPDATE vote SET counts = ? WHERE id = ?");
  q.bind(1, canonical(json(t.counts)));
  q.bind(2, t.id);
  expect_one(q.exec(), a.event, "vote", t.id);
  touch_vote(a.db, a.event, t.id);
}

void project_extend(const Apply& a) {
  const auto x = VoteExtend::from_json(a.payload);
  SQLite::Statement ins(a.db, R"sql(
    INSERT INTO vote_extension (vote, n, closes_at, before, reason, seq, at)
    VALUES (?1, (SELECT coalesce(max(n), 0) + 1 FROM vote_extension WHERE vote = ?1),
      ?2, ?3, ?4, ?5, ?6))sql");
  ins.bind(1, x.id);
  ins.bind(2, x.closes_at);
  ins.bind(3, x.before);
  ins.bind(4, x.reason);
  ins.bind(5, a.event.seq);
  ins.bind(6, a.event.at);
  ins.exec();
  SQLite::Statement q(a.db, "UPDATE vote SET closes_at = ? WHERE id = ?");
  q.bind(1, x.closes_at);
  q.bind(2, x.id);
  expect_one(q.exec(), a.event, "vote", x.id);
  touch_vote(a.db, a.event, x.id);
}

void project_close(const Apply& a) {
  const auto c = VoteClose::from_json(a.payload);
  SQLite::Statement q(
      a.db, "UPDATE vote SET status = 'closed', counts = ?, result = ?, reason = ?, closed_on = ? "
            "WHERE id = ?");
  q.bind(1, canonical(json(c.counts)));
  q.bind(2, c.result);
  q.bind(3, c.reason);
  q.bind(4, a.event.at.substr(0, 10));
  q.bind(5, c.id);
  expect_one(q.exec(), a.event, "vote", c.id);
  SQLite::Statement v(a.db, "SELECT community FROM vote WHERE id = ?");
  v.bind(1, c.id);
  v.executeStep();
  const auto community = v.getColumn(0).getString();
  tally(a.db, community, a.event.at, "votes", "");
  if (c.result == "approved") tally(a.db, community, a.event.at, "passed", "");
  touch_vote(a.db, a.event, c.id);
}

} // namespace

std::string vote_entity(std::int64_t id) {
  return fmt::format("vote:{}", id);
}

std::string VoteOpen::entity() const {
  return vote_entity(id);
}

json VoteOpen::to_json() const {
  json p = {{"id", id},
            {"community", community},
            {"meeting", id_or_null(meeting)},
            {"issue", issue},
            {"question", question},
            {"options", options},
            {"method", method},
            {"profile", profile},
            {"matter", matter},
            {"electorate", electorate},
            {"members", members},
            {"eligible", eligible},
            {"area_total", area_total},
            {"closes_at", closes_at}};
  if (voters) p["voters"] = voters_json(*voters);
  if (round) p["round"] = *round;
  return p;
}

VoteOpen VoteOpen::from_json(const json& p) {
  VoteOpen v;
  v.id = integer(p, "id");
  v.community = text(p, "community");
  v.meeting = optional<std::int64_t>(p, "meeting");
  v.issue = integer(p, "issue");
  v.question = text(p, "question");
  v.options = p.at("options").get<std::vector<std::string>>();
  v.method = text(p, "method");
  v.profile = text(p, "profile");
  v.matter = integer(p, "matter");
  v.electorate = text(p, "electorate");
  v.members = integer(p, "members");
  v.eligible = integer(p, "eligible");
  v.area_total = integer(p, "area_total");
  if (const auto it = p.find("voters"); it != p.end()) {
    v.voters.emplace();
    for (const auto& one : *it)
      v.voters->push_back({one.at("name").get<std::string>(), optional<std::string>(one, "proxy")});
  }
  v.closes_at = text(p, "closes_at");
  v.round = optional<int>(p, "round");
  return v;
}

std::string VoteCast::entity() const {
  return vote_entity(id);
}

json VoteCast::to_json() const {
  json p = {{"id", id}, {"voter", voter}, {"choice", choice}};
  if (units) p["units"] = *units;
  if (area) p["area"] = *area;
  return p;
}

VoteCast VoteCast::from_json(const json& p) {
  VoteCast c;
  c.id = integer(p, "id");
  c.voter = text(p, "voter");
  c.choice = text(p, "choice");
  c.units = optional<std::vector<std::string>>(p, "units");
  c.area = optional<std::int64_t>(p, "area");
  return c;
}

std::string VoteTally::entity() const {
  return vote_entity(id);
}

json VoteTally::to_json() const {
  return {{"id", id}, {"counts", counts}};
}

VoteTally VoteTally::from_json(const json& p) {
  VoteTally t;
  t.id = integer(p, "id");
  t.counts = p.at("counts").get<VoteCounts>();
  return t;
}

std::string VoteExtend::entity() const {
  return vote_entity(id);
}

json VoteExtend::to_json() const {
  return {{"id", id}, {"closes_at", closes_at}, {"before", before}, {"reason", reason}};
}

VoteExtend VoteExtend::from_json(const json& p) {
  VoteExtend x;
  x.id = integer(p, "id");
  x.closes_at = text(p, "closes_at");
  x.before = text(p, "before");
  x.reason = text(p, "reason");
  return x;
}

std::string VoteClose::entity() const {
  return vote_entity(id);
}

json VoteClose::to_json() const {
  return {{"id", id},
          {"counts", counts},
          {"result", result},
          {"reason", reason},
          {"decision", decision}};
}

VoteClose VoteClose::from_json(const json& p) {
  VoteClose c;
  c.id = integer(p, "id");
  c.counts = p.at("counts").get<VoteCounts>();
  c.result = text(p, "result");
  c.reason = text(p, "reason");
  c.decision = integer(p, "decision");
  return c;
}

const std::vector<Kind>& vote_kinds() {
  static const std::vector<Kind> kKinds = {
      {kVoteOpen, "vote", 4, project_open, false, payload_type<VoteOpen>},
      {kVoteCast, "vote", 4, project_cast, false, payload_type<VoteCast>},
      {kVoteTally, "vote", 4, project_tally, false, payload_type<VoteTally>},
      {kVoteExtend, "vote", 4, project_extend, false, payload_type<VoteExtend>},
      {kVoteClose, "vote", 4, project_close, false, payload_type<VoteClose>},
  };
  return kKinds;
}

} // namespace consult::events
