#!/usr/bin/env bash
# Set up newsledger and run the main job on the bundled example articles:
# ingest them, then print the ledger's summary and one company's timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${NEWSLEDGER_DB:-examples/demo.db}
rm -f "$DB" "$DB-wal" "$DB-shm"
NL=".venv/bin/newsledger --db $DB"
$NL ingest examples/manifest.jsonl
echo
$NL stats
echo
$NL timeline "Halvorsen Motors"
echo
$NL conflicts
