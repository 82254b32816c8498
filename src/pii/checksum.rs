//! Check-digit algorithms behind the validators: Luhn, ISO 7064 (mod 97-10 and
//! mod 11,10), the NHS and BSN weighted mod 11 tests, the Italian, Spanish and French
//! check characters, the DEA check digit, Base58Check, Bech32 and EIP-55; the national
//! identifiers of Australia (ABN, ACN, TFN, Medicare), India (Aadhaar: Verhoeff),
//! Singapore (NRIC/FIN, UEN), Korea (RRN), Poland (PESEL), Finland (HETU), Sweden
//! (personnummer), Thailand (TNIN) and the US ABA routing number.
//! Pure functions over the candidate text; separators are skipped where noted.
//! IBAN validation (per-country length plus mod 97) is delegated to `iban_validate`.

use sha2::{Digest, Sha256};
use sha3::Keccak256;

/// Digits of `s`, skipping spaces, dashes, dots and slashes; `None` if anything else appears.
pub fn digits(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => out.push(b - b'0'),
            b' ' | b'-' | b'.' | b'/' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Luhn (mod 10) over the digits of `s`; separators skipped.
pub fn luhn(s: &str) -> bool {
    match digits(s) {
        Some(d) if d.len() >= 2 => luhn_digits(&d),
        _ => false,
    }
}

pub fn luhn_digits(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

/// ISO 7064 mod 97-10 over alphanumerics (letters count as 10..35): the remainder is 1.
/// This is the IBAN check without the country rules; custom validators use it.
pub fn mod97(s: &str) -> bool {
    let mut rem: u32 = 0;
    let mut n = 0;
    for c in s.chars().filter(|c| !matches!(c, ' ' | '-')) {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
        n += 1;
    }
    n >= 4 && rem == 1
}

/// An IBAN: country code, per-country length and mod 97 (spaces allowed).
pub fn iban(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| *c != ' ').collect();
    compact.parse::<iban::Iban>().is_ok()
}

/// Weighted mod 11 where weights count down to 2 and the last digit is the check digit
/// (UK NHS number: 10 digits, a remainder giving 10 is invalid).
pub fn nhs(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (10 - i as u32))
        .sum();
    let check = 11 - sum % 11;
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == u32::from(d[9])
}

/// Generic weighted mod 11 (weights 2,3,4,... from the right, check digit included
/// with weight 1): the sum is divisible by 11. Offered to custom recognizers.
pub fn mod11(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() < 2 {
        return false;
    }
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * if i == 0 { 1 } else { i as u32 + 1 })
        .sum();
    sum % 11 == 0
}

/// Dutch BSN "11-test": weights 9..2 and -1 on the ninth digit.
pub fn bsn(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i32 = d[..8]
        .iter()
        .enumerate()
        .map(|(i, &x)| i32::from(x) * (9 - i as i32))
        .sum::<i32>()
        - i32::from(d[8]);
    sum % 11 == 0
}

/// German Steuer-ID: 11 digits, no leading zero, in the first ten one digit repeats
/// (twice or three times), and an ISO 7064 mod 11,10 check digit.
pub fn de_tax_id(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x)] += 1;
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    if repeated != 1 || counts.iter().any(|&c| c > 3) {
        return false;
    }
    let mut product: u32 = 10;
    for &x in &d[..10] {
        let mut sum = (u32::from(x) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == u32::from(d[10])
}

/// Italian codice fiscale: 16 characters, the last is a check letter.
pub fn it_fiscal_code(s: &str) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let b = s.as_bytes();
    if b.len() != 16 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in b[..15].iter().enumerate() {
        let c = c.to_ascii_uppercase();
        let idx = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A')
        };
        // Positions are counted from 1: odd positions use the table.
        sum += if i % 2 == 0 { ODD[idx as usize] } else { idx };
    }
    let expected = b'A' + (sum % 26) as u8;
    b[15].to_ascii_uppercase() == expected
}

const NIF_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI/NIF: 8 digits and a check letter (number mod 23).
pub fn es_nif(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b'-' && *b != b' ').collect();
    if compact.len() != 9 || !compact[..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n: u32 = compact[..8]
        .iter()
        .fold(0, |a, &c| a * 10 + u32::from(c - b'0'));
    compact[8].to_ascii_uppercase() == NIF_LETTERS[(n % 23) as usize]
}

/// Spanish NIE: X, Y or Z (read as 0, 1, 2), 7 digits and a check letter.
pub fn es_nie(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b'-' && *b != b' ').collect();
    if compact.len() != 9 {
        return false;
    }
    let lead = match compact[0].to_ascii_uppercase() {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return false,
    };
    if !compact[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n: u32 = compact[1..8]
        .iter()
        .fold(lead, |a, &c| a * 10 + u32::from(c - b'0'));
    compact[8].to_ascii_uppercase() == NIF_LETTERS[(n % 23) as usize]
}

/// French NIR (numéro de sécurité sociale): 13 characters (Corsica 2A/2B allowed) and a
/// two-digit key equal to 97 - (number mod 97).
pub fn fr_nir(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ' && *b != b'.').collect();
    if compact.len() != 15 || !matches!(compact[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    let mut body = 0u64;
    let mut corsica = 0u64;
    for (i, &c) in compact[..13].iter().enumerate() {
        let v = match (i, c.to_ascii_uppercase()) {
            (_, b'0'..=b'9') => u64::from(c - b'0'),
            // 2A and 2B: read as 19 and 18 for the key, per the INSEE rule.
            (6, b'A') if compact[5] == b'2' => {
                corsica = 1_000_000;
                0
            }
            (6, b'B') if compact[5] == b'2' => {
                corsica = 2_000_000;
                0
            }
            _ => return false,
        };
        body = body * 10 + v;
    }
    let body = body.saturating_sub(corsica);
    if !compact[13..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let key = u64::from(compact[13] - b'0') * 10 + u64::from(compact[14] - b'0');
    key == 97 - body % 97
}

/// US NPI: 10 digits, Luhn over the number prefixed with 80840.
pub fn npi(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 10 || !matches!(d[0], 1 | 2) {
        return false;
    }
    let mut full = vec![8, 0, 8, 4, 0];
    full.extend_from_slice(&d);
    luhn_digits(&full)
}

/// DEA registration number (Presidio's MEDICAL_LICENSE): two letters and seven digits;
/// (d1+d3+d5) + 2*(d2+d4+d6) ends in d7.
pub fn dea(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !b[..2].iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if !b"ABCDEFGHJKLMPRSTUX".contains(&b[0].to_ascii_uppercase()) {
        return false;
    }
    let Some(d) = digits(&s[2..]) else {
        return false;
    };
    if d.len() != 7 {
        return false;
    }
    let sum = u32::from(d[0] + d[2] + d[4]) + 2 * u32::from(d[1] + d[3] + d[5]);
    sum % 10 == u32::from(d[6])
}

/// Decodes Base58 (Bitcoin alphabet); `None` on a foreign character.
fn base58_decode(s: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = ALPHABET.iter().position(|&a| a == c)? as u32;
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes);
    Some(out)
}

/// A Base58Check Bitcoin address (P2PKH or P2SH): 25 bytes, double-SHA-256 checksum.
pub fn base58check(s: &str) -> bool {
    let Some(raw) = base58_decode(s) else {
        return false;
    };
    if raw.len() != 25 {
        return false;
    }
    let first = Sha256::digest(&raw[..21]);
    let second = Sha256::digest(first);
    second[..4] == raw[21..]
}

/// A Bech32 or Bech32m segwit address with the `bc` or `tb` prefix.
pub fn bech32(s: &str) -> bool {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let lower = s.to_ascii_lowercase();
    if lower != s && s.to_ascii_uppercase() != s {
        return false;
    }
    let Some(pos) = lower.rfind('1') else {
        return false;
    };
    let (hrp, data) = (&lower[..pos], &lower[pos + 1..]);
    if !matches!(hrp, "bc" | "tb") || data.len() < 6 {
        return false;
    }
    let mut values = Vec::with_capacity(hrp.len() * 2 + 1 + data.len());
    values.extend(hrp.bytes().map(|b| u32::from(b >> 5)));
    values.push(0);
    values.extend(hrp.bytes().map(|b| u32::from(b & 31)));
    for c in data.bytes() {
        match CHARSET.iter().position(|&x| x == c) {
            Some(v) => values.push(v as u32),
            None => return false,
        }
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ v;
        for (i, g) in [
            0x3b6a_57b2u32,
            0x2650_8e6d,
            0x1ea1_19fa,
            0x3d42_33dd,
            0x2a14_62b3,
        ]
        .iter()
        .enumerate()
        {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    // Bech32 (segwit v0) or Bech32m (v1+, BIP 350).
    chk == 1 || chk == 0x2bc8_30a3
}

/// Ethereum address validity as EIP-55 defines it: `0x` and 40 hex digits; a mixed-case
/// address must carry a valid checksum. Returns `Some(true)` for a verified checksum,
/// `Some(false)` for a single-case (unchecked) address, `None` for invalid.
pub fn eip55(s: &str) -> Option<bool> {
    let hex = s.strip_prefix("0x")?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    if !(has_lower && has_upper) {
        return Some(false);
    }
    let hash = Keccak256::digest(hex.to_ascii_lowercase().as_bytes());
    for (i, c) in hex.bytes().enumerate() {
        if c.is_ascii_alphabetic() {
            let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
            if (nibble >= 8) != c.is_ascii_uppercase() {
                return None;
            }
        }
    }
    Some(true)
}

/// Weighted digit sum, the building block of most national identifier checks.
fn weighted(d: &[u8], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(&x, w)| u32::from(x) * w).sum()
}

/// Australian Business Number: 11 digits, first minus one, weights 10,1,3,...,19, mod 89.
pub fn au_abn(d: &[u8]) -> bool {
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut d = d.to_vec();
    d[0] -= 1;
    weighted(&d, &[10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) % 89 == 0
}

/// Australian Company Number: 9 digits, weights 8..1, complement of mod 10.
pub fn au_acn(d: &[u8]) -> bool {
    d.len() == 9 && (10 - weighted(&d[..8], &[8, 7, 6, 5, 4, 3, 2, 1]) % 10) % 10 == u32::from(d[8])
}

/// Australian Tax File Number: 9 digits, weights 1,4,3,7,5,8,6,9,10, mod 11.
pub fn au_tfn(d: &[u8]) -> bool {
    d.len() == 9 && weighted(d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0
}

/// Australian Medicare card: 10 or 11 digits, first 2-6, weights 1,3,7,9 on the first
/// eight give the ninth.
pub fn au_medicare(d: &[u8]) -> bool {
    (d.len() == 10 || d.len() == 11)
        && (2..=6).contains(&d[0])
        && weighted(&d[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == u32::from(d[8])
}

/// Verhoeff's dihedral check (Aadhaar).
pub fn verhoeff(d: &[u8]) -> bool {
    const MUL: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const PERM: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0u8;
    for (i, &x) in d.iter().rev().enumerate() {
        c = MUL[usize::from(c)][usize::from(PERM[i % 8][usize::from(x)])];
    }
    c == 0
}

/// Aadhaar: 12 digits, not starting with 0 or 1, Verhoeff-valid.
pub fn in_aadhaar(d: &[u8]) -> bool {
    d.len() == 12 && d[0] >= 2 && verhoeff(d)
}

/// Singapore NRIC/FIN: prefix S, T, F or G, seven digits, check letter.
pub fn sg_nric_fin(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !b[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u8> = b[1..8].iter().map(|x| x - b'0').collect();
    let mut sum = weighted(&d, &[2, 7, 6, 5, 4, 3, 2]);
    let table: &[u8] = match b[0] {
        b'S' => b"JZIHGFEDCBA",
        b'T' => {
            sum += 4;
            b"JZIHGFEDCBA"
        }
        b'F' => b"XWUTRQPNMLK",
        b'G' => {
            sum += 4;
            b"XWUTRQPNMLK"
        }
        _ => return false,
    };
    table[(sum % 11) as usize] == b[8]
}

/// Singapore UEN of businesses (8 digits + letter) and local companies (9 digits + letter).
pub fn sg_uen(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    if n < 9 || !b[..n - 1].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u8> = b[..n - 1].iter().map(|x| x - b'0').collect();
    let (weights, table): (&[u32], &[u8]) = match n {
        9 => (&[10, 4, 9, 3, 8, 2, 7, 1], b"XMKECAWLJDB"),
        10 => (&[10, 8, 6, 4, 9, 7, 5, 3, 1], b"ZKCMDNERGWH"),
        _ => return false,
    };
    table[(weighted(&d, weights) % 11) as usize] == b[n - 1]
}

/// Korean Resident Registration Number: YYMMDD + 7 digits, weights 2..9,2..5, mod 11.
pub fn kr_rrn(d: &[u8]) -> bool {
    if d.len() != 13
        || !(1..=12).contains(&(d[2] * 10 + d[3]))
        || !(1..=31).contains(&(d[4] * 10 + d[5]))
    {
        return false;
    }
    let sum = weighted(&d[..12], &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    (11 - sum % 11) % 10 == u32::from(d[12])
}

/// Polish PESEL: 11 digits, a valid month with its century offset, weights 1,3,7,9.
pub fn pl_pesel(d: &[u8]) -> bool {
    if d.len() != 11 {
        return false;
    }
    let month = d[2] * 10 + d[3];
    let day = d[4] * 10 + d[5];
    if !(1..=12).contains(&(month % 20)) || !(1..=31).contains(&day) {
        return false;
    }
    (10 - weighted(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10 == u32::from(d[10])
}

/// Finnish personal identity code: DDMMYY, century sign, three digits, check character.
pub fn fi_hetu(s: &str) -> bool {
    const CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let b = s.as_bytes();
    if b.len() != 11 || !matches!(b[6], b'-' | b'+' | b'A'..=b'F' | b'U'..=b'Y') {
        return false;
    }
    let digits: Option<Vec<u8>> = b[..6]
        .iter()
        .chain(&b[7..10])
        .map(|x| x.is_ascii_digit().then(|| x - b'0'))
        .collect();
    let Some(d) = digits else { return false };
    let (day, month) = (d[0] * 10 + d[1], d[2] * 10 + d[3]);
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return false;
    }
    let n = d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x));
    CHECK[(n % 31) as usize] == b[10]
}

/// Swedish personnummer: (YY)YYMMDD, separator, four digits; Luhn over the last ten.
pub fn se_personnummer(d: &[u8]) -> bool {
    let d = match d.len() {
        10 => d,
        12 => &d[2..],
        _ => return false,
    };
    let (month, day) = (d[2] * 10 + d[3], d[4] * 10 + d[5]);
    // Day + 60 is a coordination number.
    (1..=12).contains(&month) && (1..=31).contains(&(day % 60)) && luhn_digits(d)
}

/// Thai national id: 13 digits, weights 13..2, (11 - sum mod 11) mod 10.
pub fn th_tnin(d: &[u8]) -> bool {
    if d.len() != 13 || d[0] == 0 {
        return false;
    }
    let weights: Vec<u32> = (2..=13).rev().collect();
    (11 - weighted(&d[..12], &weights) % 11) % 10 == u32::from(d[12])
}

/// ABA routing number: 9 digits, weights 3,7,1, mod 10, a Federal Reserve prefix.
pub fn aba_routing(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let prefix = d[0] * 10 + d[1];
    matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80)
        && weighted(d, &[3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_only() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(luhn("79927398713"));
        assert!(!luhn("4111 1111 1111 1112"));
    }

    #[test]
    fn mod97_and_iban() {
        assert!(iban("DE89 3704 0044 0532 0130 00"));
        assert!(iban("GB82WEST12345698765432"));
        assert!(!iban("DE89 3704 0044 0532 0130 01"));
        assert!(mod97(
            "GB82WEST12345698765432"
                .get(4..)
                .map(|r| format!("{r}GB82"))
                .unwrap()
                .as_str()
        ));
    }

    #[test]
    fn weighted_mod11_family() {
        assert!(nhs("943 476 5919"));
        assert!(!nhs("943 476 5918"));
        assert!(bsn("111222333"));
        assert!(!bsn("111222334"));
        assert!(mod11("0306406152"));
        assert!(de_tax_id("86095742719"));
        assert!(!de_tax_id("86095742718"));
        assert!(
            !de_tax_id("12345678903"),
            "all digits distinct is not a Steuer-ID"
        );
    }

    #[test]
    fn national_check_characters() {
        assert!(it_fiscal_code("RSSMRA85T10A562S"));
        assert!(!it_fiscal_code("RSSMRA85T10A562T"));
        assert!(es_nif("12345678Z"));
        assert!(!es_nif("12345678A"));
        assert!(es_nie("X1234567L"));
        assert!(!es_nie("X1234567A"));
        assert!(fr_nir("2 69 05 49 588 157 80"));
        assert!(!fr_nir("2 69 05 49 588 157 81"));
        assert!(npi("1234567893"));
        assert!(!npi("1234567890"));
        assert!(dea("AB1234563"));
        assert!(!dea("AB1234564"));
    }

    #[test]
    fn crypto_addresses() {
        assert!(base58check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
        assert!(base58check("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
        assert!(!base58check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"));
        assert!(bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
        assert!(bech32(
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"
        ));
        assert!(!bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx"));
        assert_eq!(
            eip55("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Some(true)
        );
        assert_eq!(
            eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
            Some(false)
        );
        assert_eq!(eip55("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), None);
    }
}
