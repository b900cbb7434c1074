//! Which address a request comes from, for the login rate limit.
//!
//! Directly connected, it is the connection's address. Behind reverse
//! proxies listed in `trusted_proxies`, `X-Forwarded-For` is read from the
//! right, where each proxy appended the address it was connected to: the
//! first entry that is not a trusted proxy is the client. Everything to its
//! left was written by the client and is ignored, so a client cannot choose
//! its own address. An entry that is not an address (`unknown`, garbage)
//! ends the walk at the last address a trusted proxy vouched for: a limit is
//! never skipped. `Forwarded:` is not read: the proxies this is documented
//! with (nginx, Caddy) set `X-Forwarded-For`, and a header they pass along
//! unchanged would be the client's own words.

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use ipnet::IpNet;

/// The reverse proxies trusted to say who the client is.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// From the settings: `trusted_proxies`, or loopback when only the older
    /// `trust_forwarded_for` is set. Refuses an entry that is neither an
    /// address nor a network.
    pub fn from_settings(list: &[String], trust_forwarded_for: bool) -> anyhow::Result<Self> {
        let mut nets = Vec::new();
        for entry in list {
            let entry = entry.trim();
            let net = entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| anyhow::anyhow!("trusted_proxies: «{entry}» is not an address or a network (e.g. 10.0.0.0/8)"))?;
            nets.push(net);
        }
        if nets.is_empty() && trust_forwarded_for {
            nets = vec![IpNet::from(IpAddr::from([127, 0, 0, 1])), IpNet::from(IpAddr::from(std::net::Ipv6Addr::LOCALHOST))];
        }
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: see the module's rules. `None` only when the
    /// connection has no address at all (a test request).
    pub fn client_of(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = canonical(req.peer_addr()?.ip());
        let forwarded: Vec<&str> =
            req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).collect();
        Some(self.walk(peer, &forwarded))
    }

    /// The rule itself, on the connection's address and the list's entries
    /// in order (left to right).
    fn walk(&self, peer: IpAddr, forwarded: &[&str]) -> IpAddr {
        let mut client = peer;
        for entry in forwarded.iter().rev() {
            if !self.trusts(client) {
                break;
            }
            match parse_entry(entry) {
                Some(address) => client = address,
                None => break,
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an address, with or without a port
/// (`203.0.113.8`, `203.0.113.8:4711`, `[2001:db8::1]:4711`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|a| a.ip()))
        .or_else(|_| entry.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>())
        .ok()
        .map(canonical)
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::from_settings(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), false).unwrap()
    }

    #[test]
    fn the_right_most_address_that_is_not_a_trusted_proxy_is_the_client() {
        let two = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        // Client -> proxy 10.1.1.1 -> proxy 127.0.0.1 -> server.
        assert_eq!(two.walk(ip("127.0.0.1"), &["203.0.113.8", "10.1.1.1"]), ip("203.0.113.8"));
        // What the client wrote on the left is ignored.
        assert_eq!(two.walk(ip("127.0.0.1"), &["1.2.3.4", "5.6.7.8", "203.0.113.8", "10.1.1.1"]), ip("203.0.113.8"));
        // Ports and brackets, and IPv4 written as IPv6.
        assert_eq!(two.walk(ip("::ffff:127.0.0.1"), &[" [2001:db8::1]:4711"]), ip("2001:db8::1"));
        assert_eq!(two.walk(ip("127.0.0.1"), &["203.0.113.8:4711"]), ip("203.0.113.8"));
    }

    #[test]
    fn a_request_not_from_a_trusted_proxy_is_its_connection() {
        let one = proxies(&["127.0.0.1"]);
        assert_eq!(one.walk(ip("198.51.100.7"), &["203.0.113.8"]), ip("198.51.100.7"));
        assert_eq!(TrustedProxies::default().walk(ip("127.0.0.1"), &["203.0.113.8"]), ip("127.0.0.1"));
    }

    #[test]
    fn what_is_not_an_address_stops_at_the_last_vouched_for_address_never_nowhere() {
        let one = proxies(&["127.0.0.1"]);
        assert_eq!(one.walk(ip("127.0.0.1"), &["unknown", "203.0.113.8"]), ip("203.0.113.8"));
        assert_eq!(one.walk(ip("127.0.0.1"), &["203.0.113.8", "unknown"]), ip("127.0.0.1"));
        assert_eq!(one.walk(ip("127.0.0.1"), &[""]), ip("127.0.0.1"));
        // Only proxies all the way: the left-most of them.
        assert_eq!(one.walk(ip("127.0.0.1"), &["127.0.0.1"]), ip("127.0.0.1"));
    }

    #[test]
    fn the_older_switch_trusts_this_machine_and_a_bad_entry_is_refused() {
        let old = TrustedProxies::from_settings(&[], true).unwrap();
        assert_eq!(old.walk(ip("127.0.0.1"), &["203.0.113.8"]), ip("203.0.113.8"));
        assert_eq!(old.walk(ip("::1"), &["203.0.113.8"]), ip("203.0.113.8"));
        let error = TrustedProxies::from_settings(&["10.0.0.0/33".into()], false).unwrap_err().to_string();
        assert!(error.contains("10.0.0.0/33"), "{error}");
    }
}
