#!/usr/bin/env python3
"""Summarise async-profiler collapsed stacks (cost.py --profile): share of samples by thread, by leaf frame
(self time) and, with --match TEXT, by every frame containing TEXT (inclusive time).

usage: bench/lib/collapsed_top.py FILE... [--top N] [--match TEXT]
"""
import argparse
import collections


def main():
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="+")
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--match", action="append", default=[])
    a = p.parse_args()
    leaf, inclusive, threads, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for name in a.files:
        for line in open(name):
            stack, _, count = line.rstrip().rpartition(" ")
            n = int(count)
            frames = stack.split(";")
            total += n
            leaf[frames[-1]] += n
            threads[frames[0]] += n
            for f in set(frames):
                inclusive[f] += n
    print("samples %d" % total)

    def show(title, items):
        print("== " + title)
        for f, c in items:
            print("%5.1f%%  %s" % (100.0 * c / total, f))
    show("first frame (thread)", threads.most_common(10))
    show("self", leaf.most_common(a.top))
    for m in a.match:
        show("inclusive, frames containing %r" % m, [(f, c) for f, c in inclusive.most_common() if m in f][:a.top])


if __name__ == "__main__":
    main()
