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

/// Text from outside — a cell, a header, an option's or a configuration
/// file's value — as a message quotes it: on one line (a line feed,
/// carriage return or tab shown as `\n`, `\r`, `\t`; anything else
/// terminal_safe() would not let through shown as it shows it), and at most
/// `max_columns` display columns, cut at a character boundary and ending in
/// "…" when it was cut. Reads no further into `s` than it shows: a 200 KB
/// cell costs what 80 columns do.
std::string quote_input(std::string_view s, std::size_t max_columns = 80);

} // namespace consult::text
