"""Which network addresses a fetch may reach: public ones only.

An address given to ``import``, or one a page redirects to, must never reach this computer
(loopback), the network it sits in (private ranges), a cloud's metadata service
(link-local) or anything not routed on the internet. `ipaddress` knows the ranges;
addresses that carry an IPv4 address inside an IPv6 one are judged by the IPv4 address
they lead to.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64's well-known prefix (RFC 6052): on an IPv6-only network, every IPv4 site is
# reached through it, so it is judged by the IPv4 address it carries.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public internet address, neither local nor reserved."""
    if isinstance(address, ipaddress.IPv6Address):
        if (embedded := _embedded_ipv4(address)) is not None:
            return is_public(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped, 6to4 or NAT64 address leads to."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
