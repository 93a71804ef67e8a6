#!/usr/bin/env python3
"""Runs `khabar extract - --format nquads` over a large corpus on Spark and writes N-Quads parts.

    python3 scripts/spark/khabar_spark.py INPUTS... --out DIR [--khabar PATH] [--partitions N]
                                          [--load STORE] [--overwrite] [--master URL]
    spark-submit --files khabar scripts/spark/khabar_spark.py INPUTS... --out DIR --khabar khabar

INPUTS are JSON Lines files (.jsonl, .json; also .jsonl.gz), WARC files (.warc, .warc.gz), folders
holding them, or globs; local paths or any Hadoop filesystem URI (s3a://, hdfs://, gs://, ...).
`--paths-from FILE` adds one input a line (Common Crawl's warc.paths.gz, with --path-prefix).

JSON Lines: each file is read line by line (split on "\\n" only, as khabar does); a record without
an "id" (or with "id": null) gets "id": "PATH:LINE" (PATH as given, LINE 1-based counting every
line), so its article is named as `khabar build PATH` names it. Other lines are passed on
byte-for-byte; blank lines are skipped. Each partition is piped to one khabar process.
WARC: each file's bytes are piped to one khabar process (articles named by WARC-Target-URI).

khabar's exit code 1 (some records were bad; the others are written) is reported and the job goes
on; any other non-zero exit fails the task (and so, after Spark's retries, the job). khabar's
stderr goes to the executor's stderr (the console in local mode) with `-:N` (stdin's line N) turned
back into `PATH:LINE`. The output folder must not exist, unless --overwrite is given (then it is deleted).

Exit code: 0 when all went well, 1 when some records or files were bad (parts still written),
2 on a usage error (missing input, output exists, khabar not found), 3 when the job failed (khabar
exited with a code other than 0 or 1, or crashed: no parts are left).
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

JSONL_EXT = (".jsonl", ".json", ".jsonl.gz", ".json.gz")
WARC_EXT = (".warc", ".warc.gz")
# Rust's char::is_whitespace (Unicode White_Space): khabar skips lines made only of these
RUST_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
MAX_ERRORS_KEPT = 20


def kind(path):
    p = path.lower().rstrip("/")
    if p.endswith(WARC_EXT):
        return "warc"
    if p.endswith(JSONL_EXT):
        return "jsonl"
    return None


def is_local(path):
    return "://" not in path and not path.startswith("file:")


def die(msg, code=2):
    print(f"khabar_spark: {msg}", file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------- khabar on the executors


def resolve_khabar(spec):
    """The khabar binary on this node: a path (with a '/'), a file shipped with --files /
    addFile (by its bare name), or a name on PATH."""
    if "/" in spec:
        path = spec
    else:
        path = None
        try:
            from pyspark import SparkFiles

            cand = SparkFiles.get(spec)
            if os.path.isfile(cand):
                path = cand
        except Exception:
            pass
        if path is None and os.path.isfile(spec):  # YARN puts --files in the working dir
            path = os.path.abspath(spec)
        if path is None:
            path = shutil.which(spec)
        if path is None:
            raise RuntimeError(f"khabar binary {spec!r} not found (not shipped with --files, not on PATH)")
    if not os.access(path, os.X_OK):  # shipped files may lose their execute bit
        try:
            os.chmod(path, os.stat(path).st_mode | 0o755)
        except OSError:
            pass
    return path


class ListParam:
    """An accumulator of at most MAX_ERRORS_KEPT strings (for the driver's summary)."""

    def zero(self, v):
        return []

    def addInPlace(self, a, b):
        if len(a) < MAX_ERRORS_KEPT:
            a.extend(b[: MAX_ERRORS_KEPT - len(a)])
        return a


def run_khabar(cmd, feed, label, origins, acc):
    """Runs cmd, writing the chunks from `feed` (bytes) to its stdin in a thread, yields its
    stdout lines (str, without the newline), forwards its stderr. Exit 1 is counted, any other
    non-zero exit raises."""
    env = dict(os.environ)
    if "RAYON_NUM_THREADS" not in env:  # khabar's worker threads: the task's share of cores
        from pyspark import TaskContext

        tc = TaskContext.get()
        env["RAYON_NUM_THREADS"] = str(acc["threads"] or (tc.cpus() if tc else 1))
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    fail = []

    def write():
        try:
            for chunk in feed:
                proc.stdin.write(chunk)
        except BrokenPipeError:
            pass
        except Exception as e:  # noqa: BLE001 (reported below)
            fail.append(e)
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    tail = []

    def read_err():
        def fix(m):
            n = int(m.group(1))
            return origins[n - 1] if origins and 0 < n <= len(origins) else m.group(0)

        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if origins is not None:
                line = re.sub(r"(?:(?<=\s)|^)(?:stdin|-):(\d+)(?=[:\s]|$)", fix, line)
            msg = f"[khabar {label}] {line}"
            print(msg, file=sys.stderr, flush=True)
            acc["error_lines"].add(1)
            acc["errors"].add([msg])
            tail.append(msg)
            del tail[:-20]

    tw, te = threading.Thread(target=write, daemon=True), threading.Thread(target=read_err, daemon=True)
    tw.start()
    te.start()
    n = 0
    for raw in proc.stdout:
        line = raw.decode("utf-8").rstrip("\n")
        if line:
            n += 1
            yield line
    rc = proc.wait()
    tw.join()
    te.join()
    acc["quads"].add(n)
    if fail:
        raise RuntimeError(f"khabar {label}: feeding its input failed: {fail[0]!r}")
    if rc == 1:
        acc["bad_chunks"].add(1)
    elif rc != 0:
        raise RuntimeError(f"khabar {label} exited with {rc}: " + " | ".join(tail[-5:]))


# ---------------------------------------------------------------- JSON Lines


def tag_line(path, line_no, line):
    """The line to pipe (None for a blank one) and its origin `PATH:LINE`."""
    import json

    if line_no == 1 and line.startswith("\ufeff"):
        line = line[1:]  # khabar drops a byte-order mark
    if line.endswith("\r"):
        line = line[:-1]  # "\r\n" line ends, as Rust's str::lines
    if not line.strip(RUST_WS):
        return None
    origin = f"{path}:{line_no}"
    try:
        rec = json.loads(line)
    except ValueError:
        return (line, origin, False)
    if not isinstance(rec, dict) or rec.get("id") is not None:
        return (line, origin, False)
    if "id" not in rec and rec:
        # insert the id after the "{", the rest of the line kept byte-for-byte
        i = line.index("{") + 1
        line = line[:i] + '"id":' + json.dumps(origin, ensure_ascii=False) + "," + line[i:]
    else:  # {} or "id": null
        rec["id"] = origin
        line = json.dumps(rec, ensure_ascii=False)
    return (line, origin, True)


def jsonl_partition(khabar_spec, extra, acc):
    def run(index, items):
        items = list(items)  # (line, origin, id_added); a partition is one input split or less
        if not items:
            return
        # khabar takes stdin as JSON Lines when it opens with "{": put such a line first
        first = next((i for i, t in enumerate(items) if t[0].lstrip(RUST_WS).startswith("{")), None)
        if first is None:
            for _, origin, _ in items:
                msg = f"[khabar_spark] {origin}: not a JSON object"
                print(msg, file=sys.stderr, flush=True)
                acc["errors"].add([msg])
                acc["error_lines"].add(1)
            acc["bad_chunks"].add(1)
            return
        if first:
            items.insert(0, items.pop(first))
        acc["records"].add(len(items))
        acc["ids_added"].add(sum(1 for t in items if t[2]))
        origins = [t[1] for t in items]
        khabar = resolve_khabar(khabar_spec)
        feed = ((t[0] + "\n").encode("utf-8") for t in items)
        yield from run_khabar([khabar, "extract", "-", "--format", "nquads", "-q", *extra], feed, f"part {index}", origins, acc)

    return run


def jsonl_rdd(sc, path):
    """(line, origin, id_added) for every non-blank line of one JSON Lines file."""
    # a custom delimiter makes Hadoop split on "\n" only (its default also splits on a lone "\r")
    # (a split is one filesystem block: a small file is one partition, so zipWithIndex needs
    # no extra pass over it)
    conf = {"textinputformat.record.delimiter": "\n"}
    raw = sc.newAPIHadoopFile(
        path,
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        conf=conf,
    )
    return raw.map(lambda kv: kv[1]).zipWithIndex().map(lambda li: tag_line(path, li[1] + 1, li[0])).filter(lambda t: t is not None)


# ---------------------------------------------------------------- WARC


def warc_partition(khabar_spec, extra, acc):
    def run(index, items):
        for path, data in items:
            acc["warc_files"].add(1)
            acc["warc_bytes"].add(len(data))
            khabar = resolve_khabar(khabar_spec)
            name = path.rsplit("/", 1)[-1]
            yield from run_khabar([khabar, "extract", "-", "--format", "nquads", "-q", *extra], iter([data]), name, None, acc)

    return run


# ---------------------------------------------------------------- driver


def hadoop_fs(sc, path):
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(sc._jsc.hadoopConfiguration()), p


def expand_inputs(sc, inputs):
    """(path, kind) for each input file; folders searched recursively (sorted), globs expanded."""
    out, missing = [], []
    for given in inputs:
        if is_local(given):
            if os.path.isdir(given):
                for root, dirs, files in os.walk(given):
                    dirs.sort()
                    for f in sorted(files):
                        p = os.path.join(root, f)
                        if kind(p):
                            out.append((p, kind(p)))
            elif os.path.isfile(given):
                if not kind(given):
                    die(f"{given}: not a JSON Lines (.jsonl, .json) or WARC (.warc, .warc.gz) file")
                out.append((given, kind(given)))
            else:
                missing.append(given)
            continue
        fs, p = hadoop_fs(sc, given)
        statuses = fs.globStatus(p) if any(c in given for c in "*?[{") else ([fs.getFileStatus(p)] if fs.exists(p) else None)
        if not statuses:
            missing.append(given)
            continue
        stack = list(statuses)
        found = []
        while stack:
            st = stack.pop()
            if st.isDirectory():
                stack.extend(fs.listStatus(st.getPath()))
            else:
                s = st.getPath().toString()
                if kind(s):
                    found.append(s)
        if len(statuses) == 1 and not statuses[0].isDirectory() and not kind(given):
            die(f"{given}: not a JSON Lines or WARC file")
        # keep the user's spelling (it names the records without an id) for a file or a folder
        if len(statuses) == 1 and not any(c in given for c in "*?[{"):
            root = statuses[0].getPath().toString()
            found = [given] if not statuses[0].isDirectory() else [given.rstrip("/") + f[len(root):] for f in found]
        out.extend((s, kind(s)) for s in sorted(found))
    if missing:
        die("no such input: " + ", ".join(missing))
    return out


def check_local_encoding(path):
    with open(path, "rb") as f:
        head = f.read(2)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        die(f"{path}: UTF-16 JSON Lines; convert it first: iconv -f UTF-16 -t UTF-8 {shlex.quote(path)} > OUT.jsonl")


def quiet_log4j():
    f = tempfile.NamedTemporaryFile("w", suffix=".properties", prefix="khabar-spark-log4j2-", delete=False)
    f.write(
        "rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
        "appender.console.type = Console\nappender.console.name = console\n"
        "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n"
    )
    f.close()
    import atexit

    atexit.register(os.unlink, f.name)
    return f.name


def spark_session(master):
    import warnings

    warnings.filterwarnings("ignore", message=".*pandas.*")
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("khabar")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # launched by spark-submit: its JVM is up
    if not submitted:
        master = master or "local[2]"
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        b = b.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{quiet_log4j()}")
    if master:
        b = b.master(master)
    if not submitted and master.startswith("local"):
        # no network needed: everything on the loopback
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        b = (
            b.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    b = b.config("spark.ui.showConsoleProgress", "false")
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def read_paths_list(sc, path, prefix):
    """The lines of a list of inputs (gzipped or not): read on the driver when local."""
    if is_local(path):
        import gzip

        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            lines = f.read().splitlines()
    else:
        lines = sc.textFile(path).collect()
    return [prefix + l.strip() for l in lines if l.strip() and not l.startswith("#")]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", metavar="INPUT", help="JSON Lines / WARC files, folders, globs (local or Hadoop URIs)")
    ap.add_argument("--out", required=True, help="output folder for the N-Quads parts (part-00000, ...)")
    ap.add_argument("--overwrite", action="store_true", help="delete --out first when it exists (else: an error)")
    ap.add_argument("--khabar", default="khabar", help="khabar binary: a path, or a bare name shipped with --files or on PATH")
    ap.add_argument("--extract-args", default="", help="more arguments for `khabar extract` (e.g. '--min-confidence 0.5')")
    ap.add_argument("--threads", type=int, help="threads for each khabar process (default: spark.task.cpus, i.e. 1)")
    ap.add_argument("--partitions", type=int, help="number of khabar processes / output parts (default: one per input split)")
    ap.add_argument("--load", metavar="STORE", help="then run `khabar load --store STORE OUT/part-*` on the driver")
    ap.add_argument("--master", help="Spark master (default: local[2], or what spark-submit set)")
    ap.add_argument("--paths-from", metavar="FILE", help="more inputs, one a line (e.g. Common Crawl's warc.paths.gz)")
    ap.add_argument("--path-prefix", default="", help="prefix for the --paths-from lines (e.g. s3a://commoncrawl/)")
    ap.add_argument("--limit", type=int, help="only the first N inputs (a trial run)")
    args = ap.parse_args(argv)
    extra = shlex.split(args.extract_args)
    if args.partitions is not None and args.partitions < 1:
        die("--partitions must be at least 1")

    if is_local(args.out) and os.path.exists(args.out) and not args.overwrite:
        die(f"{args.out} exists: remove it or pass --overwrite")  # (before Spark's start)
    t0 = time.time()
    spark = spark_session(args.master)
    sc = spark.sparkContext
    t_start = time.time() - t0

    inputs = list(args.inputs)
    if args.paths_from:
        inputs += read_paths_list(sc, args.paths_from, args.path_prefix)
    if not inputs:
        die("no inputs")
    files = expand_inputs(sc, inputs)
    if args.limit:
        files = files[: args.limit]
    if not files:
        die("no .jsonl/.json/.warc/.warc.gz files in the inputs")
    for p, k in files:
        if k == "jsonl" and is_local(p) and not p.endswith(".gz"):
            check_local_encoding(p)

    fs, out_path = hadoop_fs(sc, args.out)
    if fs.exists(out_path):
        if not args.overwrite:
            die(f"{args.out} exists: remove it or pass --overwrite")
        fs.delete(out_path, True)

    # the khabar binary: found on the driver first (a cluster's nodes may have it where the
    # driver does not: then only --load needs it here)
    local = sc.master.startswith("local")
    khabar_spec = os.path.abspath(args.khabar) if "/" in args.khabar and local else args.khabar
    try:
        driver_khabar = resolve_khabar(khabar_spec)
    except RuntimeError as e:
        if local or args.load:
            die(str(e))
        driver_khabar = None
        print(f"khabar_spark: warning: {e} on the driver; the executors look for it themselves", file=sys.stderr)

    acc = {k: sc.accumulator(0) for k in ("records", "ids_added", "quads", "bad_chunks", "error_lines", "warc_files", "warc_bytes")}
    acc["errors"] = sc.accumulator([], ListParam())
    acc["threads"] = args.threads  # (not an accumulator: a setting the tasks read)

    rdds = []
    jsonl = [p for p, k in files if k == "jsonl"]
    warc = [p for p, k in files if k == "warc"]
    if jsonl:
        lines = sc.union([jsonl_rdd(sc, p) for p in jsonl])
        if args.partitions:
            n = lines.getNumPartitions()
            if args.partitions <= n:
                lines = lines.coalesce(args.partitions)
            else:  # round-robin by record (repartition moves whole pickled batches of records)
                k = args.partitions
                lines = (
                    lines.mapPartitionsWithIndex(lambda i, it: ((i + j, t) for j, t in enumerate(it)))
                    .partitionBy(k, lambda key: key % k)
                    .values()
                )
        rdds.append(lines.mapPartitionsWithIndex(jsonl_partition(khabar_spec, extra, acc)))
    if warc:
        # one element per file; a task runs khabar once per file
        data = sc.binaryFiles(",".join(warc), minPartitions=args.partitions or None)
        rdds.append(data.mapPartitionsWithIndex(warc_partition(khabar_spec, extra, acc)))
    quads = rdds[0] if len(rdds) == 1 else sc.union(rdds)

    t1 = time.time()
    try:
        quads.saveAsTextFile(args.out)
    except Exception as e:  # noqa: BLE001 (a task failed after its retries)
        cause = re.findall(r"RuntimeError: ([^\n]*)", str(e))
        print(f"khabar_spark: the job failed: {cause[0] if cause else str(e).splitlines()[0]}", file=sys.stderr)
        fs.delete(out_path, True)  # (this run made it: no half-written output is left)
        spark.stop()
        return 3
    t_job = time.time() - t1

    bad = acc["bad_chunks"].value
    print(f"khabar_spark: {len(jsonl)} JSON Lines file(s), {len(warc)} WARC file(s) ({acc['warc_bytes'].value} bytes)")
    print(f"khabar_spark: {acc['records'].value} JSON Lines records piped ({acc['ids_added'].value} given an id PATH:LINE)")
    print(f"khabar_spark: {acc['quads'].value} N-Quads lines written to {args.out}")
    print(f"khabar_spark: Spark started in {t_start:.1f} s, the job took {t_job:.1f} s (master {sc.master})")
    if bad:
        print(f"khabar_spark: {bad} khabar run(s) reported bad records ({acc['error_lines'].value} error lines); first ones:", file=sys.stderr)
        for m in acc["errors"].value:
            print("  " + m, file=sys.stderr)

    if args.load:
        copied = None
        if is_local(args.out) or args.out.startswith("file:"):
            local_out = args.out[5:] if args.out.startswith("file:") else args.out
            local_out = re.sub(r"^/+", "/", local_out)
        else:  # copy the parts to the driver
            copied = tempfile.mkdtemp(prefix="khabar-parts-")
            fs.copyToLocalFile(False, out_path, sc._jvm.org.apache.hadoop.fs.Path("file://" + copied), True)
            local_out = os.path.join(copied, out_path.getName())
        parts = sorted(os.path.join(local_out, f) for f in os.listdir(local_out) if f.startswith("part-"))
        cmd = [driver_khabar, "load", "--store", args.load, *parts]
        print(f"khabar_spark: khabar load --store {args.load} ({len(parts)} parts)", flush=True)
        t2 = time.time()
        rc = subprocess.call(cmd)
        if copied:
            shutil.rmtree(copied, ignore_errors=True)
        print(f"khabar_spark: load took {time.time() - t2:.1f} s, exit code {rc}")
        if rc != 0:
            spark.stop()
            return rc
    spark.stop()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
