#!/usr/bin/env python3
"""ckpt_bench's JSON -> a markdown table (stdout) and an SVG chart.

  build/bench/ckpt/ckpt_bench --benchmark_out=ckpt.json --benchmark_out_format=json
  python3 bench/ckpt/report.py ckpt.json docs/checkpointing.svg

Gradient/primal CPU time per budget (slots), beside the binomial optimum's
step runs per step for that many slots: the time follows the step runs.
"""
import json
import sys


def load(path):
    runs = json.load(open(path))['benchmarks']
    primal = {r['name'].split('_')[1]: r['cpu_time'] for r in runs if r['name'].endswith('_primal')}
    rows = []
    for r in runs:
        if 'Grad/' not in r['name']:
            continue
        model, budget = r['name'].split('/')[1].split('_')
        rows.append({'model': model, 'slots': int(r['slots']), 'bytes': int(r['work_bytes']),
                     'optimum': r['optimum_runs'], 'ratio': r['cpu_time'] / primal[model]})
    return rows


def table(rows):
    out = ['| model | storage | work bytes | step runs / step (binomial optimum) | gradient / primal time |',
           '|---|---|---|---|---|']
    for r in rows:
        storage = '%d slots' % r['slots'] if r['slots'] else 'unbudgeted'
        out.append('| %s | %s | %d | %.2f | %.2f |' % (r['model'], storage, r['bytes'], r['optimum'], r['ratio']))
    return '\n'.join(out)


def svg(rows, path):
    w, h, left, bottom, top, right = 660, 320, 60, 40, 20, 230
    xs = sorted({r['slots'] for r in rows if r['slots']})
    ymax = max(max(r['ratio'] for r in rows), max(r['optimum'] for r in rows)) * 1.1

    def px(i):
        return left + i * (w - left - right) / (len(xs) - 1)

    def py(v):
        return h - bottom - v / ymax * (h - top - bottom)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">' % (w, h),
             '<rect width="100%" height="100%" fill="white"/>',
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, h - bottom, w - right, h - bottom),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, h - bottom)]
    for i, s in enumerate(xs):
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (px(i), h - bottom + 14, s))
    parts.append('<text x="%d" y="%d" text-anchor="middle">slots (checkpoints)</text>' % ((left + w - right) / 2, h - 6))
    step = 5 if ymax > 12 else 2
    for v in range(0, int(ymax) + 1, step):
        parts.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (left - 4, py(v) + 4, v))
        parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, py(v), w - right, py(v)))
    series = [('ode', 'ratio', '#1f77b4', 'RK4 ode: gradient/primal'), ('rnn', 'ratio', '#d62728', 'RNN: gradient/primal'),
              ('ode', 'optimum', '#555', 'binomial optimum: step runs/step')]
    for k, (model, key, colour, label) in enumerate(series):
        pts = [(px(xs.index(r['slots'])), py(r[key])) for r in rows if r['model'] == model and r['slots']]
        dash = ' stroke-dasharray="4 3"' if key == 'optimum' else ''
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>' % (
            colour, dash, ' '.join('%.1f,%.1f' % p for p in pts)))
        full = [r for r in rows if r['model'] == model and not r['slots']]
        if key == 'ratio' and full:
            parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="1 3"/>' % (
                left, py(full[0]['ratio']), w - right, py(full[0]['ratio']), colour))
        parts.append('<text x="%d" y="%d" fill="%s">%s</text>' % (w - right + 6, top + 14 + 16 * k, colour, label))
    parts.append('<text x="%d" y="%d" fill="#777">dotted: unbudgeted</text>' % (w - right + 6, top + 14 + 16 * 3))
    parts.append('</svg>')
    open(path, 'w').write('\n'.join(parts) + '\n')


if __name__ == '__main__':
    rows = load(sys.argv[1])
    print(table(rows))
    if len(sys.argv) > 2:
        svg(rows, sys.argv[2])
