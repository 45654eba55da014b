//! Profile ids and edit tokens (server only): random bits from the operating system, written as
//! lowercase hex. Only the sha256 of a token is stored.

use sha2::{Digest, Sha256};

/// 16 random bytes: 128 bits, as the issue asks for unguessable ids.
const ID_BYTES: usize = 16;
/// 32 random bytes: 256 bits for the secret that allows editing.
const TOKEN_BYTES: usize = 32;

fn random_hex<const N: usize>() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A new profile id: 32 hex digits.
pub fn new_id() -> Result<String, getrandom::Error> {
    random_hex::<ID_BYTES>()
}

/// A new edit token: 64 hex digits.
pub fn new_token() -> Result<String, getrandom::Error> {
    random_hex::<TOKEN_BYTES>()
}

/// What is stored for a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `text` could be a profile id; anything else is answered 404 without a query.
pub fn is_id(text: &str) -> bool {
    text.len() == ID_BYTES * 2
        && text
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether `text` could be an edit token.
pub fn is_token(text: &str) -> bool {
    text.len() == TOKEN_BYTES * 2
        && text
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_tokens_are_random_hex_of_the_right_length() {
        let (first, second) = (new_id().unwrap(), new_id().unwrap());
        assert!(is_id(&first) && is_id(&second));
        assert_ne!(first, second);
        let token = new_token().unwrap();
        assert!(is_token(&token));
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(token_hash(&token), token);
    }

    #[test]
    fn lookalikes_are_not_ids() {
        assert!(!is_id("../../etc/passwd"));
        assert!(!is_id(&"A".repeat(32)));
        assert!(!is_id(&"a".repeat(31)));
    }
}
