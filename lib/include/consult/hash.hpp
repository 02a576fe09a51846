#pragma once
/// \file SHA-256 digests (OpenSSL libcrypto).

#include <string>
#include <string_view>

namespace consult::hash {

/// The SHA-256 digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

} // namespace consult::hash
