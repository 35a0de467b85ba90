#!/usr/bin/env python3
"""Start moto_server on 127.0.0.1:<port> with the small patches HappServe's local runtime needs.

Usage: python3 local/moto/launcher.py <port>

Runs in the foreground; exits on SIGTERM/SIGINT. Prints "moto ready on 127.0.0.1:<port>"
once the port accepts connections (callers may also just poll the port).
MOTO_PORT, if already set (the Java process that serves Lambda Invoke), is left alone:
moto's Step Functions engine sends its service calls there.
"""
import copy
import datetime
import math
import socket
import sys
import threading
import time
import uuid

from moto import server
from moto.dynamodb import models as dynamodb_models
from moto.ses import models as ses_models
from moto.sns import models as sns_models
from moto.stepfunctions import models as sfn_models
from moto.stepfunctions.parser import models as sfn_parser_models
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import FailureEventException
from moto.stepfunctions.parser.asl.component.state.wait.wait_function import timestamp as sfn_wait_timestamp


def fix_moto_10077():
    """getmoto/moto#10077: with execute_state_machine on, start_execution deep-copies the
    state machine together with its running executions (which hold RLocks), so every
    StartExecution after the first fails with "cannot pickle '_thread.RLock'".
    Share the executions list instead of copying it. Drop when moto > 5.2.1."""
    cls = sfn_models.StateMachineInstance  # base of StateMachine and StateMachineVersion

    def __deepcopy__(self, memo):
        clone = cls.__new__(type(self))
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            setattr(clone, key, value if key == "executions" else copy.deepcopy(value, memo))
        return clone

    cls.__deepcopy__ = __deepcopy__


def default_execution_name():
    """moto 5.2.1's executing backend names an unnamed StartExecution "None", so the second
    unnamed one fails with ExecutionAlreadyExists. AWS (and moto's non-executing backend)
    default the name to a UUID; do the same."""
    cls = sfn_parser_models.StepFunctionsParserBackend
    original = cls.start_execution

    def start_execution(self, state_machine_arn, name=None, *args, **kwargs):
        return original(self, state_machine_arn, name or str(uuid.uuid4()), *args, **kwargs)

    cls.start_execution = start_execution


def wait_not_before_timestamp():
    """moto 5.2.1's Wait with Timestamp/TimestampPath drops the timestamp's fractional seconds, truncates
    the delay to whole seconds and compares against the naive LOCAL time, so it can end seconds (or
    with TZ set, hours) before the timestamp; an SLA escalation would then find its complaint not yet
    due. AWS never ends such a Wait early: wait whole seconds up to, or just past, the timestamp."""
    cls = sfn_wait_timestamp.Timestamp

    def _get_wait_seconds(self, env):
        self.string.eval(env=env)
        text = env.stack.pop()
        if cls._from_timestamp_string(text) is None:  # moto's own format check and failure
            raise FailureEventException(self._create_failure_event(env, text))
        due = datetime.datetime.fromisoformat(text)  # the check above admits only ...Z, which 3.11 reads as UTC
        return math.ceil((due - datetime.datetime.now(datetime.timezone.utc)).total_seconds())

    cls._get_wait_seconds = _get_wait_seconds


def serialize_dynamodb():
    """moto's DynamoDB backend is not thread-safe under the threaded server: transact_write_items
    deep-copies whole tables while other requests write to them ("dictionary changed size during
    iteration" -> HTTP 500), and a transaction that fails its condition restores that snapshot,
    silently undoing writes that other requests made meanwhile. Real DynamoDB isolates each
    request, so take one lock around every read and write of the backend. Inside the lock a
    failed transaction only has to undo its own items, so snapshot those instead of whole tables
    (copying a table per transaction grows with the table and stalls every other request)."""
    cls = dynamodb_models.DynamoDBBackend
    lock = threading.RLock()
    no_table_copy = threading.local()

    def locked(method):
        def call(self, *args, **kwargs):
            with lock:
                return method(self, *args, **kwargs)

        return call

    for name in ("get_item", "put_item", "update_item", "delete_item", "query", "scan", "batch_get_item",
                 "transact_get_items"):
        setattr(cls, name, locked(getattr(cls, name)))

    # update_item returns the live item, which the response turns into ReturnValues only after the
    # lock is released: a concurrent ADD on the same item in between made two callers see the same
    # new value (duplicate acknowledgement numbers from the sequence counter). Return a copy taken
    # under the lock: the state this update left.
    update_item = cls.update_item

    def update_item_snapshot(self, *args, **kwargs):
        with lock:
            return copy.deepcopy(update_item(self, *args, **kwargs))

    cls.update_item = update_item_snapshot

    table_deepcopy = getattr(dynamodb_models.Table, "__deepcopy__", None)

    def table_copy(self, memo):
        if getattr(no_table_copy, "on", False):
            return self  # the rollback below restores the touched items instead
        if table_deepcopy:
            return table_deepcopy(self, memo)
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            setattr(clone, key, copy.deepcopy(value, memo))
        return clone

    dynamodb_models.Table.__deepcopy__ = table_copy
    original = cls.transact_write_items

    def transact_write_items(self, transact_items):
        with lock:
            touched = []
            for entry in transact_items:
                op_type, op = next(iter(entry.items()))
                try:
                    table = self.get_table(op["TableName"])
                except Exception:
                    continue  # the original reports the missing table
                if op_type == "Put":
                    names = [a for a in (table.hash_key_attr, table.range_key_attr) if a]
                    key = {a: op["Item"][a] for a in names if a in op.get("Item", {})}
                else:
                    key = op.get("Key", {})
                before = self.get_item(op["TableName"], key)
                touched.append((op["TableName"], key, before.to_json()["Attributes"] if before else None))
            no_table_copy.on = True
            try:
                return original(self, transact_items)
            except Exception:
                for table_name, key, attrs in reversed(touched):
                    if attrs is None:
                        self.delete_item(table_name, key)
                    else:
                        self.put_item(table_name, attrs)
                raise
            finally:
                no_table_copy.on = False

    cls.transact_write_items = transact_write_items


def stamp_sent_at(*model_classes):
    """Record when each SMS/email was sent: /moto-api/data.json lists the public attributes
    of sns.SMS and ses.Message/RawMessage, and has no timestamp of its own."""

    def wrap(original_init):
        def __init__(self, *args, **kwargs):
            original_init(self, *args, **kwargs)
            now = datetime.datetime.now(datetime.timezone.utc)
            self.sent_at = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

        return __init__

    for cls in model_classes:
        cls.__init__ = wrap(cls.__init__)


def announce_when_ready(port):
    """Print the ready line once the port accepts connections (werkzeug binds in main)."""
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                print(f"moto ready on 127.0.0.1:{port}", flush=True)
                return
        except OSError:
            time.sleep(0.05)


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: launcher.py <port>")
    port = int(sys.argv[1])
    # Fail fast (before the ready line could greet another server) if the port is taken.
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as e:
            sys.exit(f"moto launcher: cannot bind 127.0.0.1:{port}: {e}")
    fix_moto_10077()
    default_execution_name()
    wait_not_before_timestamp()
    serialize_dynamodb()
    stamp_sent_at(sns_models.SMS, ses_models.Message, ses_models.RawMessage)
    threading.Thread(target=announce_when_ready, args=(port,), daemon=True).start()
    # moto's own entry point: installs SIGTERM/SIGINT -> sys.exit(0), runs werkzeug threaded.
    server.main(["--host", "127.0.0.1", "--port", str(port)])


if __name__ == "__main__":
    main()
