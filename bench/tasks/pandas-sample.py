"""Baseline for `npm run bench -- pull`: pandas read_csv + DataFrame.sample of the change log.

Usage: /usr/bin/python3 bench/tasks/pandas-sample.py '{"file": "...", "n": 60, "seed": 20251231}'
Optional: "sep" (default ","), "encoding" (default utf-8; a UTF-8 BOM is skipped either way).
Prints one JSON line: rows, seconds (read_csv + sample, timed after `import pandas`, like
measure.js times only the task), importSeconds (import pandas), maxRssMB (peak RSS, this process).
"""
import json
import resource
import sys
import time

args = json.loads(sys.argv[1])
t0 = time.perf_counter()
import pandas as pd  # noqa: E402

t1 = time.perf_counter()
df = pd.read_csv(args["file"], sep=args.get("sep", ","), encoding=args.get("encoding", "utf-8"))
picked = df.sample(n=args["n"], random_state=args["seed"])
t2 = time.perf_counter()
print(json.dumps({
    "rows": len(df),
    "picked": len(picked),
    "seconds": t2 - t1,
    "importSeconds": t1 - t0,
    "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "pandas": pd.__version__,
}))
