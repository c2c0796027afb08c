"""Genesys AudioHook HTTP message signatures: verifying the websocket upgrade request.

When an AudioHook integration has a client secret, Genesys Cloud signs the upgrade request as
"HTTP Message Signatures" (IETF draft, published as RFC 9421) describe, with the profile the
AudioHook protocol specification fixes (Genesys Developer Center, AudioHook "Session walkthrough",
"Establishing connection"):

- ``Signature-Input: sig1=("@request-target" "@authority" "audiohook-organization-id"
  "audiohook-session-id" "audiohook-correlation-id" "x-api-key");keyid="<api key>";
  nonce="<random>";alg="hmac-sha256";created=<unix s>;expires=<unix s>`` and
  ``Signature: sig1=:<base64 HMAC>:`` (both RFC 8941 structured-field dictionaries);
- the signature base is one line per covered component, ``"<name>": <value>``, then
  ``"@signature-params": <the serialised inner list with its parameters>``, joined by ``\\n``;
  ``@request-target`` is the request's path and query, ``@authority`` the ``Host``; header values
  are trimmed (several field lines joined by ``", "``);
- the MAC is HMAC-SHA256 keyed with the **base64-decoded** client secret.

:func:`verify` refuses (returns the reason) a request that is unsigned, covers fewer than the six
components above, names another ``keyid`` than its ``X-API-KEY``, uses another ``alg``, has no
``nonce`` or reuses one, has no ``created``, was created in the future or more than ``max_age_s``
ago, has passed its ``expires``, or whose MAC does not match. Times are Unix seconds from an
injected clock. Pure except for the :class:`NonceCache` it is given. :func:`sign_request` signs
a request the same way, for ``coach simulate``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

REQUIRED_COMPONENTS = (
    "@request-target",
    "@authority",
    "audiohook-organization-id",
    "audiohook-session-id",
    "audiohook-correlation-id",
    "x-api-key",
)
ALGORITHM = "hmac-sha256"
CLOCK_SKEW_S = 3
"""Seconds a signer's clock may be ahead of ours."""
_DERIVED = frozenset({"@request-target", "@authority", "@method", "@path", "@query"})
_PARAMS = {"keyid": str, "nonce": str, "alg": str, "created": int, "expires": int}


class SignatureError(ValueError):
    """A ``Signature-Input`` / ``Signature`` field that is not a valid structured field."""


# -- RFC 8941 structured fields (the subset HTTP message signatures use) ------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """An RFC 8941 token (an unquoted bare item)."""

    text: str


@dataclass(frozen=True, slots=True)
class Item:
    value: Any
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class InnerList:
    items: tuple[Item, ...]
    params: tuple[tuple[str, Any], ...] = ()


_KEY = re.compile(r"[a-z*][a-z0-9_\-.*]*")
_TOKEN = re.compile(r"[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*")
_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,3})?")
_BYTES = re.compile(r":([A-Za-z0-9+/=]*):")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip(self, chars: str) -> None:
        while self.peek() and self.peek() in chars:
            self.i += 1

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise SignatureError(f"expected {char!r} at {self.i}")
        self.i += 1

    def match(self, pattern: re.Pattern[str]) -> re.Match[str]:
        found = pattern.match(self.text, self.i)
        if found is None:
            raise SignatureError(f"unexpected input at {self.i}")
        self.i = found.end()
        return found


def parse_dictionary(text: str) -> OrderedDict[str, Item | InnerList]:
    """An RFC 8941 dictionary (``label=value, ...``); raises :class:`SignatureError`."""
    r = _Reader(text.strip(" "))
    out: OrderedDict[str, Item | InnerList] = OrderedDict()
    while r.peek():
        key = r.match(_KEY).group()
        if r.peek() == "=":
            r.i += 1
            out[key] = _inner_list(r) if r.peek() == "(" else _item(r)
        else:
            out[key] = Item(True, _params(r))
        r.skip(" \t")
        if not r.peek():
            break
        r.expect(",")
        r.skip(" \t")
        if not r.peek():
            raise SignatureError("trailing comma")
    return out


def _inner_list(r: _Reader) -> InnerList:
    r.expect("(")
    items: list[Item] = []
    while True:
        r.skip(" ")
        if r.peek() == ")":
            r.i += 1
            return InnerList(tuple(items), _params(r))
        items.append(_item(r))
        if r.peek() not in (" ", ")"):
            raise SignatureError(f"bad inner list at {r.i}")


def _item(r: _Reader) -> Item:
    return Item(_bare(r), _params(r))


def _params(r: _Reader) -> tuple[tuple[str, Any], ...]:
    out: list[tuple[str, Any]] = []
    while r.peek() == ";":
        r.i += 1
        r.skip(" ")
        key = r.match(_KEY).group()
        value: Any = True
        if r.peek() == "=":
            r.i += 1
            value = _bare(r)
        out.append((key, value))
    return tuple(out)


def _bare(r: _Reader) -> Any:
    c = r.peek()
    if c == '"':
        return _string(r)
    if c == ":":
        try:
            return base64.b64decode(r.match(_BYTES).group(1), validate=True)
        except binascii.Error:
            raise SignatureError("bad byte sequence") from None
    if c == "?":
        r.i += 1
        flag = r.peek()
        if flag not in ("0", "1"):
            raise SignatureError("bad boolean")
        r.i += 1
        return flag == "1"
    if c == "-" or c.isdigit():
        number = r.match(_NUMBER).group()
        return float(number) if "." in number else int(number)
    return Token(r.match(_TOKEN).group())


def _string(r: _Reader) -> str:
    r.expect('"')
    chars: list[str] = []
    while True:
        c = r.peek()
        if not c:
            raise SignatureError("unterminated string")
        r.i += 1
        if c == '"':
            return "".join(chars)
        if c == "\\":
            escaped = r.peek()
            if escaped not in ('"', "\\"):
                raise SignatureError("bad escape in string")
            r.i += 1
            c = escaped
        elif not 0x20 <= ord(c) <= 0x7E:
            raise SignatureError("non-ASCII character in string")
        chars.append(c)


def serialize_bare(value: Any) -> str:
    """RFC 8941 serialisation of a bare item."""
    if isinstance(value, bool):
        return "?1" if value else "?0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}.0"
    if isinstance(value, Token):
        return value.text
    if isinstance(value, bytes):
        return ":" + base64.b64encode(value).decode() + ":"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"cannot serialise {type(value).__name__}")


def serialize_params(params: tuple[tuple[str, Any], ...]) -> str:
    return "".join(f";{k}" if v is True else f";{k}={serialize_bare(v)}" for k, v in params)


def serialize_inner_list(value: InnerList) -> str:
    inner = " ".join(serialize_bare(i.value) + serialize_params(i.params) for i in value.items)
    return f"({inner})" + serialize_params(value.params)


# -- verification ------------------------------------------------------------------------------------


class NonceCache:
    """Nonces of accepted signatures, each kept until its signature could no longer be accepted
    anyway; a nonce seen again in that time is a replay. Bounded: the oldest go first."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._max = max_entries

    def __contains__(self, nonce: str) -> bool:
        return nonce in self._seen

    def add(self, nonce: str, until: float, now: float) -> None:
        for old in [n for n, t in self._seen.items() if t < now]:
            del self._seen[old]
        self._seen[nonce] = until
        while len(self._seen) > self._max:
            self._seen.popitem(last=False)


def field_value(headers: Mapping[str, str] | Any, name: str) -> str | None:
    """A header's canonical value: each field line trimmed, several joined by ``", "``; ``None`` if absent."""
    values: list[str]
    if hasattr(headers, "get_all"):
        values = list(headers.get_all(name))
    else:
        values = [v for k, v in headers.items() if isinstance(k, str) and k.lower() == name.lower()]
    if not values:
        return None
    return ", ".join(" ".join(v.strip().split("\r\n")) for v in values)


def _component(name: str, target: str, method: str, headers: Mapping[str, str] | Any) -> str | None:
    if name == "@request-target":
        return target
    if name == "@authority":
        host = field_value(headers, "host")
        return host.lower() if host else None
    if name == "@method":
        return method.upper()
    if name == "@path":
        return target.split("?", 1)[0]
    if name == "@query":
        return "?" + target.split("?", 1)[1] if "?" in target else "?"
    return field_value(headers, name)


def verify(
    *,
    target: str,
    headers: Mapping[str, str] | Any,
    secrets: Mapping[str, bytes],
    now: float,
    max_age_s: float,
    nonces: NonceCache,
    method: str = "GET",
) -> str | None:
    """Why the request must be refused, or ``None`` when its signature is good (or not required).

    ``secrets`` maps each API key that has a client secret to the decoded secret; a request whose
    ``X-API-KEY`` is not in it needs no signature (its key is checked elsewhere). ``target`` is the
    request's path and query as sent. A good signature's nonce is remembered in ``nonces``."""
    api_key = field_value(headers, "x-api-key")
    if not api_key or api_key not in secrets:
        return None
    raw_input, raw_signature = field_value(headers, "signature-input"), field_value(headers, "signature")
    if raw_input is None or raw_signature is None:
        return "unsigned request"
    try:
        inputs, signatures = parse_dictionary(raw_input), parse_dictionary(raw_signature)
    except SignatureError as exc:
        return f"malformed signature field: {exc}"
    if not inputs:
        return "unsigned request"
    label, spec = next(iter(inputs.items()))
    mac = signatures.get(label)
    if not isinstance(spec, InnerList) or not isinstance(mac, Item) or not isinstance(mac.value, bytes):
        return "malformed signature field"
    params: dict[str, Any] = {}
    for key, value in spec.params:
        kind = _PARAMS.get(key)
        if kind is None or isinstance(value, bool) or not isinstance(value, kind):
            return f"unsupported signature parameter {key!r}"
        params[key] = value
    names: list[str] = []
    for item in spec.items:
        if not isinstance(item.value, str) or item.params or item.value in names:
            return "unsupported covered component"
        names.append(item.value)
    missing = [c for c in REQUIRED_COMPONENTS if c not in names]
    if missing:
        return f"signature does not cover {', '.join(missing)}"
    if params.get("keyid") != api_key:
        return "keyid is not the X-API-KEY"
    if params.get("alg", ALGORITHM) != ALGORITHM:
        return "unsupported signature algorithm"
    nonce = params.get("nonce")
    if not nonce:
        return "no nonce"
    created = params.get("created")
    if created is None:
        return "no created time"
    if created > now + CLOCK_SKEW_S:
        return "signature created in the future"
    if now - created > max_age_s + CLOCK_SKEW_S:
        return "signature too old"
    expires = params.get("expires")
    if expires is not None and expires + CLOCK_SKEW_S <= now:
        return "signature expired"
    lines: list[str] = []
    for name in names:
        if name.startswith("@") and name not in _DERIVED:
            return f"unsupported derived component {name!r}"
        value = _component(name, target, method, headers)
        if value is None:
            return f"covered component {name!r} is missing"
        lines.append(f"{serialize_bare(name)}: {value}")
    lines.append(f'"@signature-params": {serialize_inner_list(spec)}')
    expected = hmac.new(secrets[api_key], "\n".join(lines).encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, mac.value):
        return "signature does not match"
    if nonce in nonces:
        return "nonce already used"
    nonces.add(nonce, created + max_age_s + 2 * CLOCK_SKEW_S, now)
    return None


def sign_request(
    *,
    target: str,
    authority: str,
    headers: Mapping[str, str],
    api_key: str,
    client_secret: str,
    now: float,
    nonce: str,
    lifetime_s: int = 30,
) -> dict[str, str]:
    """``Signature-Input`` and ``Signature`` headers for an AudioHook request, as Genesys signs it
    (for ``coach simulate``; the tests check the verifier with a signer of their own)."""
    created = int(now)
    spec = InnerList(
        tuple(Item(name) for name in REQUIRED_COMPONENTS),
        (
            ("keyid", api_key),
            ("nonce", nonce),
            ("alg", ALGORITHM),
            ("created", created),
            ("expires", created + lifetime_s),
        ),
    )
    values = {**{k.lower(): v for k, v in headers.items()}, "x-api-key": api_key}
    values |= {"@request-target": target, "@authority": authority}
    lines = [f"{serialize_bare(name)}: {values[name]}" for name in REQUIRED_COMPONENTS]
    lines.append(f'"@signature-params": {serialize_inner_list(spec)}')
    mac = hmac.new(base64.b64decode(client_secret), "\n".join(lines).encode(), hashlib.sha256).digest()
    return {"Signature-Input": f"sig1={serialize_inner_list(spec)}", "Signature": f"sig1={serialize_bare(mac)}"}


def decode_secrets(api_keys: tuple[str, ...], client_secrets: tuple[str, ...]) -> dict[str, bytes]:
    """``{api key: decoded client secret}`` for the keys that have a (non-empty) secret."""
    return {key: base64.b64decode(secret) for key, secret in zip(api_keys, client_secrets, strict=False) if secret}
