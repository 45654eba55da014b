#!/usr/bin/env python3
"""Writers and checker for scripts/durability.sh (Python standard library only).

`write` runs concurrent writers against a server until it stops answering: each creates, updates
and deletes profiles through the JSON API and appends one line to a JSON-lines log for every
write the server acknowledged (201/200/204), and one for every write that was in flight when the
connection broke (its outcome is unknown: either result is acceptable).

`verify` replays the log and reads every profile back through the API: an acknowledged profile
must be there with exactly what was sent, an acknowledged delete must be gone, and the number of
stored profiles must lie between what was read back and that plus the creates whose answer was
lost. It prints one JSON summary line and exits 1 on any loss or corruption.
"""

import argparse
import http.client
import json
import random
import sys
import threading
import urllib.parse

DIMENSIONS = ("standardization", "error_tolerance", "verifiability", "frequency")
# Text from several scripts, so that a torn write of multi-byte UTF-8 would show as a mismatch.
WORDS = ("triage", "review", "Befund", "прием", "診断", "قراءة", "🩻", "O'Brien", "50%", "\"quoted\"")


def payload(rng, label):
    """A valid profile body with 1-12 random tasks."""
    tasks = []
    for index in range(rng.randint(1, 12)):
        task = {
            "title": f"{label} task {index} {' '.join(rng.sample(WORDS, 3))}",
            "share": round(rng.uniform(0.01, 100.0), 2),
            "ratings": {dimension: rng.randint(1, 5) for dimension in DIMENSIONS},
        }
        if rng.random() < 0.5:
            task["notes"] = "note\nwith a line break " + rng.choice(WORDS)
        tasks.append(task)
    body = {"name": f"{label} {rng.choice(WORDS)}", "tasks": tasks}
    if rng.random() < 0.5:
        body["description"] = "durability run " + " ".join(rng.sample(WORDS, 4))
    return body


class Log:
    """The append-only outcome log shared by the writer threads."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    def record(self, **entry):
        line = json.dumps(entry, ensure_ascii=False)
        with self.lock:
            self.file.write(line + "\n")
            self.file.flush()


def request(connection, method, path, body=None, token=None):
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def count(log, counters, key):
    with log.lock:
        counters[key] = counters.get(key, 0) + 1


def writer(number, base, log, seed, max_ops, counters):
    rng = random.Random(seed * 1000 + number)
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    mine = {}  # id -> token, for this writer's own live profiles
    for sequence in range(max_ops):
        choice = rng.random()
        if mine and choice < 0.2:
            op = "update"
            profile_id = rng.choice(sorted(mine))
            body = payload(rng, f"w{number}-{sequence}-upd")
        elif mine and choice < 0.3:
            op = "delete"
            profile_id = rng.choice(sorted(mine))
            body = None
        else:
            op = "create"
            profile_id = None
            body = payload(rng, f"w{number}-{sequence}")
        try:
            if op == "create":
                status, raw = request(connection, "POST", "/api/v1/profiles", body)
            elif op == "update":
                status, raw = request(connection, "PUT", f"/api/v1/profiles/{profile_id}", body, mine[profile_id])
            else:
                status, raw = request(connection, "DELETE", f"/api/v1/profiles/{profile_id}", None, mine[profile_id])
        except (OSError, http.client.HTTPException):
            # The server went away with this write in flight: its outcome is unknown.
            log.record(op=op + "?", id=profile_id, payload=body)
            count(log, counters, "in_doubt")
            return
        if op == "create" and status == 201:
            created = json.loads(raw)
            mine[created["id"]] = created["edit_token"]
            log.record(op="create", id=created["id"], payload=body)
        elif op == "update" and status == 200:
            log.record(op="update", id=profile_id, payload=body)
        elif op == "delete" and status == 204:
            del mine[profile_id]
            log.record(op="delete", id=profile_id)
        else:
            count(log, counters, f"refused_{status}")
            continue
        count(log, counters, "acknowledged")


def command_write(args):
    log = Log(args.log)
    counters = {"acknowledged": 0, "in_doubt": 0}
    threads = [
        threading.Thread(target=writer, args=(number, args.base, log, args.seed, args.max_ops, counters))
        for number in range(args.writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(counters))


def expected_states(log_path):
    """id -> list of acceptable states (a payload dict, or None for deleted); and how many
    creates were in flight when the server died (they may or may not exist)."""
    states = {}
    unknown_creates = 0
    with open(log_path, encoding="utf-8") as file:
        for line in file:
            entry = json.loads(line)
            op, profile_id = entry["op"], entry.get("id")
            if op == "create" or op == "update":
                states[profile_id] = [entry["payload"]]
            elif op == "delete":
                states[profile_id] = [None]
            elif op == "create?":
                unknown_creates += 1
            elif op == "update?":
                states[profile_id] = states[profile_id] + [entry["payload"]]
            elif op == "delete?":
                states[profile_id] = states[profile_id] + [None]
    return states, unknown_creates


def matches(sent, stored):
    """Whether the API's view of a stored profile is exactly the body that was sent."""
    if stored["name"] != sent["name"] or stored.get("description", "") != sent.get("description", ""):
        return False
    if stored.get("base_occupation") != sent.get("base_occupation"):
        return False
    tasks = stored["tasks"]
    if len(tasks) != len(sent["tasks"]):
        return False
    for got, want in zip(tasks, sent["tasks"]):
        if got["title"] != want["title"] or got["share_entered"] != want["share"]:
            return False
        if any(got["ratings"][dimension] != want["ratings"][dimension] for dimension in DIMENSIONS):
            return False
        if got.get("explanation") != want.get("notes"):
            return False
    return True


def command_verify(args):
    states, unknown_creates = expected_states(args.log)
    url = urllib.parse.urlsplit(args.base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    present = lost = corrupt = resurrected = 0
    problems = []
    for profile_id, acceptable in states.items():
        status, raw = request(connection, "GET", f"/api/v1/profiles/{profile_id}")
        if status == 200:
            stored = json.loads(raw)
            present += 1
            if not any(state is not None and matches(state, stored) for state in acceptable):
                if all(state is None for state in acceptable):
                    resurrected += 1
                    problems.append(f"{profile_id}: deleted (acknowledged) but still there")
                else:
                    corrupt += 1
                    problems.append(f"{profile_id}: stored profile differs from every acknowledged version")
        elif status == 404:
            if None not in acceptable:
                lost += 1
                problems.append(f"{profile_id}: acknowledged but missing")
        else:
            corrupt += 1
            problems.append(f"{profile_id}: GET answered {status}")
    acknowledged_live = sum(1 for acceptable in states.values() if acceptable[0] is not None)
    ghosts = 0
    if args.db_count is not None:
        # Every stored profile is one read back, or a create whose answer was lost.
        if not present <= args.db_count <= present + unknown_creates:
            ghosts = args.db_count - present
            problems.append(
                f"the database holds {args.db_count} profiles; {present} were read back and "
                f"{unknown_creates} creates were in doubt"
            )
    summary = {
        "profiles_tracked": len(states),
        "present": present,
        "acknowledged_live": acknowledged_live,
        "lost": lost,
        "corrupt": corrupt,
        "resurrected": resurrected,
        "unknown_creates": unknown_creates,
        "db_count": args.db_count,
        "unexplained_rows": ghosts,
    }
    print(json.dumps(summary))
    for problem in problems[:20]:
        print("  " + problem, file=sys.stderr)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="write until the server stops answering")
    write.add_argument("--base", required=True, help="e.g. http://127.0.0.1:3999")
    write.add_argument("--log", required=True, help="the JSON-lines outcome log to append to")
    write.add_argument("--writers", type=int, default=4)
    write.add_argument("--seed", type=int, default=1)
    write.add_argument("--max-ops", type=int, default=100_000, help="per writer")
    verify = commands.add_parser("verify", help="check every logged outcome against the server")
    verify.add_argument("--base", required=True)
    verify.add_argument("--log", required=True)
    verify.add_argument("--db-count", type=int, help="profiles in the database, to find rows no write explains")
    args = parser.parse_args()
    if args.command == "write":
        command_write(args)
        return 0
    return command_verify(args)


if __name__ == "__main__":
    sys.exit(main())
