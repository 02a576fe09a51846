#pragma once
/// \file
/// Text helpers that know about UTF-8 and East Asian display width.

#include <string>
#include <string_view>

namespace consult::text {

/// True if `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s) noexcept;

/// Columns `s` takes on a terminal: CJK characters count 2, combining marks 0.
/// Invalid bytes count 1 each.
std::size_t display_width(std::string_view s) noexcept;

/// `s` cut to at most `width` columns, ending in "…" when it was cut.
std::string truncate_to_width(std::string_view s, std::size_t width);

/// `s` padded with spaces on the right to `width` columns.
std::string pad_right(std::string_view s, std::size_t width);

/// `s` padded with spaces on the left to `width` columns.
std::string pad_left(std::string_view s, std::size_t width);

/// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s) noexcept;

/// personal::mask_name(), for the callers that still guess who is a person
/// (mask_person and theirs); new code calls personal:: directly.
std::string mask_name(std::string_view name);

/// True if `name` reads as a person's name rather than a body or a group:
/// not ending in words such as 公司, 物业, 委员会, 住户, 业主, 居民, 代表, 局,
/// 中心, and without digits ("3号楼顶层住户"). Stakeholders are both.
bool personal_name(std::string_view name);

/// mask_name() for a person's name; a body's or group's name unchanged.
std::string mask_person(std::string_view name);

/// True if `phone` looks like a phone number: digits with optional
/// leading '+', spaces and hyphens, 5 to 20 digits.
bool plausible_phone(std::string_view phone) noexcept;

/// Lower-cased ASCII copy of `s` (non-ASCII bytes unchanged).
std::string ascii_lower(std::string_view s);

/// One line: control characters (line breaks, tabs) replaced by spaces.
std::string one_line(std::string_view s);

/// `s` made safe to show on a terminal: control characters other than line
/// feed and tab (C0, DEL, C1 — an escape sequence could move the cursor,
/// recolour or retitle the window), the bidirectional overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069, which can make text read in
/// another order than it is stored) and the line and paragraph separators
/// (U+2028, U+2029) are shown as `\x1b` or `<U+202E>`; bytes that are not
/// UTF-8 as `\xff`. Everything else, Chinese included, as it is.
std::string terminal_safe(std::string_view s);

} // namespace consult::text
