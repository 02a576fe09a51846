#include "consult/history.hpp"

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/events.hpp"
#include "consult/fund.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/people.hpp"
#include "consult/votes.hpp"

#include <charconv>
#include <map>
#include <optional>

namespace consult::history {

namespace {

using nlohmann::json;

/// "meeting:3" → {"meeting", 3}; nothing for an entity without a number.
std::optional<std::pair<std::string, std::int64_t>> parse_entity(const std::string& entity) {
  const auto colon = entity.find(':');
  if (colon == std::string::npos) return std::nullopt;
  std::int64_t id = 0;
  const char* first = entity.data() + colon + 1;
  const char* last = entity.data() + entity.size();
  const auto [end, ec] = std::from_chars(first, last, id);
  if (ec != std::errc() || end != last || first == last) return std::nullopt;
  return std::make_pair(entity.substr(0, colon), id);
}

/// The residents of the records an entity is about, read once per entity.
class Context {
public:
  Context(ledger::Ledger& ledger, const config::Config* config) : ledger_(ledger), config_(config) {}

  const std::vector<std::string>& of(const std::string& entity) {
    const auto it = cache_.find(entity);
    if (it != cache_.end()) return it->second;
    return cache_[entity] = read(entity);
  }

private:
  const config::Community& community(const std::string& id) {
    const auto* c = config_ ? config_->find(id) : nullptr;
    return c ? *c : none_;
  }

  std::vector<std::string> of_issue(std::int64_t id, const std::string& community_id = {},
                                    std::optional<std::int64_t> meeting = std::nullopt) {
    const auto issue = issues::find(ledger_, id);
    if (!issue) return {};
    const people::Directory who(community(community_id.empty() ? issue->community : community_id));
    auto out = issues::residents(*issue, &who);
    const auto of_meeting = meetings::residents(ledger_, who, meeting);
    out.insert(out.end(), of_meeting.begin(), of_meeting.end());
    return out;
  }

  std::vector<std::string> read(const std::string& entity) {
    const auto e = parse_entity(entity);
    if (!e) return {};
    const auto& [what, id] = *e;
    if (what == "issue") return of_issue(id);
    if (what == "meeting") {
      const auto m = meetings::find(ledger_, id);
      return m ? meetings::residents(community(m->community), *m) : std::vector<std::string>();
    }
    // A vote or a decision taken at a meeting: its issue's residents and the
    // meeting's, as its minutes mask them.
    if (what == "vote") {
      const auto v = votes::find(ledger_, id);
      return v ? of_issue(v->issue, v->community, v->meeting) : std::vector<std::string>();
    }
    if (what == "decision") {
      const auto d = decisions::find(ledger_, id);
      return d ? of_issue(d->issue, d->community, d->meeting) : std::vector<std::string>();
    }
    if (what == "action") {
      const auto a = actions::find(ledger_, id);
      if (!a) return {};
      auto out = of_issue(a->issue);
      const people::Directory who(community(a->community));
      if (who.kind_of(a->owner, people::Field::proxy) == people::Kind::resident)
        out.push_back(a->owner);
      return out;
    }
    if (what == "fund") {
      const auto f = fund::find(ledger_, id);
      return f && f->issue ? of_issue(*f->issue) : std::vector<std::string>();
    }
    return {};
  }

  ledger::Ledger& ledger_;
  const config::Config* config_;
  const config::Community none_;
  std::map<std::string, std::vector<std::string>> cache_;
};

} // namespace

std::vector<Shown> shown(ledger::Ledger& ledger, std::vector<ledger::Event> events, bool reveal,
                         const config::Config* config) {
  std::vector<Shown> out;
  out.reserve(events.size());
  Context context(ledger, config);
  for (auto& e : events) {
    Shown s;
    s.stored_payload = e.payload;
    e.payload = ledger::canonical(ledger.payload_of(e));
    if (!reveal) {
      const auto p = json::parse(e.payload, nullptr, false);
      if (!p.is_discarded()) e.payload = events::masked_payload(e.kind, p, context.of(e.entity)).dump();
    }
    s.event = std::move(e);
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace consult::history
