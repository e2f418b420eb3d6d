"""Writes deploy/load/RELIABILITY.md from the figures the drills recorded (.local/drills/*.json)."""
import datetime
import json
import pathlib
import sys

TITLES = {
    "kafka-outage": "Kafka broker stopped (SIGKILL) and restarted under a steady purchase load",
    "catalog-crash": "catalog-service killed (SIGKILL) and restarted under load",
    "promo-outage": "promo-service down: purchases with and without a code",
    "purchase-crash": "purchase-service killed mid-load (with and without promo codes)",
    "postgres-restart": "PostgreSQL stopped and started under load with a promo code; every view compared with purchase-service",
    "held-inventory-row": "Inventory row held by another session past the sale deadline, 50 buyers (half with a code)",
    "popular-capped-code": "Every buyer with one code capped below the buyers, for fewer tickets than the cap",
    "sponsor-tables": "Buyers of many 50-seat tables at once, with a limit PATCH and liveness probes meanwhile",
    "rolling-restart": "purchase-service restarted instance by instance (SIGTERM, started, ready, the next) under load, half the buyers with a code",
    "fuzz": "Fuzz pass over every endpoint (bad bodies, parameters, headers)",
    "redeem-timeouts": "promo-service's code row held past purchase-service's 2 s redeem timeout, 20 buyers (half with an Idempotency-Key, retried)",
    "frozen-sale-relay": "purchase-service's outbox relay frozen past promo's reconcile age, codes capped at 1 use and 1 use per donor",
    "redis-restart": "Redis stopped and started empty while a live sales stream is open",
    "held-set-limit": "A limit lowering held past catalog's 3 s timeout by a locked inventory row, then 200 buyers at once",
    "held-retire": "A delete of a package with sales held past catalog's timeout by a locked inventory row",
    "frozen-catalog-relay": "catalog-service's outbox relay frozen while a package is disabled",
    "smtp-outage": "The SMTP server (MailDev) killed for 30 s while 100 buyers check out, then started again",
}


def main(results_dir, out, replicas="1"):
    scale = ("one instance of every service" if replicas == "1" else
             f"{replicas} instances of every service (`--replicas {replicas}`: the gateway and each service take "
             "the instances they call in turn; a kill hits the first instance unless the drill says the service is down)")
    lines = ["# Reliability drills", "",
             f"Run on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC with `deploy/local/stack drill --replicas {replicas}`, "
             f"{scale} (the same drills run in short form on two instances in `deploy/local/stack test`). Each drill is a JUnit test in "
             "`deploy/system-tests` (FaultDrillSystemTests, FaultDrillWaitingSystemTests, HostileInputSystemTests) that fails if anything is lost, "
             "half-written or answered with a 5xx.", "",
             "| drill | figures |", "|---|---|"]
    for path in sorted(pathlib.Path(results_dir).glob("*.json")):
        figures = json.loads(path.read_text())
        text = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in figures.items())
        lines.append(f"| {TITLES.get(path.stem, path.stem)} | {text} |")
    lines += ["", "JWT attacks (alg none, wrong key, expired, tampered claims, another event's scope, Basic auth) are "
              "refused with 401/403 by the gateway and by the services themselves; promo guessing is limited to 20 "
              "failures per donor per 10 minutes; CSV injection and image polyglots are covered by the services' own "
              "tests (purchase-service TicketTests, media-service ImageValidationTests).", ""]
    pathlib.Path(out).write_text("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:4])
