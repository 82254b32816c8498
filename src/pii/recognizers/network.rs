//! IP_ADDRESS: IPv4 and IPv6 candidates parsed by `std::net` (not only matched), so
//! `999.1.1.1`, `10:30:00` and MAC addresses are rejected. Loopback, unspecified and
//! broadcast addresses are not personal data and are skipped.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{whole, Pattern};
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    const CTX: &[&str] = &["ip", "address", "client", "host", "from"];
    /// Four-part version numbers look like IPv4 addresses.
    const VERSION: &[&str] = &[
        "version",
        "versions",
        "build",
        "release",
        "firmware",
        "ver",
        "rev",
        "revision",
        "v",
        "sdk",
        "patch",
        "update",
        "upgrade",
        "kernel",
        "os",
        // The other five languages: `Versión 2.5.8.113`, `Versie`, `Versione`.
        "versión",
        "versione",
        "versie",
        "fixed in",
        "corrigé dans",
        "behoben in",
        "opgelost in",
        "risolto in",
        "corregido en",
        // Plug-ins and upgrades in the six languages: `the Inkscape plugin (1.4.0.233)`,
        // `upgrading to`, `mise à jour`, `actualizar a`, `aggiornare a`, `Note di rilascio`.
        "plugin",
        "plug-in",
        "module",
        "upgrading",
        "updating",
        "mise à jour",
        "actualizar",
        "actualización",
        "aggiornare",
        "aggiornamento",
        "rilascio",
        "bijwerken",
        "fassung",
    ];
    vec![
        Pattern::new(
            "ipv4",
            Entity::IpAddress,
            // Further dotted groups or a prefix length are read too, so that `ipv4` can
            // turn down an OID (`1.3.6.1.4.1.311`) and a network range (`10.12.0.0/16`).
            r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d+)*(?:/\d{1,3})?\b",
            ipv4,
        )
            .context(CTX)
            .veto_before(VERSION).cluster(4),
        Pattern::new(
            "ipv6",
            Entity::IpAddress,
            r"(?:\b[0-9A-Fa-f]{1,4}|::)(?::{1,2}[0-9A-Fa-f]{0,4}){2,7}(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})?",
            ipv6,
        )
        .context(CTX),
    ]
}

/// A host's address: four groups only. More groups make an SNMP OID or a version
/// (`1.3.6.1.4.1.311`); a prefix length makes a network range (`10.12.0.0/16`), which names
/// no one's machine.
fn ipv4(s: &str) -> Option<(usize, f32)> {
    if s.contains('/') || s.split('.').count() != 4 {
        return None;
    }
    let ip: Ipv4Addr = s.parse().ok()?;
    if ip.is_loopback() || ip.is_unspecified() || ip.is_broadcast() {
        return None;
    }
    whole(s, 0.75)
}

fn ipv6(s: &str) -> Option<(usize, f32)> {
    // `2001:db8::` ends in `::` and is whole; a single trailing colon is punctuation.
    let s = if s.ends_with(':') && !s.ends_with("::") {
        s.trim_end_matches(':')
    } else {
        s
    };
    let ip: Ipv6Addr = s.parse().ok()?;
    if ip.is_loopback() || ip.is_unspecified() {
        return None;
    }
    // `a::b` parses, but so would C++ paths such as `dead::beef`: demand either the
    // full eight groups or a few digits' worth of address.
    let hex_digits = s.bytes().filter(u8::is_ascii_hexdigit).count();
    if s.contains("::") && (hex_digits < 5 || !s.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    whole(s, 0.8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_parsing() {
        assert!(ipv4("192.168.1.20").is_some());
        assert!(ipv4("999.1.1.1").is_none());
        assert!(ipv4("127.0.0.1").is_none());
        assert!(ipv4("1.3.6.1.4.1.311").is_none(), "an SNMP OID");
        assert!(ipv4("10.153.22.0/16").is_none(), "a network range");
        assert!(ipv6("2001:db8:85a3::8a2e:370:7334").is_some());
        assert!(ipv6("fe80::1ff:fe23:4567:890a").is_some());
        assert!(ipv6("10:30:00").is_none());
        assert!(ipv6("00:1A:2B:3C:4D:5E").is_none());
        assert!(ipv6("dead::beef").is_none());
        assert_eq!(ipv6("2001:db8::").map(|v| v.0), Some(10), "compressed tail");
        assert_eq!(ipv6("2001:db8:1:2:"), ipv6("2001:db8:1:2"));
    }
}
