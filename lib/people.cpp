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
  // Members of the other bodies act in a public role too (a building
  // group's head, the owners' committee); the bodies themselves are named.
  for (const auto& b : c.bodies) {
    for (const auto& m : b.members)
      add(m.name, Kind::member);
    if (b.configured) add(b.name, Kind::body);
  }
  for (const auto& o : c.organisations)
    add(o, Kind::body);
  for (const auto& a : c.authorities)
    add(a.name, Kind::body);
}

void Directory::add(std::string_view name, Kind k) {
  const auto n = std::string(text::trim(name));
  if (n.empty()) return;
  switch (k) {
  case Kind::member: members_.insert(n); break;
  case Kind::guest: guests_.insert(n); break;
  case Kind::body: organisations_.insert(n); break;
  case Kind::resident: residents_.insert(n); break;
  }
}

Kind Directory::kind_of(std::string_view name, Field f) const {
  const auto n = text::trim(name);
  // A body is never a resident: a name the community lists as an
  // organisation is one in every field.
  if (organisations_.contains(n)) return Kind::body;
  if (f == Field::resident || residents_.contains(n)) return Kind::resident;
  if (members_.contains(n)) return Kind::member;
  if (f == Field::speaker && guests_.contains(n)) return Kind::guest;
  return Kind::resident;
}

std::string Directory::shown(std::string_view name, Field f, bool reveal) const {
  if (reveal || text::trim(name).empty() || kind_of(name, f) != Kind::resident)
    return std::string(text::trim(name));
  return personal::mask_name(name);
}

std::string Directory::shown_all(const std::vector<std::string>& names, Field f,
                                 bool reveal) const {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : "、") + shown(n, f, reveal);
  return out;
}

} // namespace consult::people
