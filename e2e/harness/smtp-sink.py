"""A real SMTP server for the e-mail tests: aiosmtpd (Debian's python3-aiosmtpd) on
127.0.0.1:PORT, accepting every message and writing it to DIR as NNNNNN.json — envelope,
headers (as received, folded lines joined), the text and HTML parts — and the raw message
as NNNNNN.eml. Prints "ready PORT" once it listens; stops on SIGTERM.

    python3 e2e/harness/smtp-sink.py DIR PORT
"""
import email
import email.policy
import json
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {"text": None, "html": None}
        for part in msg.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and parts["text"] is None:
                parts["text"] = part.get_content()
            elif kind == "text/html" and parts["html"] is None:
                parts["html"] = part.get_content()
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            # Raw header lines: what a header injection would have produced is seen as is.
            "headers": [[k, str(v)] for k, v in msg.raw_items()],
            "subject": str(msg.get("Subject", "")),
            "text": parts["text"],
            "html": parts["html"],
            # When the relay accepted it (seconds since the epoch): the benchmark's end time.
            "received": time.time(),
        }
        with self.lock:
            n = len([f for f in os.listdir(self.folder) if f.endswith(".json")]) + 1
            base = os.path.join(self.folder, f"{n:06d}")
            with open(base + ".eml", "wb") as f:
                f.write(raw)
            with open(base + ".tmp", "w", encoding="utf-8") as f:
                json.dump(record, f)
            os.rename(base + ".tmp", base + ".json")
        return "250 OK stored"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
