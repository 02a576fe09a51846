// The privacy family: privacy.reveal changes no table; `consult log
// --reveals` lists the events themselves (entity "privacy").

#include "projection.hpp"

#include "consult/events_privacy.hpp"

namespace consult::events {

using nlohmann::json;

json PrivacyReveal::to_json() const {
  return {{"command", command}, {"community", community}, {"login", login}, {"records", records}};
}

PrivacyReveal PrivacyReveal::from_json(const json& p) {
  PrivacyReveal r;
  r.command = text(p, "command");
  r.community = text(p, "community");
  r.login = text(p, "login");
  r.records = p.at("records");
  return r;
}

json PrivacyForget::to_json() const {
  json j = {{"reason", reason}, {"login", login},   {"residents", residents}, {"issues", issues},
            {"values", values}, {"items", items}, {"items_sha256", items_sha256}};
  if (retain_years) j["retain_years"] = *retain_years;
  return j;
}

PrivacyForget PrivacyForget::from_json(const json& p) {
  PrivacyForget f;
  f.reason = text(p, "reason");
  f.login = text(p, "login");
  f.residents = p.at("residents").get<std::int64_t>();
  f.issues = p.at("issues").get<std::vector<std::int64_t>>();
  if (p.contains("retain_years")) f.retain_years = p.at("retain_years").get<int>();
  f.values = p.at("values").get<std::int64_t>();
  f.items = p.at("items").get<std::int64_t>();
  f.items_sha256 = text(p, "items_sha256");
  return f;
}

const std::vector<Kind>& privacy_kinds() {
  static const std::vector<Kind> kKinds = {
      {kPrivacyReveal, "privacy", 9, nullptr, false, payload_type<PrivacyReveal>},
      {kPrivacyForget, "privacy", 10, nullptr, true, payload_type<PrivacyForget>},
  };
  return kKinds;
}

} // namespace consult::events
