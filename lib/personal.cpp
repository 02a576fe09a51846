#include "consult/personal.hpp"

#include "consult/text.hpp"

namespace consult::personal {

std::string_view to_string(Field f) noexcept {
  switch (f) {
  case Field::name: return "name";
  case Field::phone: return "phone";
  case Field::id_number: return "id_number";
  case Field::place: return "place";
  case Field::ip_address: return "ip_address";
  case Field::other: return "other";
  case Field::none: return "none";
  }
  return "other";
}

// First versions delegating to the older helpers; to be replaced.
std::string mask_name(std::string_view name) { return text::mask_name(name); }
std::string mask_phone(std::string_view phone) { return text::mask_phone(phone); }
std::string mask_id_number(std::string_view id) { return std::string(id.size(), '*'); }
std::string mask_place(std::string_view place) {
  for (std::string_view mark : {"号楼", "栋", "幢", "座"}) {
    const auto at = place.find(mark);
    if (at != std::string_view::npos) return std::string(place.substr(0, at + mark.size()));
  }
  for (char c : place)
    if (c >= '0' && c <= '9') return "***";
  return std::string(place);
}
std::string mask_ip(std::string_view ip) { return std::string(ip.size(), '*'); }

std::string mask(Field f, std::string_view value) {
  switch (f) {
  case Field::name: return mask_name(value);
  case Field::phone: return mask_phone(value);
  case Field::id_number: return mask_id_number(value);
  case Field::place: return mask_place(value);
  case Field::ip_address: return mask_ip(value);
  case Field::none: return std::string(value);
  case Field::other: break;
  }
  return value.empty() ? std::string() : std::string("***");
}

Field classify_column(std::string_view, const std::vector<std::string>&) { return Field::other; }

} // namespace consult::personal
