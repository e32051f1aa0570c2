"""URLs → RawInput over httpx: timeouts, size cap, content types, bounded redirects, no private hosts."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError
from .inputs import RawInput, ReadOptions, too_large

USER_AGENT = "claimgraph/0.1 (+https://github.com/claimgraph)"
# Media types a reader handles; anything else (images, PDFs, archives) is refused.
ACCEPTED_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}

Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def check_host(url: str, resolver: Resolver = resolve) -> None:
    """FetchError unless every address of the URL's host is public."""
    host = urlsplit(url).hostname
    if not host:
        raise FetchError(url, "no host in URL")
    try:
        addresses = resolver(host)
    except (OSError, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host!r} ({exc})") from None
    blocked = [a for a in addresses if not is_public(a)]
    if blocked or not addresses:
        raise FetchError(
            url, f"refused: {host} resolves to a private, loopback or link-local address ({', '.join(blocked)}); "
            "pass --allow-private to fetch it"
        )


def fetch(url: str, options: ReadOptions, *, source: str | None = None, resolver: Resolver = resolve) -> RawInput:
    """The body of ``url`` as RawInput (path = ``source`` or the URL as given)."""
    source = source or url
    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0))
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(sorted(ACCEPTED_TYPES)) + ", */*;q=0.1"}
    current = url
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
            for _ in range(options.max_redirects + 1):
                if urlsplit(current).scheme not in ("http", "https"):
                    raise FetchError(source, f"unsupported URL scheme in {current}")
                if not options.allow_private:
                    check_host(current, resolver)
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    return _read_body(source, current, response, options)
    except httpx.TimeoutException:
        raise FetchError(source, f"timed out after {options.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(source, f"cannot fetch ({type(exc).__name__}: {exc})") from None
    raise FetchError(source, f"more than {options.max_redirects} redirects")


def _read_body(source: str, url: str, response: httpx.Response, options: ReadOptions) -> RawInput:
    if response.status_code >= 400:
        raise FetchError(source, f"HTTP {response.status_code} {response.reason_phrase}")
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in ACCEPTED_TYPES:
        raise FetchError(source, f"unsupported content type {content_type!r}")
    declared = response.headers.get("content-length", "")
    cap = options.fetch_max_bytes
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(source, too_large(int(declared), cap))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise FetchError(source, too_large(size, cap, at_least=True))
        chunks.append(chunk)
    return RawInput(path=source, data=b"".join(chunks), name=urlsplit(url).path, url=url, content_type=content_type or None)
