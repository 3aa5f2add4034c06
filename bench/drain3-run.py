"""Mines messages with Drain3 for the patterns benchmark.

Reads a JSON object {"messages": [...], "warmup_rounds": w, "rounds": n} on
stdin and prints {"cluster_ids": [...], "lines_per_second": x}: the cluster id
of every message from the first round, and the median rate over the n rounds
after w untimed ones, each round with a fresh miner and fresh copies of the
messages, as the logplat side measures. The configuration is Drain3's default
(similarity 0.4, depth 4) with the masking rules of Drain3's own example
configuration.
"""

import json
import statistics
import sys
import time

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

BOUNDARY_BEFORE = r"((?<=[^A-Za-z0-9])|^)"
BOUNDARY_AFTER = r"((?=[^A-Za-z0-9])|$)"
MASKING = [
    (r"(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))", "ID"),
    (r"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})", "IP"),
    (r"([0-9a-f]{6,} ?){3,}", "SEQ"),
    (r"([0-9A-F]{4} ?){4,}", "SEQ"),
    (r"(0x[a-f0-9A-F]+)", "HEX"),
    (r"([\-\+]?\d+)", "NUM"),
]


def make_miner():
    config = TemplateMinerConfig()
    config.drain_sim_th = 0.4
    config.drain_depth = 4
    config.masking_instructions = [
        MaskingInstruction(BOUNDARY_BEFORE + pattern + BOUNDARY_AFTER, name)
        for pattern, name in MASKING
    ]
    return TemplateMiner(config=config)


def copy_messages(messages):
    # Fresh str objects, so that no round finds hashes cached by an earlier one.
    return [message.encode("utf-8").decode("utf-8") for message in messages]


def mine(messages):
    messages = copy_messages(messages)
    miner = make_miner()
    started = time.perf_counter()
    ids = [miner.add_log_message(message)["cluster_id"] for message in messages]
    return ids, len(messages) / (time.perf_counter() - started)


def main():
    request = json.load(sys.stdin)
    warmup = request.get("warmup_rounds", 0)
    rounds = [mine(request["messages"]) for _ in range(warmup + request["rounds"])]
    print(json.dumps({
        "cluster_ids": rounds[0][0],
        "lines_per_second": statistics.median(rate for _, rate in rounds[warmup:]),
    }))


main()
