"""The end-to-end scenario with Debian's python3-sentry-sdk (1.9.x), run with /usr/bin/python3.

Input (environment): E2E_DSN, E2E_MARKER, E2E_RELEASE, E2E_ENVIRONMENT, E2E_ATTACHMENT (a file path).
Output: the SDK's debug log (stderr), plus on stdout "E2E_EVENT {...}" for every error event the SDK is
about to send, "E2E_SEND {...}" for every HTTP request its transport made (endpoint, item types, status)
and "E2E_OUTCOME {...}" for every loss the SDK recorded for a client report.
SDK 1.9 posts plain events to /store/ and only events with attachments, transactions, sessions and
client reports as envelopes to /envelope/, so both endpoints are exercised. It has no user-feedback API.
It ends with an uncaught exception, so its exit code is 1 by design.
"""

import gzip
import json
import logging
import os
import sys

import sentry_sdk
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import HttpTransport


def env(name):
    value = os.environ.get(name)
    if not value:
        print(f"E2E_FATAL missing {name}", flush=True)
        sys.exit(2)
    return value


def emit(kind, payload):
    print(f"{kind} {json.dumps(payload)}", flush=True)


def describe_body(body):
    """Item types and client-report outcomes of a request body: a gzipped event (/store/) or envelope."""
    try:
        raw = gzip.decompress(body)
    except (OSError, TypeError):
        raw = body if isinstance(body, bytes) else b""
    if raw.startswith(b"{") and b"\n" not in raw.rstrip(b"\n"):
        return ["event"], []
    types, discarded = [], []
    offset = raw.find(b"\n") + 1
    while 0 < offset < len(raw):
        end = raw.find(b"\n", offset)
        end = len(raw) if end < 0 else end
        if end == offset:
            break
        header = json.loads(raw[offset:end])
        offset = end + 1
        # Binary payloads (attachments) carry a length and may contain newlines.
        payload_end = offset + header["length"] if "length" in header else raw.find(b"\n", offset)
        payload_end = len(raw) if payload_end < 0 else payload_end
        types.append(header.get("type"))
        if header.get("type") == "client_report":
            discarded.extend(json.loads(raw[offset:payload_end]).get("discarded_events", []))
        offset = payload_end + 1
    return types, discarded


class RecordingTransport(HttpTransport):
    """The SDK's own HTTP transport; it only notes each request's outcome and each recorded loss."""

    def __init__(self, options):
        super().__init__(options)
        inner = self._pool.request

        def request(method, url, body=None, headers=None, **kwargs):
            types, discarded = describe_body(body)
            endpoint = "store" if "/store/" in url else "envelope"
            try:
                response = inner(method, url, body=body, headers=headers, **kwargs)
            except Exception as error:
                emit("E2E_SEND", {"endpoint": endpoint, "status": None, "error": repr(error), "types": types, "discarded": discarded})
                raise
            emit("E2E_SEND", {"endpoint": endpoint, "status": response.status, "types": types, "discarded": discarded})
            return response

        self._pool.request = request

    def record_lost_event(self, reason, data_category=None, item=None):
        emit("E2E_OUTCOME", {"reason": reason, "category": item.data_category if item is not None else data_category})
        super().record_lost_event(reason, data_category=data_category, item=item)


def before_send(event, hint):
    scenario = event.get("tags", {}).get("e2e_case", "unknown")
    emit("E2E_EVENT", {"case": scenario, "event_id": event.get("event_id")})
    # One event is dropped on purpose so a client report (reason before_send) is sent too.
    return None if scenario == "dropped" else event


marker = env("E2E_MARKER")
with open(env("E2E_ATTACHMENT"), "rb") as attachment_file:
    attachment = attachment_file.read()

sentry_sdk.init(
    dsn=env("E2E_DSN"),
    release=env("E2E_RELEASE"),
    environment=env("E2E_ENVIRONMENT"),
    debug=True,
    # Tracing is off unless a sample rate is given; 1.0 makes the transaction below arrive for sure.
    traces_sample_rate=1.0,
    transport=RecordingTransport,
    before_send=before_send,
    integrations=[LoggingIntegration(level=logging.INFO, event_level=logging.WARNING)],
)
# auto_session_tracking only starts sessions inside the WSGI/ASGI integrations; a script starts its own.
sentry_sdk.Hub.current.start_session(session_mode="application")

sentry_sdk.set_user({"id": "e2e-user-42", "email": "e2e-user@example.com", "username": "e2e-user"})
sentry_sdk.set_tag("e2e.sdk", "python")
sentry_sdk.set_tag("e2e.marker", marker)
sentry_sdk.set_tag("team", "e2e-backend")
sentry_sdk.add_breadcrumb(category="e2e.step", message=f"E2E breadcrumb one {marker}", level="info", data={"step": 1})
sentry_sdk.add_breadcrumb(category="e2e.step", message=f"E2E breadcrumb two {marker}", level="warning", data={"step": 2})

# In its own scope: this SDK leaves the transaction's name on the scope, and it would become every
# later event's "transaction" (and so the issues' culprit).
with sentry_sdk.push_scope():
    with sentry_sdk.start_transaction(op="e2e.task", name="e2e-transaction"):
        with sentry_sdk.start_span(op="e2e.step", description="e2e-child-span"):
            pass


def load_configuration():
    raise TypeError(f"E2E cause {marker}")


def handle_checkout():
    try:
        load_configuration()
    except TypeError as cause:
        raise ValueError(f"E2E handled failure {marker}") from cause


try:
    handle_checkout()
except ValueError:
    with sentry_sdk.push_scope() as scope:
        scope.set_tag("e2e_case", "handled")
        scope.add_attachment(bytes=attachment, filename="e2e-attachment.bin", content_type="application/octet-stream")
        sentry_sdk.capture_exception()

with sentry_sdk.push_scope() as scope:
    scope.set_tag("e2e_case", "message")
    logging.getLogger("e2e.checkout").warning("E2E message %s for %s with %s items", marker, "alice", 3)

with sentry_sdk.push_scope() as scope:
    scope.set_tag("e2e_case", "dropped")
    sentry_sdk.capture_message(f"E2E dropped by before_send {marker}")

sentry_sdk.Hub.current.end_session()
sentry_sdk.flush(10)


def process_queue():
    raise RuntimeError(f"E2E unhandled failure {marker}")


# Uncaught: the SDK's excepthook integration reports it and its atexit integration flushes.
sentry_sdk.set_tag("e2e_case", "unhandled")
process_queue()
