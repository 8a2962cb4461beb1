#!/usr/bin/env bash
# A real Neo4j Community 5.26 server for graphkit's development and CI, on loopback.
#
#   bash neo4j/run.sh start    fetch (Maven Central, first time), compile, start, wait for Bolt,
#                              set the password on first start; prints the Bolt URI on stdout
#   bash neo4j/run.sh stop     SIGTERM, wait up to 30 s, then SIGKILL; removes the pid file
#   bash neo4j/run.sh status   exit 0 and the URI when running, exit 3 when not
#   bash neo4j/run.sh build    only fetch and compile (what start and import do first)
#   bash neo4j/run.sh import DIR
#                              replace the database with the CSV files of DIR (`graphkit export --format
#                              neo4j-import --out DIR`) by `neo4j-admin database import full`, whose code ships
#                              in the same jars: stops the server if it runs, imports, starts it again
#
# Environment:
#   GRAPHKIT_NEO4J_PORT      Bolt port on 127.0.0.1            (default 7687)
#   GRAPHKIT_NEO4J_PASSWORD  password of user neo4j            (default graphkit-dev; never printed)
#   GRAPHKIT_NEO4J_DIR       state: home (data, plugins), logs, pid file, classpath cache
#                            (default .neo4j/ at the repo root)
#   GRAPHKIT_NEO4J_PYTHON    python with the `neo4j` driver     (default .venv/bin/python)
#   GRAPHKIT_NEO4J_JAVA_OPTS extra JVM options
#   JAVA_HOME                java to run (default: java on PATH; needs Java 17+)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$ROOT/neo4j"
STATE="${GRAPHKIT_NEO4J_DIR:-$ROOT/.neo4j}"
HOME_DIR="$STATE/home"
LOGS="$STATE/logs"
PIDFILE="$STATE/neo4j.pid"
PORTFILE="$STATE/neo4j.port"   # port of the running server (status/start report it)
CPFILE="$STATE/classpath.txt"
CLASSES="$STATE/classes"
CONSOLE="$LOGS/console.log"
PORT="${GRAPHKIT_NEO4J_PORT:-7687}"
HOST=127.0.0.1
URI="bolt://$HOST:$PORT"
PY="${GRAPHKIT_NEO4J_PYTHON:-$ROOT/.venv/bin/python}"
READY_TIMEOUT=120
STOP_TIMEOUT=30
MAIN_CLASS=GraphkitNeo4j

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; JAVAC="$JAVA_HOME/bin/javac"
else JAVA=java; JAVAC=javac; fi

say() { echo "neo4j: $*" >&2; }
die() { say "$*"; exit 1; }

# pid of our running server, or nothing (a stale pid file, or a pid reused by another process, is ignored)
running_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    alive "$pid" || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

# alive and not a zombie (a child of this shell that exited stays a zombie until reaped)
alive() {
    local st
    st="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [[ -n "$st" && "$st" != Z ]]
}

running_uri() { echo "bolt://$HOST:$(cat "$PORTFILE" 2>/dev/null || echo "$PORT")"; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

classpath_ok() {
    [[ -s "$CPFILE" && "$CPFILE" -nt "$SRC_DIR/pom.xml" ]] || return 1
    local jar
    while IFS= read -r jar; do [[ -z "$jar" || -f "$jar" ]] || return 1; done < <(tr ':' '\n' < "$CPFILE")
}

build() {
    mkdir -p "$STATE" "$HOME_DIR/plugins" "$LOGS"
    if ! classpath_ok; then
        command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
        say "resolving the Neo4j classpath with Maven (first fetch: about 155 MB from Maven Central into ~/.m2)..."
        local t0=$SECONDS
        if ! mvn -q -B -Dstyle.color=never -f "$SRC_DIR/pom.xml" dependency:build-classpath \
                -Dmdep.outputFile="$CPFILE.tmp" > "$STATE/mvn.log" 2>&1; then
            tail -n 40 "$STATE/mvn.log" >&2
            die "maven could not resolve neo4j/pom.xml (see $STATE/mvn.log)"
        fi
        mv "$CPFILE.tmp" "$CPFILE"
        rm -rf "$CLASSES"
        say "classpath ready in $((SECONDS - t0)) s"
    fi
    if [[ ! -f "$CLASSES/$MAIN_CLASS.class" || "$SRC_DIR/src/$MAIN_CLASS.java" -nt "$CLASSES/$MAIN_CLASS.class" ]]; then
        mkdir -p "$CLASSES"
        "$JAVAC" --release 17 -cp "$(cat "$CPFILE")" -d "$CLASSES" "$SRC_DIR/src/$MAIN_CLASS.java" \
            || die "javac failed"
    fi
    # APOC is loaded only when its jar is on the classpath AND in the plugin dir.
    local apoc
    apoc="$(tr ':' '\n' < "$CPFILE" | grep '/apoc-core-[^/]*\.jar$' | head -n1 || true)"
    [[ -n "$apoc" ]] || die "apoc-core jar missing from the classpath"
    find "$HOME_DIR/plugins" -maxdepth 1 -name 'apoc-core-*.jar' ! -name "$(basename "$apoc")" -delete
    cmp -s "$apoc" "$HOME_DIR/plugins/$(basename "$apoc")" || cp "$apoc" "$HOME_DIR/plugins/"
}

# Sets the password of user neo4j to $GRAPHKIT_NEO4J_PASSWORD on first start. Tries that password
# first, so once it is set the default one is never tried again.
ensure_password() {
    [[ -x "$PY" ]] || die "no python at $PY (run 'make install', or set GRAPHKIT_NEO4J_PYTHON)"
    "$PY" -c 'import neo4j' 2>/dev/null \
        || die "the neo4j Python driver is not installed in $PY ('$PY -m pip install neo4j')"
    GK_URI="$URI" GK_PASSWORD="${GRAPHKIT_NEO4J_PASSWORD:-graphkit-dev}" "$PY" - <<'PYEOF'
import os, sys
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError

uri, new = os.environ["GK_URI"], os.environ["GK_PASSWORD"]

def works(password):
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_="neo4j")

try:
    works(new)
    sys.exit(0)
except AuthError:
    pass
except ClientError as e:
    if "CredentialsExpired" not in (e.code or ""):
        raise
if new == "neo4j":
    sys.exit("neo4j: the password may not stay 'neo4j'; set GRAPHKIT_NEO4J_PASSWORD")
try:
    with GraphDatabase.driver(uri, auth=("neo4j", "neo4j")) as driver:
        driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $new",
                             new=new, database_="system")
except AuthError:
    sys.exit("neo4j: user neo4j has neither GRAPHKIT_NEO4J_PASSWORD nor the default password; "
             "set the right one, or remove .neo4j/home to start afresh")
works(new)
print("neo4j: password of user neo4j set from the default (GRAPHKIT_NEO4J_PASSWORD)", file=sys.stderr)
PYEOF
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid)"
        running_uri
        return 0
    fi
    rm -f "$PIDFILE" "$PORTFILE"
    if port_open; then
        die "port $PORT on $HOST is taken by another process (set GRAPHKIT_NEO4J_PORT)"
    fi
    command -v "$JAVA" >/dev/null || die "java not found (needs Java 17+)"
    build
    [[ -f "$CONSOLE" ]] && mv -f "$CONSOLE" "$CONSOLE.prev"
    local t0=$SECONDS
    # shellcheck disable=SC2086
    # the server's environment carries no password: it is set over Bolt by ensure_password
    nohup env -u GRAPHKIT_NEO4J_PASSWORD -u GK_PASSWORD "$JAVA" -Xmx1g \
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
        -Dlog4j2.disable.jmx=true \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        ${GRAPHKIT_NEO4J_JAVA_OPTS:-} \
        -cp "$CLASSES:$(cat "$CPFILE")" "$MAIN_CLASS" "$HOME_DIR" "$PORT" "$LOGS" \
        > "$CONSOLE" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$PIDFILE"
    echo "$PORT" > "$PORTFILE"
    say "started pid $pid, waiting for Bolt on $HOST:$PORT (log: $CONSOLE)"
    until grep -q '^graphkit-neo4j ready' "$CONSOLE" 2>/dev/null && port_open; do
        if ! alive "$pid"; then
            rm -f "$PIDFILE" "$PORTFILE"
            tail -n 30 "$CONSOLE" >&2 || true
            die "server exited during start (see $CONSOLE and $LOGS/neo4j.log)"
        fi
        if (( SECONDS - t0 >= READY_TIMEOUT )); then
            tail -n 30 "$CONSOLE" >&2 || true
            cmd_stop || true
            die "Bolt did not answer within $READY_TIMEOUT s"
        fi
        sleep 0.5
    done
    say "Bolt answering after $((SECONDS - t0)) s"
    if ! ensure_password; then
        cmd_stop || true
        die "could not log in / set the password"
    fi
    echo "$URI"
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE" "$PORTFILE"
        say "not running"
        return 0
    fi
    say "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local t0=$SECONDS
    while alive "$pid"; do
        if (( SECONDS - t0 >= STOP_TIMEOUT )); then
            say "still running after $STOP_TIMEOUT s, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            local k=0
            while alive "$pid" && (( k++ < 20 )); do sleep 0.5; done
            break
        fi
        sleep 0.5
    done
    rm -f "$PIDFILE" "$PORTFILE"
    say "stopped"
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        say "running (pid $pid)"
        running_uri
        return 0
    fi
    say "not running"
    return 3
}

# neo4j-admin's `database import full` (org.neo4j.cli.AdminTool, from the jars of the classpath) into the
# server's default database, replaced; the server is stopped first and started again after.
cmd_import() {
    local dir="${1:-}"
    [[ -n "$dir" && -d "$dir" ]] || die "usage: bash neo4j/run.sh import DIR (a directory of import CSV files)"
    dir="$(cd "$dir" && pwd)"
    local args=() f multiline=()
    for f in "$dir"/nodes-*.csv; do [[ -f "$f" ]] && args+=("--nodes=$f"); done
    for f in "$dir"/relationships-*.csv; do [[ -f "$f" ]] && args+=("--relationships=$f"); done
    (( ${#args[@]} )) || die "no nodes-*.csv or relationships-*.csv in $dir"
    # Only the *-multiline.csv files (the rows whose cells hold a line break) are parsed for quoted newlines,
    # single-threaded; the others are cut into lines by the parallel readers. A directory without them (an
    # export of an earlier graphkit) may hold line breaks anywhere: every file is parsed as multiline then.
    for f in "$dir"/*-multiline.csv; do [[ -f "$f" ]] && multiline+=("$f"); done
    if (( ${#multiline[@]} )); then
        args+=(--multiline-fields-format=v2 "--multiline-fields=$(IFS=,; echo "${multiline[*]}")")
    else
        args+=(--multiline-fields=true)
    fi
    command -v "$JAVA" >/dev/null || die "java not found (needs Java 17+)"
    build
    local was_running=""
    if running_pid >/dev/null; then was_running=1; cmd_stop; fi
    mkdir -p "$HOME_DIR/conf"
    local t0=$SECONDS
    say "importing $dir into $HOME_DIR/data (database neo4j, replaced)"
    # A batch job, not a server: the throughput collector; 2 GB of heap, as the tool asks for. The JIT keeps
    # its full tiers: C1 alone (-XX:TieredStopAtLevel=1) starts sooner but imported 1,000,000 relationships in
    # 108 s against 54 s with C2 on an idle 2-core machine.
    # shellcheck disable=SC2086
    if ! NEO4J_HOME="$HOME_DIR" NEO4J_CONF="$HOME_DIR/conf" "$JAVA" -Xmx2g -XX:+UseParallelGC \
            ${GRAPHKIT_NEO4J_JAVA_OPTS:-} \
            -cp "$(cat "$CPFILE")" org.neo4j.cli.AdminTool database import full neo4j \
            --overwrite-destination=true --array-delimiter=U+001F \
            --report-file="$LOGS/import.report" "${args[@]}" > "$LOGS/import.log" 2>&1; then
        tail -n 30 "$LOGS/import.log" >&2
        die "the import failed (see $LOGS/import.log); the database may be empty: import again or remove $HOME_DIR"
    fi
    say "imported in $((SECONDS - t0)) s"
    [[ -z "$was_running" ]] || cmd_start
}

case "${1:-}" in
    start) cmd_start ;;
    import) shift; cmd_import "$@" ;;
    build) build ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: bash neo4j/run.sh start|stop|status|build|import DIR" >&2; exit 2 ;;
esac
