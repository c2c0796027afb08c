"""AudioHook HTTP message signatures, checked against the specification's own example and against a
test-side signer written from the specification (Genesys Developer Center, AudioHook protocol,
"Session walkthrough" → "Establishing connection"; HTTP Message Signatures, RFC 9421 §2.5).

:func:`sign` is deliberately independent of ``coach.telephony.signature``: it builds the signature
base with plain string formatting, as the specification spells it out, so the server's parser and
serialiser are what is tested. Other tests import it to sign real requests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from coach.telephony import signature

# The example request of the AudioHook specification (its configuration: request URI
# wss://audiohook.example.com/api/v1/voicebiometrics/ws, this API key, this client secret).
SPEC_API_KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh"
SPEC_SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU="
SPEC_TARGET = "/api/v1/voicebiometrics/ws"
SPEC_CREATED = 1641013200
SPEC_HEADERS = {
    "Host": "audiohook.example.com",
    "Audiohook-Organization-Id": "d7934305-0972-4844-938e-9060eef73d05",
    "Audiohook-Correlation-Id": "e160e428-53e2-487c-977d-96989bf5c99d",
    "Audiohook-Session-Id": "30b0e395-84d3-4570-ac13-9a62d8f514c0",
    "X-API-KEY": SPEC_API_KEY,
    "Signature": "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:",
    "Signature-Input": 'sig1=("@request-target" "@authority" "audiohook-organization-id" "audiohook-session-id" '
    '"audiohook-correlation-id" "x-api-key");keyid="SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";'
    'nonce="VGhpc0lzQVVuaXF1ZU5vbmNl";alg="hmac-sha256";created=1641013200;expires=3282026430',
}
COVERED = (
    "@request-target",
    "@authority",
    "audiohook-organization-id",
    "audiohook-session-id",
    "audiohook-correlation-id",
    "x-api-key",
)


def sign(
    headers: dict[str, str],
    *,
    target: str,
    secret_b64: str,
    nonce: str,
    created: int,
    expires: int | None = None,
    keyid: str | None = None,
    covered: tuple[str, ...] = COVERED,
    alg: str = "hmac-sha256",
) -> dict[str, str]:
    """``Signature-Input`` and ``Signature`` for a request, as an AudioHook client computes them."""
    lookup = {k.lower(): v for k, v in headers.items()}
    params = f';keyid="{keyid or lookup["x-api-key"]}";nonce="{nonce}";alg="{alg}";created={created}'
    if expires is not None:
        params += f";expires={expires}"
    inner = "(" + " ".join(f'"{c}"' for c in covered) + ")" + params
    lines = []
    for name in covered:
        value = {"@request-target": target, "@authority": lookup["host"]}.get(name) or lookup[name]
        lines.append(f'"{name}": {value}')
    lines.append(f'"@signature-params": {inner}')
    mac = hmac.new(base64.b64decode(secret_b64), "\n".join(lines).encode(), hashlib.sha256).digest()
    return {"Signature-Input": f"sig1={inner}", "Signature": f"sig1=:{base64.b64encode(mac).decode()}:"}


SECRETS = signature.decode_secrets((SPEC_API_KEY,), (SPEC_SECRET,))


def check(headers, *, now=SPEC_CREATED + 1, target=SPEC_TARGET, nonces=None, max_age_s=30.0):
    return signature.verify(
        target=target,
        headers=headers,
        secrets=SECRETS,
        now=now,
        max_age_s=max_age_s,
        nonces=nonces if nonces is not None else signature.NonceCache(),
    )


def unsigned() -> dict[str, str]:
    return {k: v for k, v in SPEC_HEADERS.items() if not k.startswith("Signature")}


def signed(**kw) -> dict[str, str]:
    args = {
        "target": SPEC_TARGET,
        "secret_b64": SPEC_SECRET,
        "nonce": "bm9uY2UtZm9yLWEtdGVzdC0x",
        "created": SPEC_CREATED,
    }
    args.update(kw)
    headers = unsigned()
    return headers | sign(headers, **args)


def test_the_specifications_example_request_verifies_and_our_test_signer_reproduces_it():
    assert check(SPEC_HEADERS) is None
    mine = sign(
        unsigned(),
        target=SPEC_TARGET,
        secret_b64=SPEC_SECRET,
        nonce="VGhpc0lzQVVuaXF1ZU5vbmNl",
        created=SPEC_CREATED,
        expires=3282026430,
    )
    assert mine["Signature"] == SPEC_HEADERS["Signature"]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        (unsigned(), "unsigned"),
        (signed(secret_b64=base64.b64encode(b"another secret").decode()), "does not match"),
        (signed() | {"Audiohook-Session-Id": "00000000-0000-0000-0000-000000000001"}, "does not match"),
        (signed(target="/somewhere/else"), "does not match"),
        (signed(covered=COVERED[:-1]), "does not cover x-api-key"),
        (signed(keyid="another-key"), "keyid"),
        (signed(alg="rsa-pss-sha512"), "algorithm"),
        (signed(nonce=""), "nonce"),
        (signed(expires=SPEC_CREATED - 10), "expired"),
        (signed(created=SPEC_CREATED - 60), "too old"),
        (signed(created=SPEC_CREATED + 60), "future"),
        (unsigned() | {"Signature-Input": 'sig1=("@authority";keyid="x"', "Signature": "sig1=:AA==:"}, "malformed"),
        (unsigned() | {"Signature-Input": signed()["Signature-Input"]}, "unsigned"),
    ],
)
def test_missing_wrong_expired_or_incomplete_signatures_are_refused(headers, reason):
    refusal = check(headers)
    assert refusal is not None and reason in refusal


def test_a_replayed_nonce_is_refused():
    nonces = signature.NonceCache()
    headers = signed()
    assert check(headers, nonces=nonces) is None
    assert check(headers, nonces=nonces) == "nonce already used"


def test_a_key_without_a_client_secret_needs_no_signature():
    headers = unsigned() | {"X-API-KEY": "key-without-secret"}
    assert check(headers) is None
    assert signature.decode_secrets(("a", "b"), ("", SPEC_SECRET)) == {"b": base64.b64decode(SPEC_SECRET)}


def test_structured_field_dictionaries_parse_and_serialise_back():
    parsed = signature.parse_dictionary(SPEC_HEADERS["Signature-Input"])
    assert signature.serialize_inner_list(parsed["sig1"]) == SPEC_HEADERS["Signature-Input"][len("sig1=") :]
    mac = signature.parse_dictionary(SPEC_HEADERS["Signature"])["sig1"]
    assert isinstance(mac, signature.Item) and len(mac.value) == 32
    with pytest.raises(signature.SignatureError):
        signature.parse_dictionary('sig1=("a" "b";keyid="unterminated)')


def test_the_simulators_signer_reproduces_the_specifications_example():
    """``coach simulate`` signs with ``signature.sign_request``; checked against the spec, not the verifier."""
    headers = {k: v for k, v in unsigned().items() if k != "Host"}
    out = signature.sign_request(
        target=SPEC_TARGET,
        authority="audiohook.example.com",
        headers=headers,
        api_key=SPEC_API_KEY,
        client_secret=SPEC_SECRET,
        now=SPEC_CREATED,
        nonce="VGhpc0lzQVVuaXF1ZU5vbmNl",
        lifetime_s=3282026430 - SPEC_CREATED,
    )
    assert out == {"Signature-Input": SPEC_HEADERS["Signature-Input"], "Signature": SPEC_HEADERS["Signature"]}
