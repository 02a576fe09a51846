#pragma once
/// \file
/// Personal data (个人信息) as values: how each kind of personal field is
/// masked, and which kind an imported column holds.
///
/// Who a name belongs to — a resident, a member in a seat, a guest from a
/// body, a body — is recorded explicitly elsewhere (people.hpp); this module
/// knows only how to hide a value of a given kind. Every mask is a pure
/// function of the value: the same value always masks the same way, and no
/// mask ever returns the value unchanged when it holds a digit or a name
/// character that should be hidden.

#include <string>
#include <string_view>
#include <vector>

namespace consult::personal {

/// The kinds of personal field consult records.
enum class Field {
  name,       ///< a resident's name, or several joint owners' (马淑芬、杜永强)
  phone,      ///< mobile or landline numbers, possibly several in one cell
  id_number,  ///< a resident ID-card number (居民身份证号码) or another ID document's
  place,      ///< an address down to the door (3号楼2单元502室, 汀塘村3组12号)
  ip_address, ///< an IP address, and the place a questionnaire platform derived from it
  other,      ///< personal, of no kind above: hidden whole
  none,       ///< not personal data (an imported column classified as such)
};

/// A stored key for `f` ("name", "phone", "id_number", "place", "ip_address",
/// "other", "none").
std::string_view to_string(Field f) noexcept;

/// A resident's name with its middle hidden: 张三 -> 张*, 张小明 -> 张*明,
/// 欧阳小明 -> 欧阳*明 (compound surnames by list); several joint owners
/// separated by 、，,/; each masked: 马淑芬、杜永强 -> 马*芬、杜*强.
std::string mask_name(std::string_view name);

/// Phone numbers with their middle hidden: 13812341234 -> 138****1234,
/// 028-85551234 -> 028-****1234; several numbers in one cell each masked.
std::string mask_phone(std::string_view phone);

/// An ID number: never shown; every character but the separators hidden.
std::string mask_id_number(std::string_view id);

/// An address cut to the building (号楼, 栋, 幢, 座) or the village group
/// (组), whatever the digit script (3, ３, 三, 〇); "***" when it names a
/// door but no building.
std::string mask_place(std::string_view place);

/// An IP address with its host part hidden (203.0.113.* ); a derived place
/// cut like mask_place.
std::string mask_ip(std::string_view ip);

/// The mask for a value of kind `f`; `none` returns the value.
std::string mask(Field f, std::string_view value);

/// What an imported column holds, from its header (电话, 身份证号, 姓名,
/// 住址, 来自IP …) and its values (phone-like, ID-number-like): a column
/// matching none is `other` — personal until a mapping file says otherwise.
Field classify_column(std::string_view header, const std::vector<std::string>& values);

} // namespace consult::personal
