#!/usr/bin/env python3
"""svg_keys.py SVG: each line sample in the key of a gnuplot SVG is long enough
to show its dash pattern twice, so lines of one colour (or in grey) can be told
apart by the key. gnuplot writes a plot with a title as <g id="gnuplot_plot_N">
holding the key's label (<text>) and then its path, whose first piece,
"M x1,y L x2,y", is the sample; stroke-dasharray gives the pattern. Prints each
sample too short and exits 1 if there is one."""
import re
import sys

svg = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for part in re.split(r'<g id="gnuplot_plot_\d+"', svg)[1:]:
    label = re.search(r"<text>(.*?)</text>", part)
    sample = re.search(r"<path stroke='[^']*' stroke-dasharray='([^']*)'\s+d='M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)", part)
    if not label or not sample or sample.group(3) != sample.group(5):
        continue
    period = sum(float(x) for x in sample.group(1).split(","))
    length = abs(float(sample.group(4)) - float(sample.group(2)))
    if length < 2 * period:
        print(f"{sys.argv[1]}: the key's sample of '{label.group(1)}' is {length:.1f} long, "
              f"its dash pattern {period:.1f}: not shown twice")
        bad = 1
sys.exit(bad)
