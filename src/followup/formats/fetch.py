"""Fetching a job posting's page over HTTP(S): the only module that touches the network.

Careful and small: ``httpx`` with a time limit (10 s for the whole fetch), at most 5
redirects, at most 5 MB read (streamed: the read stops there), a user agent that names
followup and its version, and no JavaScript. Every way this can fail is one
``PageUnreadable`` line that tells the user to save the page and pass the file: many job
sites show programs a bot wall or build their page with JavaScript, and a browser gets
past both. ``httpx`` is imported only when a page is fetched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from followup import __version__
from followup.errors import BadInput, PageUnreadable

TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"followup/{__version__} (job-posting reader; no JavaScript)"
# What a posting can be read from; anything else (a PDF, an image) is refused.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

SAVE_IT = "save the page from your browser and pass the file instead (--from page.html)"


@dataclass(frozen=True)
class Page:
    """What the server sent: its text, the address after redirects, and its type."""

    text: str
    url: str
    content_type: str


def is_web_address(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Page:
    """The page at ``url``, or ``PageUnreadable`` saying why not (one line)."""
    import httpx

    host = urlsplit(url).hostname
    if not host:
        raise BadInput(f"{url!r} is not a web address (it has no host name)")
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=max_redirects,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_answer(response.status_code, response.reason_phrase, url)
            kind = response.headers.get("content-type", "")
            mime = kind.split(";")[0].strip().lower()
            if mime not in TEXT_TYPES:
                what = "a PDF" if mime == "application/pdf" else f"not a web page ({mime})"
                if not mime:
                    what = "of no stated type"
                raise PageUnreadable(f"{url} is {what}: {SAVE_IT}, or paste its text (--from -)")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise PageUnreadable(
                        f"{url} is larger than {max_bytes // (1024 * 1024)} MB: {SAVE_IT}"
                    )
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the whole fetch took too long")
            text = bytes(body).decode(response.encoding or "utf-8", errors="replace")
            return Page(text, str(response.url), mime)
    except httpx.TooManyRedirects:
        raise PageUnreadable(
            f"{url} redirects more than {max_redirects} times: {SAVE_IT}"
        ) from None
    except httpx.TimeoutException:
        raise PageUnreadable(
            f"{host} did not send the page within {timeout:g} s: {SAVE_IT}"
        ) from None
    except httpx.ConnectError as exc:
        raise PageUnreadable(f"could not reach {host} ({_reason(exc)}): {SAVE_IT}") from None
    except httpx.InvalidURL as exc:
        raise BadInput(f"{url!r} is not a web address: {exc}") from None
    except httpx.HTTPError as exc:
        raise PageUnreadable(f"could not read {url} ({_reason(exc)}): {SAVE_IT}") from None


def _check_answer(status: int, reason: str, url: str) -> None:
    if status < 400:
        return
    said = f"{status} {reason}".strip()
    if status in (401, 403, 429):
        raise PageUnreadable(
            f"{url} turned followup away ({said}; many job sites let only browsers in): {SAVE_IT}"
        )
    raise PageUnreadable(f"{url} answered {said}: {SAVE_IT}")


def _reason(exc: Exception) -> str:
    said = " ".join(str(exc).split())
    if "Name or service not known" in said or "nodename nor servname" in said:
        return "no such host name"
    if "Connection refused" in said:
        return "the connection was refused"
    return said or type(exc).__name__
