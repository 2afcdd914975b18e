#!/usr/bin/python3
# Counts GTest cases (TAP subtests) in meson's testlog.json; a test without
# TAP output counts once by its result. A crashed TAP test counts as at
# least one failure. Prints "N passed, N failed, N skipped". Given several
# testlog.json files (.ci/run: the normal and the sanitizer build), prints
# their sum; a file that cannot be read counts as one failure.
import json
import re
import sys

passed = failed = skipped = 0
lines = []
for path in sys.argv[1:]:
    try:
        lines += open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print(f"cannot read {path}: {e}", file=sys.stderr)
        failed += 1

for line in lines:
    if not line.strip():
        continue
    t = json.loads(line)
    tap = re.findall(r"^(ok|not ok)\b(.*)$", t.get("stdout", "") or "", re.M)
    result = t["result"]
    bad = result not in ("OK", "EXPECTEDFAIL", "SKIP")
    if tap:
        n_fail = sum(1 for a, b in tap if a == "not ok" and "# TODO" not in b)
        n_skip = sum(1 for a, b in tap if "# SKIP" in b or "# TODO" in b)
        passed += len(tap) - n_fail - n_skip
        skipped += n_skip
        failed += max(n_fail, int(bad))
    else:
        if result == "SKIP":
            skipped += 1
        elif bad:
            failed += 1
        else:
            passed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
