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

const std::vector<Kind>& privacy_kinds() {
  static const std::vector<Kind> kKinds = {
      {kPrivacyReveal, "privacy", 9, nullptr, false, payload_type<PrivacyReveal>},
  };
  return kKinds;
}

} // namespace consult::events
