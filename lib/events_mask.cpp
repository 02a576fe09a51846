// Residents' personal data masked in event payloads, by what each key of the
// catalogue's payloads holds (consult/events_*.hpp). A key that holds a
// resident's name, phone or door is masked wherever it appears, in every
// kind; people recorded with a role keep their name only as a member, a
// guest or a body. tests/unit/test_events.cpp replays a ledger holding every
// kind and checks no planted value survives.

#include "consult/events.hpp"

#include "consult/personal.hpp"
#include "consult/sealing.hpp"

#include <string>
#include <vector>

namespace consult::events {

namespace {

using nlohmann::json;

bool named_role(const json& role) {
  return role.is_string() &&
         (role == "member" || role == "guest" || role == "body");
}

void walk(json& v);

/// Keys whose value is text someone typed: a title, a body, a note.
bool free_text(const std::string& key) {
  return ledger::free_text_key(key);
}

/// The residents a payload names in its fields for people: their names
/// are masked in its free text too.
void residents(const json& v, std::vector<std::string>& out) {
  if (v.is_array()) {
    for (const auto& x : v)
      residents(x, out);
    return;
  }
  if (!v.is_object()) return;
  if (v.contains("name") && v["name"].is_string() && !(v.contains("role") && named_role(v["role"])))
    if (!v.contains("role") || v["role"].is_string()) out.push_back(v["name"].get<std::string>());
  const bool named_party = v.contains("named") && v["named"].is_boolean() && v["named"].get<bool>();
  for (const auto& [key, x] : v.items()) {
    const bool person = key == "raised_by" || key == "speaker" || key == "voter" ||
                        key == "proxy" || key == "author" || key == "chair" ||
                        key == "recorder" || key == "owner" || (key == "party" && !named_party);
    if (person && x.is_string()) out.push_back(x.get<std::string>());
    if ((key == "stakeholders" || key == "proxies") && x.is_array())
      for (const auto& s : x)
        if (s.is_string()) out.push_back(s.get<std::string>());
    if (x.is_structured() && key != "config") residents(x, out); // the council, named
  }
}

/// Free text with the payload's residents, phones, ID numbers and doors
/// masked (personal::mask_in_text).
void mask_text(json& v, const std::vector<std::string>& names) {
  if (v.is_array()) {
    for (auto& x : v)
      mask_text(x, names);
    return;
  }
  if (!v.is_object()) return;
  for (auto& [key, x] : v.items()) {
    if (x.is_string() && (free_text(key) || key == "choice" || key == "option")) {
      x = personal::mask_in_text(x.get<std::string>(), names);
    } else if (key == "options" && x.is_array()) {
      // A vote's options as typed, and the counts and ballots by them:
      // masked alike, so that they still match.
      for (auto& o : x)
        if (o.is_string()) o = personal::mask_in_text(o.get<std::string>(), names);
    } else if (key == "counts" && x.is_object()) {
      json masked = json::object();
      for (auto& [option, n] : x.items()) {
        auto shown = personal::mask_in_text(option, names);
        // Two options that mask alike stay two (张*华方案, 张*华方案（2）).
        for (int k = 2; masked.contains(shown); ++k)
          shown = personal::mask_in_text(option, names) + "（" + std::to_string(k) + "）";
        masked[shown] = n;
      }
      x = std::move(masked);
    } else if (x.is_structured() && key != "config") {
      mask_text(x, names);
    }
  }
}

/// A person: a bare name (a resident), or {name, role} recorded in a
/// document.
void mask_person(json& v) {
  if (v.is_string())
    v = personal::mask_name(v.get<std::string>());
  else
    walk(v);
}

void walk(json& v) {
  if (v.is_array()) {
    for (auto& x : v)
      walk(x);
    return;
  }
  if (!v.is_object()) return;
  if (v.contains("name") && v["name"].is_string() && v.contains("role") &&
      !named_role(v["role"]))
    v["name"] = personal::mask_name(v["name"].get<std::string>());
  const bool named_party = v.contains("named") && v["named"].is_boolean() && v["named"].get<bool>();
  for (auto& [key, x] : v.items()) {
    if (key == "raised_by" || key == "speaker" || key == "voter" || key == "proxy" ||
        key == "author" || key == "chair" || key == "recorder" || key == "owner") {
      // An action's owner is a body or a person in a role as a rule, but the
      // payload does not say which: masked, like a chair (and an owner on
      // the owners' roster is a resident).
      mask_person(x);
    } else if (key == "by" && (x.is_string() || x.is_array())) {
      // Who approved or amended minutes: councillors as a rule, but the
      // payload does not say; masked like a speaker.
      if (x.is_string()) x = personal::mask_name(x.get<std::string>());
      else
        for (auto& n : x)
          if (n.is_string()) n = personal::mask_name(n.get<std::string>());
    } else if (key == "phone" && x.is_string()) {
      x = personal::mask_phone(x.get<std::string>());
    } else if (key == "place" && x.is_string()) {
      x = personal::mask_place(x.get<std::string>());
    } else if (key == "units" && x.is_array()) {
      // An owner's units (a ballot): their address.
      for (auto& u : x)
        if (u.is_string()) u = personal::mask_place(u.get<std::string>());
    } else if (key == "party" && x.is_string()) {
      if (!named_party) x = personal::mask_name(x.get<std::string>());
    } else if (key == "stakeholders" || key == "proxies" || key == "voters") {
      // Names, or {name, …} without a role in documents approved before
      // roles were recorded for them; a vote's voters (members as a rule,
      // residents at a building group's meeting: the payload does not say
      // which, so masked like a speaker).
      if (x.is_array())
        for (auto& s : x) {
          if (s.is_string())
            s = personal::mask_name(s.get<std::string>());
          else if (s.is_object() && s.contains("name") && s["name"].is_string() &&
                   !s.contains("role"))
            s["name"] = personal::mask_name(s["name"].get<std::string>());
          else
            walk(s);
        }
    } else if (key == "config") {
      // community.sync: the council's members and the organisations, named.
    } else if (key == "extra" && x.is_object()) {
      for (auto& [header, value] : x.items())
        if (value.is_string()) {
          const auto cell = value.get<std::string>();
          value = personal::mask(personal::classify_column(header, {cell}), cell);
        }
    } else {
      walk(x);
    }
  }
}

} // namespace

json masked_payload(std::string_view, const json& payload, const std::vector<std::string>& more) {
  std::vector<std::string> names = more;
  residents(payload, names);
  json out = payload;
  walk(out);
  mask_text(out, names);
  return out;
}

} // namespace consult::events
