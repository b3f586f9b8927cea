"""Ratios of repeated floor-benchmark runs, as the README shows them.

    python bench/summarize.py RUN.json [RUN.json ...] [--before BEFORE.json ...]

Reads the JSON files that ../shared/bench/run_bench.py writes (`--json`), and
prints one markdown table: per N and case, the median over the runs of the
ratio xivows / floor (throughput cases: floor req/s / xivows req/s), the
spread (lowest-highest) when there are several runs, and the same for the
runs given after --before. Peak RSS of the server trees is the last row."""

import argparse
import json
import statistics
import sys

CASES = (
    'list',
    'view',
    'search_1pct',
    'search_one',
    'search_number',
    'view_wrk',
    'view_conc',
    'add',
    'add_fill',
)
THROUGHPUT = ('view_conc', 'view_wrk', 'add_fill')


def _case(target, case):
    if case == 'add_fill':
        add = (target.get('fill') or {}).get('add_http')
        return {'rps': add['users_per_s']} if add else None
    return (target.get('cases') or {}).get(case)


def ratios(paths):
    """{(n, case): [ratio per run]}, memory included as case 'peak RSS'."""
    found = {}
    for path in paths:
        with open(path) as fh:
            runs = json.load(fh)['runs']
        for run in runs:
            floor, xivows = run['targets'].get('floor'), run['targets'].get('xivows')
            if not floor or not xivows or xivows.get('error') or floor.get('error'):
                continue
            for case in CASES:
                f, x = _case(floor, case), _case(xivows, case)
                if not f or not x:
                    continue
                if case in THROUGHPUT:
                    value = f['rps'] / x['rps'] if f.get('rps') and x.get('rps') else None
                else:
                    value = (
                        x['median_ms'] / f['median_ms']
                        if f.get('median_ms') and x.get('median_ms')
                        else None
                    )
                if value:
                    found.setdefault((run['n'], case), []).append(value)
            fm = (floor.get('memory') or {}).get('peak_rss_tree_sampled_mb')
            xm = (xivows.get('memory') or {}).get('peak_rss_tree_sampled_mb')
            if fm and xm:
                found.setdefault((run['n'], 'peak RSS'), []).append(xm / fm)
    return found


def cell(values):
    if not values:
        return '—'
    text = f'{statistics.median(values):.2f}'
    if len(values) > 1:
        text += f' ({min(values):.2f}–{max(values):.2f})'
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('after', nargs='+')
    parser.add_argument('--before', nargs='*', default=[])
    args = parser.parse_args()
    after, before = ratios(args.after), ratios(args.before)
    sizes = sorted({n for n, _ in after} | {n for n, _ in before})
    head = ['case']
    for n in sizes:
        head += [f'N={n:,} before', f'N={n:,} after'] if args.before else [f'N={n:,}']
    print('| ' + ' | '.join(head) + ' |')
    print('|' + '---|' * len(head))
    for case in CASES + ('peak RSS',):
        row = [case]
        for n in sizes:
            if args.before:
                row.append(cell(before.get((n, case))))
            row.append(cell(after.get((n, case))))
        print('| ' + ' | '.join(row) + ' |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
