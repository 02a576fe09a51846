#pragma once
/// \file
/// Personal data (个人信息) as values: how each kind of personal field is
/// masked, and which kind an imported column holds.
///
/// Who a name belongs to — a resident, a member in a seat, a guest from a
/// body, a body — is recorded explicitly elsewhere (people.hpp); this module
/// knows only how to hide a value of a given kind. Every mask is a pure
/// function of the value: the same value always masks the same way, and no
/// mask returns a value unchanged that holds a digit or a name character
/// that should be hidden. (A place without a door number and a phone cell's
/// words, such as 白天, are not hidden.)

#include <optional>
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

/// Whether `text` is what `consult forget` leaves in place of a resident's
/// name (〔已删除N-K〕, consult/forget.hpp): not personal data, shown as it is.
bool erased_mark(std::string_view text);

/// A resident's name with its middle hidden: its surname, stars, its last
/// character. 张三 -> 张*, 张小明 -> 张*明; a compound surname (欧阳, 司马,
/// 上官, … by list, not by length) is kept whole: 欧阳立方 -> 欧阳*方, 欧阳立 ->
/// 欧阳*; a four-character name with a single surname keeps one: 王欧阳丽 ->
/// 王**丽. Joint owners separated by 、，,/；; are each masked, the separators
/// kept: 马淑芬、杜永强 -> 马*芬、杜*强. A name in letters keeps each word's first
/// letter: "Li Ming" -> "L* M*". Only a value of one character (a surname on
/// its own) is returned as it is.
std::string mask_name(std::string_view name);

/// Phone numbers with their middle hidden, written with ASCII digits:
/// mobiles 13812341234, 138-1234-1234, １３８１２３４１２３４ -> 138****1234
/// (+86 138 1234 1234 -> +86 138****1234); landlines with their area code
/// kept as written, 028-85551234 -> 028-****1234, (028)85551234 ->
/// (028)****1234, 85551234 -> ****1234. Runs of fewer than seven digits
/// (an extension: 转801 -> 转***) are hidden whole. Several numbers in one
/// cell are each masked, what separates them kept: 13900001234 / 13900005678
/// -> 139****1234 / 139****5678.
std::string mask_phone(std::string_view phone);

/// An ID number (居民身份证号码 or another document's): never shown; every
/// character but spaces and hyphens hidden, so only its length is left.
std::string mask_id_number(std::string_view id);

/// An address cut to the building (号楼, 号院, 栋, 幢, 座, 3#) or the village
/// group (组), whatever the digit script (3, ３, 三, 〇) — 5号楼2单元502室 ->
/// 5号楼, 汀塘村3组12号 -> 汀塘村3组. Without a building, a door number is
/// hidden and the named area before it kept (和平小区1203室 -> 和平小区,
/// Ｂ区１２－３０１ -> Ｂ区), "***" when nothing comes before it (三单元五〇二室,
/// 1203室). A place that names no door (小区东门, 中心广场) is returned as it is.
std::string mask_place(std::string_view place);

/// Free text (an opinion, an outcome's note, a title) as a public document
/// may print it: each of `names` — the residents a record holds, given by
/// the record, never found by guessing — masked wherever it occurs (names of
/// one character are left, they would mask unrelated words), and every
/// mobile number (11 digits from 1) and ID-card number (15 or 18 characters)
/// masked. Digits may be ASCII or full-width.
///
/// `rules`: which numbers and doors are found. Documents are made again to
/// verify them (`consult verify --export`), so a writer keeps the rules it
/// was made with: TextRules::writer2 is how documents of writer 2 found
/// them (a phone run on into a building number, 13812341234，7栋, was not
/// found, nor a door before 门口, 家, 楼下); TextRules::current finds them.
enum class TextRules { writer2, current };
std::string mask_in_text(std::string_view text, const std::vector<std::string>& names,
                         TextRules rules = TextRules::current);

/// Free text with numbers erased, not masked (`consult forget`): each
/// written number (any separators, ASCII or full-width digits, a +86 before
/// it) whose digits end with one of `only`, or with `only` empty each mobile
/// and ID-card number, becomes 〔已删除〕; with `doors`, door addresses are cut
/// to the building as mask_place does.
std::string erase_numbers_in_text(std::string_view text, const std::vector<std::string>& only,
                                  bool doors);

/// IP addresses with their host part hidden: IPv4 203.0.113.7 -> 203.0.*.*,
/// IPv6 its first two groups (2001:db8:*:*:*:*:*:*); several in one cell each
/// masked. The place a questionnaire platform derived from the address, in
/// brackets after it (203.0.113.7(四川-成都)), is hidden whole: (***).
/// Anything that is not an address -> "***".
std::string mask_ip(std::string_view ip);

/// The mask for a value of kind `f`; `none` returns the value; `other`
/// returns "***" (an empty value stays empty).
std::string mask(Field f, std::string_view value);

/// What an imported column holds. By its header first (手机, 电话, 联系方式 ->
/// phone; 身份证号, 证件号码, ID -> id_number; 姓名, 联系人, 户主, 填写人 ->
/// name; 住址, 门牌号, 房号 -> place; 来自IP, IP地址 -> ip_address; 来源地区,
/// IP属地, 来源详情 -> other; questionnaire bookkeeping such as 序号, 所用时间
/// -> none): the word that ends last decides (联系人电话 is a phone). A phone
/// header over values none of which is a phone number is `other`. When the
/// header names nothing (or names bookkeeping), by its values: most of those
/// not empty ID-number-like (15 or 18 characters with a date of birth that
/// exists) -> id_number, IP addresses -> ip_address, phone numbers -> phone.
/// Anything else is `other`: extra columns are free text residents wrote,
/// personal until shown otherwise.
Field classify_column(std::string_view header, const std::vector<std::string>& values);

/// The kind a column's header alone names (classify_column()'s first step),
/// if it names one.
std::optional<Field> header_kind(std::string_view header);

/// One cell of an imported column masked by its kind, classified from its
/// header and this value alone: what consult shows of an issue's extra
/// columns unless asked to reveal them (so ledgers written before any
/// classification existed are covered too).
std::string mask_column(std::string_view header, std::string_view value);

} // namespace consult::personal
