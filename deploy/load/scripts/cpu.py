"""CPU seconds (user + system) used so far by every process on this machine but the load generators (wrk, hey):
the services, PostgreSQL, Kafka, Redis, Azurite. deploy/load/run reads it before and after a phase, so the
difference over the phase's purchases is the CPU cost of one purchase, whole system included.

A process that exits during a phase takes its CPU time with it; the stack's processes and PostgreSQL's pooled
backends live across the phases."""
import os

EXCLUDED = {"wrk", "hey"}


def main():
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        if comm in EXCLUDED:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    print(f"{total / ticks:.2f}")


if __name__ == "__main__":
    main()
