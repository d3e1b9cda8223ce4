#!/usr/bin/env python3
"""A recording SMTP server for varsel's tests, built on aiosmtpd.

Usage: smtp_sink.py DIR [--port N] [--cert CERT --key KEY] [--auth USER:PASSWORD [--mechanism PLAIN|LOGIN]]
       smtp_sink.py --parse FILE.eml   (print the parsed message as JSON)

Listens on 127.0.0.1 at a free port (or at N with `--port N`) and prints
`PORT <n>` once ready. Each accepted message is written as DIR/NNNN.eml
(raw bytes) and DIR/NNNN.json (envelope, `received_at` in Unix seconds,
plus the message parsed by Python's email module), before the server
answers 250. Behaviour is steered through files in DIR,
read on every message:
  DIR/reply  - if present, its first line (e.g. `451 4.3.0 Try again later`)
               is the answer to DATA and nothing is recorded;
  DIR/delay  - if present, seconds to sleep before answering.
  DIR/hold   - if present, the message is recorded and the answer waits
               until DIR/release appears (from then on nothing is held);
  DIR/kill   - if present, holding a process id: the message is recorded,
               that process is killed (SIGKILL) the moment the server has
               the message, and DIR/kill is removed.
  DIR/refuse_rcpt - addresses, one a line: `RCPT TO` for each is answered
               `550 5.1.1 <address>: Recipient address rejected: no such user`.
  DIR/max_rcpt - a number N: in one transaction, `RCPT TO` after N taken
               is answered `452 4.5.3 Too many recipients`.
  DIR/drop   - outage ids, one a line (`*` for every message): a message
               whose `X-Varsel-Notice` names one is recorded (with
               "dropped": true), then the connection is closed after its
               final dot, with no reply.
  DIR/hangup - if present, the server closes the connection right after
               its 250 to each message, as a relay with a limit of one
               message per connection does (the client must reconnect).
  DIR/refuse_notice - lines `ID REPLY`: a message whose `X-Varsel-Notice`
               names ID is answered REPLY (e.g. `554 5.7.1 rejected`), not
               recorded, and the connection is closed.
With --cert/--key the server requires STARTTLS. With --auth it requires a
login (AUTH PLAIN or LOGIN, after STARTTLS) as USER with PASSWORD; a wrong
one is answered `535 5.7.8 Authentication credentials invalid`.
--mechanism offers only that one. The JSON of each message says which
login it came with (`auth`: "MECHANISM:USER", or null).
"""

import asyncio
import email
import email.policy
import email.utils
import json
import os
import signal
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller


def lines(path):
    try:
        with open(path) as f:
            return [line.strip() for line in f if line.strip()]
    except OSError:
        return []


def notice_outage(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return str(message.get("X-Varsel-Notice", "")).split(" ")[0]


class Recorder:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in [a.lower() for a in lines(os.path.join(self.directory, "refuse_rcpt"))]:
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        limit = lines(os.path.join(self.directory, "max_rcpt"))
        if limit and len(envelope.rcpt_tos) >= int(limit[0]):
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        received_at = time.time()
        delay = os.path.join(self.directory, "delay")
        if os.path.exists(delay):
            with open(delay) as f:
                await asyncio.sleep(float(f.read().strip() or "0"))
        reply = os.path.join(self.directory, "reply")
        if os.path.exists(reply):
            with open(reply) as f:
                return f.readline().strip()
        raw = envelope.original_content or envelope.content
        outage = notice_outage(raw)
        for line in lines(os.path.join(self.directory, "refuse_notice")):
            target, answer = line.split(" ", 1)
            if target == outage:
                await server.push(answer)
                server.transport.close()
                await asyncio.sleep(3600)
        dropped = any(d in ("*", outage) for d in lines(os.path.join(self.directory, "drop")))
        self.count += 1
        stem = os.path.join(self.directory, "%04d" % self.count)
        record = describe(raw)
        record["dropped"] = dropped
        record.update({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "received_at": received_at,
            "auth": session.auth_data if session.authenticated else None,
        })
        with open(stem + ".eml.tmp", "wb") as f:
            f.write(raw)
        os.rename(stem + ".eml.tmp", stem + ".eml")
        with open(stem + ".json.tmp", "w") as f:
            json.dump(record, f)
        os.rename(stem + ".json.tmp", stem + ".json")
        if dropped:
            server.transport.abort()
            await asyncio.sleep(3600)
        kill = os.path.join(self.directory, "kill")
        if os.path.exists(kill):
            with open(kill) as f:
                pid = int(f.read().strip())
            os.remove(kill)
            os.kill(pid, signal.SIGKILL)
        kill_sender = os.path.join(self.directory, "kill_sender")
        if os.path.exists(kill_sender):
            with open(kill_sender) as f:
                left = int(f.read().strip() or "1") - 1
            if left > 0:
                with open(kill_sender, "w") as f:
                    f.write(str(left))
            else:
                os.remove(kill_sender)
            pid = socket_owner(session.peer[1])
            if pid is not None:
                with open(os.path.join(self.directory, "killed"), "a") as f:
                    f.write("%d %04d\n" % (pid, self.count))
                os.kill(pid, signal.SIGKILL)
        if os.path.exists(os.path.join(self.directory, "hold")):
            release = os.path.join(self.directory, "release")
            while not os.path.exists(release):
                await asyncio.sleep(0.01)
        if os.path.exists(os.path.join(self.directory, "hangup")):
            # Runs once the reply below is written: closed after it.
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 2.0.0 OK: queued as %04d" % self.count


def socket_owner(port):
    """The pid of the process holding the TCP socket bound to 127.0.0.1:port
    (the client side of a connection to this server), or None."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.readlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            local = fields[1]
            if int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    targets = {"socket:[%s]" % i for i in inodes if i != "0"}
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        fd_dir = os.path.join("/proc", entry, "fd")
        try:
            for fd in os.listdir(fd_dir):
                if os.readlink(os.path.join(fd_dir, fd)) in targets:
                    return int(entry)
        except OSError:
            continue
    return None


class Authenticator:
    """Accepts exactly one user name and password."""

    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == self.user and auth_data.password == self.password)
        if not ok:
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data="%s:%s" % (mechanism, self.user.decode()))


def describe(raw):
    """The message parsed by Python's email module, as JSON-ready data."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        entry = {"type": part.get_content_type()}
        if not part.is_multipart():
            entry["content"] = part.get_content()
        parts.append(entry)
    return {
        "headers": [[k, str(v)] for k, v in message.items()],
        "date": email.utils.parsedate_to_datetime(message["Date"]).isoformat()
        if message["Date"] else None,
        "content_type": message.get_content_type(),
        "parts": parts,
        "defects": [repr(d) for part in message.walk() for d in part.defects],
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if sys.argv[1] == "--parse":
        with open(sys.argv[2], "rb") as f:
            json.dump(describe(f.read()), sys.stdout)
        return
    directory = sys.argv[1]
    args = sys.argv[2:]
    kwargs = {}
    if "--cert" in args:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args[args.index("--cert") + 1], args[args.index("--key") + 1])
        kwargs = {"tls_context": context, "require_starttls": True}
    if "--auth" in args:
        user, password = args[args.index("--auth") + 1].split(":", 1)
        kwargs.update({"authenticator": Authenticator(user, password), "auth_required": True,
                       "auth_require_tls": True})
        if "--mechanism" in args:
            keep = args[args.index("--mechanism") + 1]
            kwargs["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m != keep]
    port = int(args[args.index("--port") + 1]) if "--port" in args else free_port()
    controller = Controller(Recorder(directory), hostname="127.0.0.1", port=port,
                            ready_timeout=10, **kwargs)
    controller.start()
    print("PORT %d" % port, flush=True)
    try:
        sys.stdin.read()  # runs until the test closes stdin or kills us
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
