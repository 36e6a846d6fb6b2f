"""Runs the benchmark job with compass, DuckDB and Polars side by side; see run.sh.

For each dataset size: writes the data once with `compass sample`, runs every tool once and
checks that all give the same numbers, then runs them in alternation ROUNDS times, measuring
wall time and peak resident memory with /usr/bin/time, and prints medians and ratios. Then runs
engine-throughput (Engine/), the engine alone on data in memory, pinned to one core with taskset.
"""
import argparse
import json
import math
import os
import pathlib
import shutil
import statistics
import subprocess
import sys

from normalise import from_compass

HERE = pathlib.Path(__file__).resolve().parent


def measure(command: list[str]) -> tuple[float, float, bytes]:
    """Runs a command; returns wall seconds, peak RSS in MiB, and its standard output."""
    timed = ["/usr/bin/time", "-f", "%e %M", "-o", "/tmp/compass-bench-time"] + command
    completed = subprocess.run(timed, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if completed.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{completed.stderr.decode()}")
    seconds, kib = pathlib.Path("/tmp/compass-bench-time").read_text().split()
    return float(seconds), int(kib) / 1024, completed.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compass", help="the release build of compass (needed unless --engine-only)")
    parser.add_argument("--engine", help="the release build of engine-throughput (needed unless --no-engine)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", default="/tmp/compass-bench")
    parser.add_argument("--no-engine", action="store_true", help="only the end-to-end table")
    parser.add_argument("--engine-only", action="store_true", help="only the engine alone; SIZES are ignored")
    parser.add_argument("--engine-migrants", type=int, default=1_000_000)
    parser.add_argument("--engine-rounds", type=int, default=9)
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000, 5_000_000])
    options = parser.parse_args()
    if options.no_engine and options.engine_only:
        parser.error("--engine-only and --no-engine leave nothing to run")
    if not options.engine_only:
        if not options.compass:
            parser.error("--compass is needed for the end-to-end table")
        end_to_end(options)
    if not options.no_engine:
        if not options.engine:
            parser.error("--engine is needed for the engine alone")
        engine_alone(options)


def engine_alone(options: argparse.Namespace) -> None:
    """Runs engine-throughput on one core and prints its tables: rows in file order, then shuffled."""
    for order in ([], ["--shuffled"]):
        command = [options.engine, "--migrants", str(options.engine_migrants), "--rounds", str(options.engine_rounds),
                   "--catalogue", str(HERE / "job-catalogue.json")] + order
        if shutil.which("taskset"):
            command = ["taskset", "-c", "0"] + command
        else:
            print("taskset not found: the engine runs unpinned", file=sys.stderr)
        print(flush=True)
        completed = subprocess.run(command, check=False)
        if completed.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}")


def end_to_end(options: argparse.Namespace) -> None:
    """Writes the datasets, checks that the three tools agree, and prints the end-to-end table."""
    python = sys.executable
    catalogue = str(HERE / "job-catalogue.json")
    rows = []
    for size in options.sizes:
        folder = pathlib.Path(options.data) / str(size)
        if not (folder / "assistance.csv").exists():
            subprocess.run([options.compass, "sample", "--migrants", str(size), "--seed", "1", "--output", str(folder)],
                           check=True, stderr=subprocess.DEVNULL)
        megabytes = sum(f.stat().st_size for f in folder.glob("*.csv")) / 1e6
        # Exact numbers, like the SQL and Polars jobs: compass's disclosure control (on by default)
        # would blank the small country × sex cells.
        tools = {
            "compass": [options.compass, "report", "--data", str(folder), "--period", "2022", "--format", "json",
                        "--catalogue", catalogue, "--disclosure", "off"],
            "duckdb": [python, str(HERE / "job_duckdb.py"), str(folder)],
            "polars": [python, str(HERE / "job_polars.py"), str(folder)],
        }
        answers = {}
        for name, command in tools.items():
            _, _, output = measure(command)
            result = json.loads(output)
            answers[name] = from_compass(result) if name == "compass" else result
        if not (answers["compass"] == answers["duckdb"] == answers["polars"]):
            for name, answer in answers.items():
                (pathlib.Path("/tmp") / f"compass-bench-{name}.json").write_text(json.dumps(answer, sort_keys=True, indent=1))
            sys.exit(f"{size:,} migrants: the tools disagree; see /tmp/compass-bench-*.json")
        print(f"{size:,} migrants ({megabytes:.0f} MB of CSV): all three tools give identical numbers", flush=True)
        times = {name: [] for name in tools}
        memory = {name: [] for name in tools}
        for _ in range(options.rounds):
            for name, command in tools.items():
                seconds, mib, _ = measure(command)
                times[name].append(seconds)
                memory[name].append(mib)
        for name in tools:
            rows.append((size, megabytes, name, statistics.median(times[name]), statistics.median(memory[name])))

    print()
    print(f"median of {options.rounds} alternating runs, wall time from process start, peak RSS")
    print()
    print("| migrants | CSV MB | tool | wall s | peak MiB | compass ÷ tool (time) | compass ÷ tool (memory) |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    by_size = {}
    for size, megabytes, name, seconds, mib in rows:
        by_size.setdefault(size, {})[name] = (seconds, mib)
    for size, megabytes, name, seconds, mib in rows:
        own_time, own_memory = by_size[size]["compass"]
        ratio_time = "" if name == "compass" else f"{own_time / seconds:.2f}"
        ratio_memory = "" if name == "compass" else f"{own_memory / mib:.2f}"
        print(f"| {size:,} | {megabytes:.0f} | {name} | {seconds:.2f} | {mib:.0f} | {ratio_time} | {ratio_memory} |")
    sizes = sorted(by_size)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        exponent = math.log(by_size[large]["compass"][0] / by_size[small]["compass"][0]) / math.log(large / small)
        print()
        print(f"compass growth exponent from {small:,} to {large:,} migrants: {exponent:.2f}")


if __name__ == "__main__":
    main()
