#include "consult/reveal.hpp"

#include "consult/error.hpp"
#include "consult/events_privacy.hpp"

namespace consult::reveal {

namespace {

Reveal from_event(const ledger::Event& e) {
  const auto p = events::PrivacyReveal::from_json(nlohmann::json::parse(e.payload));
  return {e.seq, e.at, e.actor, p.login, p.command, p.community, p.records};
}

} // namespace

Reveal record(ledger::Ledger& ledger, const std::string& command, const std::string& community,
              const nlohmann::json& records, const std::string& login) {
  if (!records.is_object())
    throw Error(ErrorKind::internal, "a reveal's records are an object of numbers");
  for (const auto& [what, ids] : records.items())
    for (const auto& id : ids)
      if (!id.is_number_integer())
        throw Error(ErrorKind::internal, "a reveal records numbers only, not " + what);
  events::PrivacyReveal p;
  p.command = command;
  p.community = community;
  p.login = login;
  p.records = records;
  Reveal out;
  ledger.write([&] {
    const auto e = ledger.append(events::kPrivacyReveal, p.entity(), p.to_json());
    out = from_event(e);
  });
  return out;
}

std::vector<Reveal> list(ledger::Ledger& ledger) {
  std::vector<Reveal> out;
  for (const auto& e : ledger.events("privacy"))
    if (e.kind == events::kPrivacyReveal) out.push_back(from_event(e));
  return out;
}

nlohmann::json to_json(const Reveal& r) {
  return {{"seq", r.seq},         {"at", r.at},
          {"actor", r.actor},     {"login", r.login},
          {"command", r.command},
          {"community", r.community}, {"records", r.records}};
}

} // namespace consult::reveal
