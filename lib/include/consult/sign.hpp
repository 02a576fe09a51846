#pragma once
/// \file
/// Ed25519 signatures (OpenSSL libcrypto): a community's key pair, signing
/// and checking a statement, the key's file and the text forms of its
/// public half. No ledger here: `witness` builds checkpoints on it, and
/// `config` checks the `public_key` a community file carries.
///
/// The private key is a PEM file (PKCS #8) kept outside the ledger, mode
/// 0600; the public key is written `ed25519:` and the 32 bytes of the key in
/// base64, as it stands in the community's TOML file.

#include <optional>
#include <string>
#include <string_view>

namespace consult::sign {

/// The prefix of a public key's text form.
inline constexpr std::string_view kPublicKeyPrefix = "ed25519:";

/// Standard base64 (RFC 4648, with padding).
std::string base64(std::string_view bytes);
/// The bytes of standard base64 text; nullopt if it is not exactly that
/// (wrong characters, length or padding).
std::optional<std::string> unbase64(std::string_view text);

/// A new key pair.
struct KeyPair {
  std::string private_pem; ///< PKCS #8 PEM text
  std::string public_key;  ///< "ed25519:BASE64"
};
KeyPair generate();

/// The public key ("ed25519:BASE64") of a private key's PEM text.
/// Error(data) if the text is not an Ed25519 private key.
std::string public_key_of(const std::string& private_pem);

/// Whether `text` is a public key's text form: "ed25519:" and 32 bytes in base64.
bool valid_public_key(std::string_view text);

/// The signature (base64) of `message` with the private key.
/// Error(data) if the PEM text is not an Ed25519 private key.
std::string sign(const std::string& private_pem, std::string_view message);

/// Whether `signature` (base64) is the signature of `message` by the holder
/// of `public_key` ("ed25519:BASE64"). False for a malformed key or signature.
bool verify(std::string_view public_key, std::string_view message, std::string_view signature);

/// Writes a private key to `path`, a new file of mode 0600 (created
/// exclusively, then linked into place, so an existing file is never
/// replaced unless `replace`). Error(cant_create) if `path` exists and
/// `replace` is false, or it cannot be written; nothing is left behind on
/// failure.
void write_private_key(const std::string& path, const std::string& private_pem, bool replace);

/// Reads a private key's PEM text from `path`. Error(no_input) if it does
/// not exist; Error(config) if group or others may read it (the fix:
/// chmod 600); Error(data) if it is not an Ed25519 private key.
std::string read_private_key(const std::string& path);

} // namespace consult::sign
