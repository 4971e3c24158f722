#!/usr/bin/python3
"""SciPy beside carecoop on the single-child part of instance (b).

Reads the bipartite graph that `build/bench/match_bench --export-b PATH`
writes (a row per referral, a column per free place usable in time) and
solves the same model with scipy.sparse.csgraph.min_weight_full_bipartite_matching
(Debian's python3-scipy): each referral is matched to a place, or to its own
"not placed" column; the weight of a place is c - M*w (child-first cost c,
urgency weight w, M larger than any total saving in cost, as match::BigM),
so the minimum first places the most urgency-weighted children, then at the
least child-first cost. All weights are shifted by one constant to be
positive (each row takes exactly one column, so no choice changes).

    /usr/bin/python3 bench/scipy_assign.py PATH   (Debian's Python, with python3-scipy)
"""
import json
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def main(path):
    with open(path + ".json") as f:
        meta = json.load(f)
    rows = np.fromfile(path + ".row.i32", dtype=np.int32)
    cols = np.fromfile(path + ".col.i32", dtype=np.int32)
    cost = np.fromfile(path + ".cost.i64", dtype=np.int64)
    weight = np.fromfile(path + ".weight.i8", dtype=np.int8).astype(np.int64)
    n_rows, n_cols = meta["rows"], meta["columns"]

    lo = np.zeros(n_rows, dtype=np.int64)
    hi = np.zeros(n_rows, dtype=np.int64)
    np.minimum.at(lo, rows, cost)
    np.maximum.at(hi, rows, cost)
    big_m = 1 + int((hi - lo).sum())
    row_weight = np.zeros(n_rows, dtype=np.int64)
    row_weight[rows] = weight
    model = cost - big_m * weight  # exact: every value is below 2**53
    shift = 1 - min(0, int(model.min()))
    data = np.concatenate([(model + shift).astype(np.float64), np.full(n_rows, float(shift))])
    r = np.concatenate([rows, np.arange(n_rows, dtype=np.int32)])
    c = np.concatenate([cols, n_cols + np.arange(n_rows, dtype=np.int32)])
    graph = csr_matrix((data, (r, c)), shape=(n_rows, n_cols + n_rows))

    started = time.perf_counter()
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    seconds = time.perf_counter() - started

    placed = col_ind < n_cols
    values = np.asarray(graph[row_ind[placed], col_ind[placed]]).ravel()
    chosen = row_ind[placed]
    child_cost = np.rint(values - shift + big_m * row_weight[chosen]).astype(np.int64)
    weighted, total = int(row_weight[chosen].sum()), int(child_cost.sum())
    equal = weighted == meta["carecoop_weighted"] and total == meta["carecoop_cost"]
    ours = meta["carecoop_seconds"]
    print(f"{meta['name']}, single children: SciPy min_weight_full_bipartite_matching "
          f"{seconds:.2f} s, carecoop {ours:.2f} s, ratio {seconds / ours:.1f}x, "
          f"costs {'equal' if equal else 'DIFFER'} "
          f"(SciPy: {int(placed.sum())} placed, weighted {weighted}, cost {total}; "
          f"carecoop: {meta['carecoop_placed']} placed, weighted {meta['carecoop_weighted']}, "
          f"cost {meta['carecoop_cost']}; {n_rows} referrals x {n_cols} places, "
          f"{len(rows)} usable pairs)")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
