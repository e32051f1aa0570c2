"""URLs via httpx against a local server: content types, caps, redirects, private-address refusal."""

from __future__ import annotations

import socket

import pytest

from claimgraph.errors import FetchError, IngestError
from claimgraph.ingest import ReadOptions, read_inputs
from claimgraph.ingest.fetch import check_host, fetch, is_public
from claimgraph.types import Article

HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_fetch_html_page(server, fixtures):
    base, routes = server
    routes["/bridge"] = (200, HTML, (fixtures / "article.html").read_bytes())
    (article,) = read_inputs([base + "/bridge"], allow_private=True)
    assert isinstance(article, Article)
    assert article.path == base + "/bridge" and article.url == base + "/bridge"
    assert article.title == "Council approves new bridge over the river"


def test_private_address_refused_by_default(server):
    base, routes = server
    routes["/x"] = (200, HTML, b"<p>hi</p>")
    (error,) = read_inputs([base + "/x"])
    assert isinstance(error, FetchError) and "refused" in error.problem and "--allow-private" in error.problem


def test_unreachable_url():
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (error,) = read_inputs([f"http://127.0.0.1:{port}/a"], allow_private=True, timeout=2)
    assert isinstance(error, FetchError) and "cannot fetch" in error.problem


@pytest.mark.parametrize(
    ("status", "headers", "body", "problem"),
    [
        (404, {"Content-Type": "text/html"}, b"gone", "HTTP 404"),
        (200, {"Content-Type": "image/png"}, b"\x89PNG", "unsupported content type"),
        (200, {"Content-Type": "text/html"}, b"x" * 5000, "too large"),
    ],
)
def test_fetch_errors(server, status, headers, body, problem):
    base, routes = server
    routes["/p"] = (status, headers, body)
    with pytest.raises(FetchError, match=problem):
        fetch(base + "/p", ReadOptions(allow_private=True, fetch_max_bytes=1000))


def test_redirects_followed_and_bounded(server):
    base, routes = server
    routes["/old"] = (301, {"Location": "/new"}, b"")
    routes["/new"] = (200, {"Content-Type": "text/plain"}, b"Moved here, with enough text to be an article body.")
    raw = fetch(base + "/old", ReadOptions(allow_private=True))
    assert raw.url == base + "/new" and raw.path == base + "/old"
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(FetchError, match="redirects"):
        fetch(base + "/loop", ReadOptions(allow_private=True))


def test_redirect_to_private_address_refused():
    """Every hop is checked: a public host redirecting to a private one is refused at the second hop."""
    addresses = {"public.example": ["93.184.216.34"], "internal.example": ["10.0.0.5"]}
    check_host("http://public.example/a", lambda host: addresses[host])
    with pytest.raises(FetchError, match="refused"):
        check_host("http://internal.example/a", lambda host: addresses[host])
    with pytest.raises(FetchError, match="refused"):  # one private address among public ones is enough
        check_host("http://mixed.example/", lambda host: ["93.184.216.34", "127.0.0.1"])


@pytest.mark.parametrize(
    ("address", "public"),
    [("93.184.216.34", True), ("2606:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
     ("192.168.0.1", False), ("169.254.169.254", False), ("::1", False), ("fe80::1", False),
     ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False)],
)
def test_is_public(address, public):
    assert is_public(address) is public


def test_unsupported_scheme(tmp_path):
    (error,) = read_inputs(["ftp://example.org/file.txt"])
    assert isinstance(error, IngestError) and "unsupported URL scheme 'ftp'" in error.problem


def test_redirect_bound_comes_from_the_settings_table(server, monkeypatch):
    base, routes = server
    routes["/hop"] = (301, {"Location": "/end"}, b"")
    routes["/end"] = (200, {"Content-Type": "text/plain"}, b"Arrived, with enough text to be an article body.")
    monkeypatch.setenv("CLAIMGRAPH_FETCH_MAX_REDIRECTS", "0")
    with pytest.raises(FetchError, match="more than 0 redirects"):
        fetch(base + "/hop", ReadOptions(allow_private=True))
