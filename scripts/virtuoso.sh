#!/usr/bin/env bash
# Runs a throw-away Virtuoso Open Source 7 (Debian's virtuoso-opensource) on loopback, for the
# tests of `khabar build PATHS --to URL` (SPARQL 1.1 Graph Store HTTP Protocol).
#
#   scripts/virtuoso.sh install                        apt-get install it if missing (no service started)
#   scripts/virtuoso.sh start DIR HTTP_PORT SQL_PORT   new (or reused) database in DIR; returns when ready
#   scripts/virtuoso.sh stop DIR                       clean shutdown, waits for the process to exit
#   scripts/virtuoso.sh status DIR                     exit 0 if the server of DIR is running
#
# A port given as 0 is picked free at random. `start` writes DIR/virtuoso.env (shell syntax) and
# prints the same lines:
#   VIRTUOSO_SPARQL=http://127.0.0.1:PORT/sparql                      queries (POST form query=...)
#   VIRTUOSO_GSP=http://127.0.0.1:PORT/sparql-graph-crud-auth          GSP, HTTP Basic auth
#   VIRTUOSO_GSP_ANON=http://127.0.0.1:PORT/sparql-graph-crud          GSP, no auth (writes only with
#                                                                     VIRTUOSO_ANON_WRITE=1)
#   VIRTUOSO_USER / VIRTUOSO_PASSWORD, VIRTUOSO_PID, VIRTUOSO_HTTP_PORT, VIRTUOSO_SQL_PORT, ...
# GSP requests: PUT|POST|DELETE|GET "$VIRTUOSO_GSP?graph=<percent-encoded graph IRI>".
#
# Environment (all optional):
#   VIRTUOSO_USER, VIRTUOSO_PASSWORD  the GSP user made at start (default khabar / khabar-secret;
#                                     letters, digits, . _ - only)
#   VIRTUOSO_ANON_WRITE=1             also let anonymous clients write through /sparql-graph-crud
#                                     (and SPARQL UPDATE through /sparql); default 0
#   VIRTUOSO_BUFFERS, VIRTUOSO_DIRTY_BUFFERS  8 KiB pages (default 60000 / 45000, at most ~470 MB
#                                     of page cache, allocated as used)
#   VIRTUOSO_START_TIMEOUT            seconds to wait for readiness (default 60)
#   VIRTUOSO_STOP_QUICK=1             stop with SIGTERM (Virtuoso's quick shutdown, no checkpoint)
#                                     instead of SQL shutdown(); both take well under a second
#   VIRTUOSO_BIN, VIRTUOSO_ISQL       default virtuoso-t, isql-vt
# The DBA account stays dba/dba: the server listens on 127.0.0.1 only.
set -euo pipefail

VIRTUOSO_BIN="${VIRTUOSO_BIN:-virtuoso-t}"
VIRTUOSO_ISQL="${VIRTUOSO_ISQL:-isql-vt}"
GSP_USER="${VIRTUOSO_USER:-khabar}"
GSP_PASSWORD="${VIRTUOSO_PASSWORD:-khabar-secret}"
ANON_WRITE="${VIRTUOSO_ANON_WRITE:-0}"
BUFFERS="${VIRTUOSO_BUFFERS:-60000}"
DIRTY_BUFFERS="${VIRTUOSO_DIRTY_BUFFERS:-45000}"
START_TIMEOUT="${VIRTUOSO_START_TIMEOUT:-60}"
DBA_PASSWORD=dba

die() { echo "virtuoso.sh: $*" >&2; exit 1; }
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# Seconds since the epoch with decimals, for the timings printed to stderr.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A random free port below the kernel's ephemeral range (ip_local_port_range): ports in that range
# may be held by client sockets in TIME_WAIT, and Virtuoso then fails to listen on them.
pick_port() {
  local lo p
  lo=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$lo" -gt 21000 ] || lo=32768
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % (lo - 20000) ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# True while PID is a live process. A server detached with setsid is reparented to PID 1, which
# may take a second or more to reap it: a zombie (state Z) counts as gone.
alive() {
  local st
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# The pid of the server of DIR, if it is running (checked against /proc, not only the pid file).
running_pid() {
  local dir="$1" pid
  [ -f "$dir/virtuoso.pid" ] || return 1
  pid=$(cat "$dir/virtuoso.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$dir/virtuoso.ini" || return 1
  echo "$pid"
}

# Runs SQL (stdin) through isql on the SQL port; fails on any "*** Error" line.
isql_run() {
  local port="$1" out rc
  local sql; sql=$(mktemp); cat > "$sql"
  out=$("$VIRTUOSO_ISQL" "127.0.0.1:$port" dba "$DBA_PASSWORD" "$sql" 2>&1) && rc=0 || rc=$?
  rm -f "$sql"
  if [ "$rc" -ne 0 ] || grep -q '^\*\*\* Error' <<<"$out"; then
    echo "$out" >&2
    return 1
  fi
}

cmd_install() {
  if command -v "$VIRTUOSO_BIN" >/dev/null 2>&1 && command -v "$VIRTUOSO_ISQL" >/dev/null 2>&1; then
    return 0
  fi
  local sudo="" made_policy=0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # The package's postinst runs `invoke-rc.d virtuoso-opensource-7 start`: a policy-rc.d that exits
  # 101 stops it from starting the system-wide server (port 1111/8890, /var/lib db). Docker-style
  # images already have one; make a temporary one otherwise.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  echo "installing virtuoso-opensource (Debian package)..." >&2
  local rc=0
  { $sudo apt-get update -qq >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      virtuoso-opensource >/dev/null; } || rc=$?
  [ "$made_policy" = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || die "apt-get install virtuoso-opensource failed ($rc)"
}

write_ini() {
  local dir="$1" http="$2" sql="$3"
  cat > "$dir/virtuoso.ini" <<EOF
; Written by scripts/virtuoso.sh: a throw-away test database, loopback only.
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$sql
LiteMode             = 0
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
O_DIRECT             = 0
CaseMode             = 2
MaxStaticCursorRows  = 5000
CheckpointAuditTrail = 0
AllowOSCalls         = 0
SchedulerInterval    = 10
DirsAllowed          = ., $dir
ThreadCleanupInterval = 0
ThreadThreshold      = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize    = 100000
SingleCPU            = 0
PrefixResultNames    = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps        = 64
MaxMemPoolSize       = 100000000
MaxQueryMem          = 512M
VectorSize           = 1000
MaxVectorSize        = 1000000
AdjustVectorSize     = 0
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4
MaxSortedTopRows     = 1000000
NumberOfBuffers      = $BUFFERS
MaxDirtyBuffers      = $DIRTY_BUFFERS

[HTTPServer]
ServerPort           = 127.0.0.1:$http
ServerRoot           = $dir/www
MaxClientConnections = 10
DavRoot              = DAV
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
TempASPXDir          = 0
ServerThreads        = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
HTTPThreadSize       = 280000
HttpPrintWarningsInOutput = 0
Charset              = UTF-8
EnabledGzipContent   = 0

[Client]
SQL_PREFETCH_ROWS    = 100
SQL_PREFETCH_BYTES   = 16000
SQL_QUERY_TIMEOUT    = 0
SQL_TXN_TIMEOUT      = 0

[SPARQL]
; No ResultSetMaxRows / MaxQueryExecutionTime: no row cap and no "anytime" partial results
; (Debian's default ini caps results at 10000 rows and 60 s).
MaxQueryCostEstimationTime = 0
DefaultQuery         = SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }
EOF
}

# Makes the GSP user, switches /sparql-graph-crud-auth from Digest to Basic, and opens (or closes)
# anonymous writes. Idempotent: safe on a reused DIR.
setup_gsp() {
  local sql="$1"
  isql_run "$sql" <<EOF
create procedure DB.DBA.KHABAR_TEST_SETUP (in u varchar, in p varchar, in anon integer)
{
  declare st, msg varchar;
  if (exists (select 1 from DB.DBA.SYS_USERS where U_NAME = u))
    DB.DBA.USER_PASSWORD_SET (u, p);
  else
    DB.DBA.USER_CREATE (u, p);
  -- exec with state/message arguments does not raise: a GRANT already given (U0013) or a REVOKE
  -- of a role not granted is fine; the HTTP probes after this check the outcome.
  exec (sprintf ('GRANT SPARQL_UPDATE TO "%s"', u), st, msg);
  if (anon)
    exec ('GRANT SPARQL_UPDATE TO "SPARQL"', st, msg);
  else
    exec ('REVOKE SPARQL_UPDATE FROM "SPARQL"', st, msg);
}
;
DB.DBA.KHABAR_TEST_SETUP ('$GSP_USER', '$GSP_PASSWORD', $ANON_WRITE);
DB.DBA.VHOST_REMOVE (lhost=>'*ini*', vhost=>'*ini*', lpath=>'/sparql-graph-crud-auth');
DB.DBA.VHOST_DEFINE (lhost=>'*ini*', vhost=>'*ini*', lpath=>'/sparql-graph-crud-auth',
  ppath=>'/!sparql-graph-crud/', is_dav=>1, vsp_user=>'dba',
  opts=>vector ('noinherit', 1, 'exec_as_get', 1),
  auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL', sec=>'basic');
checkpoint;
EOF
}

# PUT then DELETE a probe graph through a GSP URL; prints the two status codes.
probe_gsp() {
  local url="$1"; shift
  local g="urn:khabar:virtuoso-sh-probe" put del
  put=$(printf '<urn:khabar:s> <urn:khabar:p> "\xe0\xa4\x95"@hi .\n' |
    curl -s -m 10 -o /dev/null -w '%{http_code}' "$@" -X PUT \
      -H 'Content-Type: application/n-triples' --data-binary @- "$url?graph=$g") || put=000
  del=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$@" -X DELETE "$url?graph=$g") || del=000
  echo "$put $del"
}

cmd_start() {
  [ $# -eq 3 ] || usage
  local dir="$1" http_arg="$2" sql_arg="$3" http sql pid t0 code attempt log_from vp
  command -v "$VIRTUOSO_BIN" >/dev/null 2>&1 || die "$VIRTUOSO_BIN not found: run '$0 install'"
  command -v "$VIRTUOSO_ISQL" >/dev/null 2>&1 || die "$VIRTUOSO_ISQL not found: run '$0 install'"
  command -v curl >/dev/null 2>&1 || die "curl not found"
  [[ "$http_arg" =~ ^[0-9]+$ && "$sql_arg" =~ ^[0-9]+$ ]] || die "ports must be numbers (0 = pick one)"
  [[ "$GSP_USER" =~ ^[A-Za-z0-9._-]+$ && "$GSP_PASSWORD" =~ ^[A-Za-z0-9._-]+$ ]] ||
    die "VIRTUOSO_USER/VIRTUOSO_PASSWORD: letters, digits, . _ - only"
  [[ "$ANON_WRITE" =~ ^[01]$ ]] || die "VIRTUOSO_ANON_WRITE must be 0 or 1"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  if pid=$(running_pid "$dir"); then die "already running in $dir (pid $pid)"; fi
  mkdir -p "$dir/www"   # HTTP document root: empty, so no file of DIR is served

  t0=$(now)
  for attempt in 1 2 3; do
    http="$http_arg"; sql="$sql_arg"
    [ "$http" = 0 ] && http=$(pick_port)
    [ "$sql" = 0 ] && { sql=$(pick_port); while [ "$sql" = "$http" ]; do sql=$(pick_port); done; }
    [ "$http" != "$sql" ] || die "HTTP and SQL ports must differ"
    port_in_use "$http" && die "port $http (HTTP) is in use"
    port_in_use "$sql" && die "port $sql (SQL) is in use"

    write_ini "$dir" "$http" "$sql"
    rm -f "$dir/virtuoso.pid" "$dir/virtuoso.env"
    # A lock file left by a killed server would stop the start.
    if [ -f "$dir/virtuoso.lck" ]; then
      pid=$(sed -n 's/^VIRT_PID=//p' "$dir/virtuoso.lck")
      if [ -z "$pid" ] || ! alive "$pid"; then rm -f "$dir/virtuoso.lck"; fi
    fi

    # +foreground keeps it one process that we own; setsid detaches it from our terminal/signals.
    # Its std streams go to a file so that a caller reading our output never waits on it.
    log_from=$(( $( { cat "$dir/virtuoso.log" 2>/dev/null || true; } | wc -l) + 1 ))
    ( cd "$dir" && exec setsid "$VIRTUOSO_BIN" +foreground +configfile "$dir/virtuoso.ini" \
        </dev/null >>"$dir/virtuoso.stdout" 2>&1 ) &
    pid=$!
    # setsid forks when it is a process-group leader (job control on), so $! may not be the
    # server: take the real pid from the lock file the server writes (VIRT_PID=...).
    vp=""
    for _ in $(seq 1 100); do
      vp=$(sed -n 's/^VIRT_PID=//p' "$dir/virtuoso.lck" 2>/dev/null || true)
      if [ -n "$vp" ] && alive "$vp"; then pid="$vp"; break; fi
      # (give up early: neither $! nor a forked server is alive)
      if ! alive "$pid" && ! pgrep -f -- "configfile $dir/virtuoso.ini" >/dev/null; then break; fi
      sleep 0.1
    done
    if [ -z "$vp" ]; then
      vp=$(pgrep -f -- "configfile $dir/virtuoso.ini" | head -n 1 || true)
      [ -n "$vp" ] && pid="$vp"
    fi
    echo "$pid" > "$dir/virtuoso.pid"

    code=000
    while alive "$pid"; do
      code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' \
        "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" 2>/dev/null) || code=000
      [ "$code" = 200 ] && break
      if awk -v a="$t0" -v b="$(now)" -v t="$START_TIMEOUT" 'BEGIN { exit !(b - a > t) }'; then
        tail -n 30 "$dir/virtuoso.log" >&2 || true
        cmd_stop "$dir" >&2 || true
        die "not ready after ${START_TIMEOUT}s (last HTTP status $code)"
      fi
      sleep 0.2
    done
    [ "$code" = 200 ] && break
    rm -f "$dir/virtuoso.pid"
    # It died. A port taken meanwhile (or held in TIME_WAIT) is worth a try with other ports.
    if tail -n "+$log_from" "$dir/virtuoso.log" 2>/dev/null | grep -q 'Failed to start listening' &&
       { [ "$http_arg" = 0 ] || [ "$sql_arg" = 0 ]; } && [ "$attempt" -lt 3 ]; then
      echo "virtuoso.sh: could not listen on $http/$sql; trying other ports" >&2
      continue
    fi
    tail -n "+$log_from" "$dir/virtuoso.log" 2>/dev/null | tail -n 20 >&2 || true
    die "virtuoso-t exited during start-up (see $dir/virtuoso.log)"
  done
  echo "virtuoso.sh: HTTP ready in $(since "$t0")s (pid $pid, $dir)" >&2

  # The SQL port is up with the HTTP one, but give isql a few tries.
  for _ in $(seq 1 25); do
    "$VIRTUOSO_ISQL" "127.0.0.1:$sql" dba "$DBA_PASSWORD" exec='select 1;' >/dev/null 2>&1 && break
    sleep 0.2
  done
  setup_gsp "$sql" || { cmd_stop "$dir" >&2 || true; die "GSP set-up through isql failed"; }

  local base="http://127.0.0.1:$http" r
  r=$(probe_gsp "$base/sparql-graph-crud-auth" -u "$GSP_USER:$GSP_PASSWORD")
  [ "$r" = "201 200" ] || { cmd_stop "$dir" >&2 || true; die "GSP probe with Basic auth gave '$r', expected '201 200'"; }
  r=$(probe_gsp "$base/sparql-graph-crud")
  if [ "$ANON_WRITE" = 1 ]; then
    [ "$r" = "201 200" ] || { cmd_stop "$dir" >&2 || true; die "anonymous GSP probe gave '$r', expected '201 200'"; }
  else
    # (an anonymous DELETE of a graph that does not exist answers 404 before checking rights)
    [ "${r%% *}" = 403 ] || { cmd_stop "$dir" >&2 || true; die "anonymous GSP PUT gave '${r%% *}', expected 403 (closed)"; }
  fi

  cat > "$dir/virtuoso.env" <<EOF
VIRTUOSO_DIR=$dir
VIRTUOSO_PID=$pid
VIRTUOSO_HTTP_PORT=$http
VIRTUOSO_SQL_PORT=$sql
VIRTUOSO_SPARQL=$base/sparql
VIRTUOSO_GSP=$base/sparql-graph-crud-auth
VIRTUOSO_GSP_ANON=$base/sparql-graph-crud
VIRTUOSO_ANON_WRITE=$ANON_WRITE
VIRTUOSO_USER=$GSP_USER
VIRTUOSO_PASSWORD=$GSP_PASSWORD
EOF
  cat "$dir/virtuoso.env"
  echo "virtuoso.sh: ready for GSP in $(since "$t0")s" >&2
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  local dir="$1" pid sql="" t0
  [ -d "$dir" ] || { echo "virtuoso.sh: no directory $dir: nothing to stop" >&2; return 0; }
  dir=$(cd "$dir" && pwd -P)
  if ! pid=$(running_pid "$dir"); then
    rm -f "$dir/virtuoso.pid"
    echo "virtuoso.sh: not running in $dir" >&2
    return 0
  fi
  t0=$(now)
  sql=$(sed -n 's/^ServerPort *= *127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/virtuoso.ini" | head -n 1)
  # Clean shutdown (checkpoint, empty transaction log) through SQL, 0.1-0.3 s; SIGTERM is
  # Virtuoso's "quick shutdown" (no checkpoint: the next start rolls the log forward), chosen up
  # front by VIRTUOSO_STOP_QUICK=1 and the fallback; SIGKILL is the last resort.
  if [ "${VIRTUOSO_STOP_QUICK:-0}" = 1 ]; then
    kill -TERM "$pid" 2>/dev/null || true
  elif [ -n "$sql" ]; then
    timeout 20 "$VIRTUOSO_ISQL" "127.0.0.1:$sql" dba "$DBA_PASSWORD" exec='shutdown;' \
      >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then
    echo "virtuoso.sh: shutdown via isql did not finish; SIGTERM $pid" >&2
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
  fi
  if alive "$pid"; then
    echo "virtuoso.sh: still alive; SIGKILL $pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  alive "$pid" && die "could not stop pid $pid"
  rm -f "$dir/virtuoso.pid"
  echo "virtuoso.sh: stopped in $(since "$t0")s ($dir)" >&2
}

cmd_status() {
  [ $# -eq 1 ] || usage
  local dir pid
  [ -d "$1" ] || { echo "not running"; return 1; }
  dir=$(cd "$1" && pwd -P)
  if pid=$(running_pid "$dir"); then echo "running (pid $pid)"; else echo "not running"; return 1; fi
}

[ $# -ge 1 ] || usage
cmd="$1"; shift
case "$cmd" in
  install) cmd_install "$@" ;;
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  *) usage ;;
esac
