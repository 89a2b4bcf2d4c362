#!/usr/bin/python3
"""Counts meson test results, one per TAP subtest, and prints
"N passed, N failed" as the last line. Exit 1 when anything failed."""

import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')


def main(path, extras):
    passed = failed = skipped = 0
    for name, outcome in extras:
        print(f'{name}: {outcome}', file=sys.stderr)
        if outcome == 'ok':
            passed += 1
        else:
            failed += 1
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError as error:
        print(f'cannot read {path}: {error}', file=sys.stderr)
        print('0 passed, 1 failed')
        return 1

    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        result = record.get('result')
        subtests = [TAP_LINE.match(l) for l in (record.get('stdout') or '').splitlines()]
        subtests = [m for m in subtests if m]
        if subtests:
            for m in subtests:
                if '# SKIP' in m.group(2) or '# skip' in m.group(2):
                    skipped += 1
                elif m.group(1) == 'ok':
                    passed += 1
                else:
                    failed += 1
            # A TAP test that crashed or bailed out fails once more on its own.
            if result in ('ERROR', 'TIMEOUT') or (result == 'FAIL' and all(m.group(1) == 'ok' for m in subtests)):
                failed += 1
        elif result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1

    if skipped:
        print(f'{skipped} skipped', file=sys.stderr)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or passed == 0 else 0


if __name__ == '__main__':
    args = sys.argv[1:]
    extras = []
    while len(args) >= 2 and args[-2] == '--extra':
        name, _, outcome = args[-1].partition('=')
        extras.append((name, outcome))
        args = args[:-2]
    sys.exit(main(args[0], extras))
