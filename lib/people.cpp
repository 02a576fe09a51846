#include "consult/people.hpp"

#include "consult/personal.hpp"
#include "consult/text.hpp"

namespace consult::people {

std::string_view to_string(Kind k) noexcept {
  switch (k) {
  case Kind::resident: return "resident";
  case Kind::member: return "member";
  case Kind::guest: return "guest";
  case Kind::body: return "body";
  }
  return "resident";
}

Directory::Directory(const config::Community& c) {
  for (const auto& seat : c.council.seats)
    for (const auto& m : seat.members)
      add(m.name, Kind::member);
  for (const auto& o : c.organisations)
    add(o, Kind::body);
}

void Directory::add(std::string_view name, Kind k) {
  const auto n = text::trim(name);
  if (n.empty() || k == Kind::resident) return;
  known_.emplace(std::string(n), k); // the first recording stands
}

Kind Directory::kind_of(std::string_view name) const {
  const auto it = known_.find(text::trim(name));
  return it == known_.end() ? Kind::resident : it->second;
}

std::string Directory::shown(std::string_view name, bool reveal) const {
  if (reveal || text::trim(name).empty() || kind_of(name) != Kind::resident)
    return std::string(text::trim(name));
  return personal::mask_name(name);
}

std::string Directory::shown_all(const std::vector<std::string>& names, bool reveal) const {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : "、") + shown(n, reveal);
  return out;
}

} // namespace consult::people
