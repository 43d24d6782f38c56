#!/usr/bin/env python3
"""Summarises the hostile-input suites and fuzzers (issue #18) for releng/benchmarks/reliability.md.

The suites (Hostile*Test in the structure, spectra, refinement and FEFF test fragments) append one line per case to
bundles/*/target/hostile-results.tsv: suite, format, case, outcome, detail; and one line per fuzz run: "fuzz", format,
mutants, clean errors, mutants read, failures. Run after the fragments' tests:  releng/reliability-summary.py
It prints markdown tables to stdout (the figures of the report's input sections).
"""
import collections
import glob
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUTCOMES = ['CLEAN_ERROR', 'CORRECT_RESULT', 'TRACE', 'BAD_MESSAGE', 'SILENT_WRONG', 'HANG']
cases = collections.OrderedDict()
fuzz = []
longest = {}
for path in sorted(glob.glob(os.path.join(root, 'bundles', '*', 'target', 'hostile-results.tsv'))):
    bundle = path.split(os.sep)[-3].replace('org.activestructopt.', '')
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if parts[0] == 'fuzz':
                fuzz.append((bundle, parts[1], int(parts[2]), int(parts[3]), int(parts[4]), int(parts[5])))
                continue
            suite, fmt, name, outcome = parts[:4]
            detail = parts[4] if len(parts) > 4 else ''
            key = (bundle, fmt, 'regression' if suite.endswith('regressions') else 'generated')
            cases.setdefault(key, collections.Counter())[outcome] += 1
            if outcome == 'CLEAN_ERROR':
                longest[key] = max(longest.get(key, 0), len(detail))

out = sys.stdout
out.write('| fragment | format | cases | clean errors | correct results | traces | bad messages '
          '| silent wrong results | hangs | longest message |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n')
total = collections.Counter()
for (bundle, fmt, kind), c in cases.items():
    n = sum(c.values())
    total.update(c)
    label = fmt + (' (fuzz regressions)' if kind == 'regression' else '')
    out.write('| %s | %s | %d | %s | %d |\n' % (bundle, label, n, ' | '.join(str(c[o]) for o in OUTCOMES),
                                               longest.get((bundle, fmt, kind), 0)))
out.write('| **all** | | **%d** | %s | |\n\n' % (sum(total.values()), ' | '.join('**%d**' % total[o] for o in OUTCOMES)))
out.write('| fragment | format | mutants | clean errors | read without error | failures (trace, bad message, hang) |\n'
          '|---|---|---:|---:|---:|---:|\n')
for bundle, fmt, n, clean, read, failures in fuzz:
    out.write('| %s | %s | %d | %d | %d | %d |\n' % (bundle, fmt, n, clean, read, failures))
