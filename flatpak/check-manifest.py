#!/usr/bin/env python3
# check-manifest.py: checks the flatpak manifest's promises that
# flatpak-builder --show-manifest does not: the runtime the app is built
# for (GNOME 43: GTK 4.8, libadwaita 1.2) and the sandbox holes it needs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

REQUIRED_FINISH_ARGS = {
    '--share=network',                        # the loopback IB gateway
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',    # libsecret (decisions D3)
}


def main(path):
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    faults = []
    expect = {
        'id': 'io.github.alluse.Autopilot',
        'runtime': 'org.gnome.Platform',
        'runtime-version': '43',
        'sdk': 'org.gnome.Sdk',
        'command': 'alluse',
    }
    for key, value in expect.items():
        if manifest.get(key) != value:
            faults.append(f'{key} is {manifest.get(key)!r}, expected {value!r}')

    finish_args = set(manifest.get('finish-args', []))
    for arg in sorted(REQUIRED_FINISH_ARGS - finish_args):
        faults.append(f'finish-args lacks {arg}')
    for arg in sorted(finish_args - REQUIRED_FINISH_ARGS):
        faults.append(f'finish-args has {arg}, which the application does not need')

    modules = manifest.get('modules', [])
    if not modules or modules[-1].get('name') != 'alluse':
        faults.append('the last module must be alluse itself')

    for fault in faults:
        print(f'{path}: {fault}', file=sys.stderr)
    return 1 if faults else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print('usage: check-manifest.py MANIFEST.json', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
