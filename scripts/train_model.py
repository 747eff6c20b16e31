#!/usr/bin/env python3
"""Trains Vigil's XGBoost risk model from the labelled feature rows `vigil train` writes.

Input (written by `vigil train`, FeatureRowsCSV format): a header `_label,_event_ts,_merchant,
_subject,<catalogue feature names...>`, then one labelled feature-log row per line (empty cell =
missing). `--summary` is a JSON object of label and row counts that goes into the model card.

What it does:
  1. installs xgboost (and numpy) with pip when they are missing;
  2. splits by time: the latest --holdout share of rows by `_event_ts` is the holdout;
  3. trains binary:logistic gradient-boosted trees (--trees <= 300, --depth <= 6) with the
     catalogue names as feature names;
  4. on the holdout, at merchant level (a merchant's score is the max of round(100 p) over its
     holdout rows; it is counterfeit when any of its holdout rows is labelled counterfeit), picks
     the intercept threshold: the lowest integer T in 0..100 such that honest merchants scoring
     >= T / honest merchants <= --budget, and the review threshold the same way for
     --review-budget (never above the intercept threshold);
  5. writes to --out: model.json (Booster.save_model JSON), model-card.json and model-card.md,
     and model-check.csv (a few holdout rows with Booster.predict's probability in `_p`, for the
     Swift parity check).

Errors go to stderr as one line starting with `error:` that names the problem and the fix; the
exit status is 2 for bad input, 3 when xgboost cannot be installed.
"""
import argparse
import csv
import importlib
import json
import math
import os
import subprocess
import sys

META = ["_label", "_event_ts", "_merchant", "_subject"]


def fail(message, status=2):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(status)


def ensure_packages():
    """Imports numpy and xgboost, installing them with pip first when missing."""
    # Vigil's XGBoost reader supports the JSON of XGBoost 2.x and 3.x (checked after training too).
    specs = {"numpy": "numpy", "xgboost": "xgboost>=2,<4"}
    missing = []
    for name in specs:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        try:
            importlib.import_module("pip")
        except ImportError:
            fail(f"{' '.join(missing)} not installed and pip is not available for {sys.executable}; "
                 "install pip (apt-get install python3-pip, or python3 -m ensurepip) or run scripts/install-deps", 3)
        print(f"installing {' '.join(missing)} with pip ...", file=sys.stderr)
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *[specs[m] for m in missing]])
        if result.returncode != 0:
            fail(f"pip could not install {' '.join(missing)} (status {result.returncode}); "
                 "check network access to PyPI or install them yourself: python3 -m pip install xgboost numpy", 3)
        importlib.invalidate_caches()
    import numpy  # noqa: F401
    import xgboost  # noqa: F401


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or header[:4] != META:
            fail(f"{path} does not start with the header {','.join(META)},<features>; write it with `vigil train`")
        rows = [[float(cell) if cell.strip() else math.nan for cell in line] for line in reader if line]
    return header[4:], rows


def merchant_scores(meta, probabilities):
    """{merchant: (max score, counterfeit?)} over the given rows."""
    merchants = {}
    for (label, _, merchant, _), p in zip(meta, probabilities):
        score = int(math.floor(100 * float(p) + 0.5))  # Swift's (100 * p).rounded(): half away from zero, p >= 0
        best, positive = merchants.get(merchant, (-1, False))
        merchants[merchant] = (max(best, score), positive or label == 1)
    return merchants


def curve(merchants):
    """Per integer threshold 0..100: counts of merchants scoring >= it."""
    honest = sum(1 for _, positive in merchants.values() if not positive)
    counterfeit = len(merchants) - honest
    points = []
    for t in range(101):
        tp = sum(1 for s, positive in merchants.values() if positive and s >= t)
        fp = sum(1 for s, positive in merchants.values() if not positive and s >= t)
        points.append({"threshold": t, "true_positives": tp, "false_positives": fp,
                       "precision": tp / (tp + fp) if tp + fp else 0.0,
                       "recall": tp / counterfeit if counterfeit else 0.0,
                       "honest_false_intercept_rate": fp / honest if honest else 0.0})
    return points, honest, counterfeit


def lowest_within(points, budget):
    for point in points:
        if point["honest_false_intercept_rate"] <= budget:
            return point["threshold"], True
    return 100, False


def at_fp_upper(point, honest):
    """A rough 95 % upper bound of the honest false-intercept rate at a threshold: rule of three when
    nothing was intercepted, else the observed rate plus two standard errors."""
    fp = point["false_positives"]
    if fp == 0:
        return 3 / honest
    rate = fp / honest
    return rate + 2 * math.sqrt(rate * (1 - rate) / honest)


def auc(merchants):
    """Mann-Whitney AUC of merchant max scores (ties count half)."""
    pos = [s for s, positive in merchants.values() if positive]
    neg = [s for s, positive in merchants.values() if not positive]
    if not pos or not neg:
        return None
    wins = sum((1.0 if p > n else 0.5 if p == n else 0.0) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", required=True, help="labelled rows CSV written by vigil train")
    parser.add_argument("--summary", help="JSON counts from vigil train for the model card")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--budget", type=float, default=0.001, help="honest false-intercept budget (merchant level)")
    parser.add_argument("--review-budget", type=float, default=0.05, help="honest share sent to review at most")
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--holdout", type=float, default=0.3)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not 1 <= args.trees <= 300:
        fail(f"--trees must be in 1...300, got {args.trees}")
    if not 1 <= args.depth <= 6:
        fail(f"--depth must be in 1...6, got {args.depth}")
    if not 0 < args.holdout < 1:
        fail(f"--holdout must be a share in (0, 1), got {args.holdout}")

    ensure_packages()
    import numpy as np
    import xgboost as xgb

    names, rows = read_rows(args.rows)
    if not rows:
        fail(f"{args.rows} has no rows; vigil train writes only labelled rows — check the labels")
    rows.sort(key=lambda r: r[1])
    cut = int(round(len(rows) * (1 - args.holdout)))
    cut = min(max(cut, 1), len(rows) - 1)
    train, holdout = rows[:cut], rows[cut:]
    for part, what in ((train, "training"), (holdout, "holdout")):
        classes = {r[0] for r in part}
        if classes != {0.0, 1.0}:
            only = "counterfeit" if classes == {1.0} else "genuine"
            fail(f"the {what} split ({len(part)} rows) has only {only} rows; change --holdout (now {args.holdout}) "
                 "or collect labels of both outcomes over a longer period")

    def matrix(part):
        data = np.array([r[4:] for r in part], dtype=np.float32)
        return xgb.DMatrix(data, label=np.array([r[0] for r in part]), missing=np.nan, feature_names=names)

    dtrain, dholdout = matrix(train), matrix(holdout)
    params = {"objective": "binary:logistic", "max_depth": args.depth, "eta": args.learning_rate,
              "eval_metric": "auc", "seed": args.seed, "nthread": 1, "tree_method": "hist"}
    booster = xgb.train(params, dtrain, num_boost_round=args.trees)
    os.makedirs(args.out, exist_ok=True)
    model_path = os.path.join(args.out, "model.json")
    booster.save_model(model_path)

    p = booster.predict(dholdout)
    merchants = merchant_scores([(r[0], r[1], r[2], r[3]) for r in holdout], p)
    points, honest, counterfeit = curve(merchants)
    if honest == 0 or counterfeit == 0:
        fail(f"the holdout has {honest} honest and {counterfeit} counterfeit merchants; thresholds need both — "
             f"raise --holdout (now {args.holdout}) or collect more labels")
    intercept, met = lowest_within(points, args.budget)
    review, _ = lowest_within(points, args.review_budget)
    review = min(review, intercept)
    at = {t: points[t] for t in (review, intercept)}

    with open(os.path.join(args.out, "model-check.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names + ["_p"])
        for r, prob in list(zip(holdout, p))[:20]:
            writer.writerow(["" if math.isnan(v) else repr(v) for v in r[4:]] + [repr(float(prob))])

    gain = booster.get_score(importance_type="gain")
    summary = {}
    if args.summary:
        with open(args.summary, encoding="utf-8") as handle:
            summary = json.load(handle)
    card = {
        "model": "model.json", "objective": "binary:logistic", "xgboost_version": xgb.__version__,
        "trees": args.trees, "depth": args.depth, "learning_rate": args.learning_rate, "seed": args.seed,
        "features_in_model": len(names),
        "features_used": [{"name": n, "gain": round(g, 6)} for n, g in sorted(gain.items(), key=lambda kv: -kv[1])],
        "labels": summary,
        "train": {"rows": len(train), "counterfeit_rows": int(sum(r[0] for r in train)),
                  "event_ts_from": int(train[0][1]), "event_ts_to": int(train[-1][1])},
        "holdout": {"rows": len(holdout), "counterfeit_rows": int(sum(r[0] for r in holdout)),
                    "event_ts_from": int(holdout[0][1]), "event_ts_to": int(holdout[-1][1]),
                    "merchants": len(merchants), "honest_merchants": honest, "counterfeit_merchants": counterfeit,
                    "merchant_auc": auc(merchants)},
        "budget": args.budget, "review_budget": args.review_budget, "budget_met": met,
        # With n honest merchants and none intercepted, the rate is below 3/n with 95 % confidence
        # (rule of three): a budget under that cannot be confirmed on this holdout.
        "honest_rate_upper_95": min(1.0, (at_fp_upper(points[intercept], honest))),
        "budget_resolvable": honest >= 3 / args.budget if args.budget > 0 else False,
        "thresholds": {"review": review, "intercept": intercept},
        "at_review": at[review], "at_intercept": at[intercept],
        "curve": [pt for pt in points if pt["threshold"] % 5 == 0 or pt["threshold"] in (review, intercept)],
    }
    with open(os.path.join(args.out, "model-card.json"), "w", encoding="utf-8") as handle:
        json.dump(card, handle, indent=2, sort_keys=True)
        handle.write("\n")
    with open(os.path.join(args.out, "model-card.md"), "w", encoding="utf-8") as handle:
        handle.write(render_markdown(card))
    print(json.dumps({"thresholds": card["thresholds"], "budget_met": met}))


def render_markdown(card):
    h, t = card["holdout"], card["train"]
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"
    lines = [
        "# Vigil risk model card", "",
        f"XGBoost {card['xgboost_version']}, binary:logistic, {card['trees']} trees of depth <= {card['depth']}, "
        f"learning rate {card['learning_rate']}, seed {card['seed']}; {card['features_in_model']} catalogue features, "
        f"{len(card['features_used'])} used by the trees.", "",
        "## Data", "",
        f"- train: {t['rows']} rows ({t['counterfeit_rows']} counterfeit), event_ts {t['event_ts_from']}..{t['event_ts_to']}",
        f"- holdout (latest by event_ts): {h['rows']} rows ({h['counterfeit_rows']} counterfeit), event_ts "
        f"{h['event_ts_from']}..{h['event_ts_to']}; {h['merchants']} merchants ({h['honest_merchants']} honest, "
        f"{h['counterfeit_merchants']} counterfeit)",
    ]
    labels = card["labels"]
    if labels:
        lines.append(f"- rows: {labels.get('rows_read')} logged, {labels.get('rows_labelled')} labelled "
                     f"(label established after the decision), {labels.get('rows_assumed_genuine', 0)} of merchants no label "
                     f"names taken as genuine (positive-unlabelled), {labels.get('rows_unused')} not used")
        lines.append("- honest merchants in the holdout: labelled genuine, or never labelled (assumed genuine)")
        lines += ["", "| labels | outcome | source | read | decided rows |", "| --- | --- | --- | ---: | ---: |"]
        read, used = labels.get("labels_by_outcome_source", {}), labels.get("labels_used_by_outcome_source", {})
        for outcome in sorted(read):
            for source in sorted(read[outcome]):
                lines.append(f"| | {outcome} | {source} | {read[outcome][source]} | {used.get(outcome, {}).get(source, 0)} |")
    r, i = card["at_review"], card["at_intercept"]
    resolution = "" if card["budget_resolvable"] else (
        f"; confirming a {card['budget']} budget needs at least {math.ceil(3 / card['budget'])} honest holdout merchants"
        if card["budget"] > 0 else "")
    lines += [
        "", "## Holdout, merchant level", "",
        "A merchant's score is the max of round(100 p) over its holdout rows; it is counterfeit when any of them is.",
        f"AUC {fmt(h['merchant_auc'])}.", "",
        f"- intercept threshold **{i['threshold']}** (lowest with honest false-intercept rate <= {card['budget']}"
        f"{'' if card['budget_met'] else ', NOT MET: an honest merchant scores 100'}): precision {fmt(i['precision'])}, "
        f"recall {fmt(i['recall'])}, honest false-intercept rate {i['honest_false_intercept_rate']:.4f}",
        f"- the holdout's {h['honest_merchants']} honest merchants bound the true rate at this threshold below "
        f"{card['honest_rate_upper_95']:.4f} (95 %){resolution}",
        f"- review threshold **{r['threshold']}** (honest share <= {card['review_budget']}): precision {fmt(r['precision'])}, "
        f"recall {fmt(r['recall'])}",
        "", "Thresholds apply to the model's score; rule floors in risk.yml still raise scores.", "",
        "| threshold | TP | FP | precision | recall | honest FI rate |", "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for pt in card["curve"]:
        lines.append(f"| {pt['threshold']} | {pt['true_positives']} | {pt['false_positives']} | {pt['precision']:.3f} | "
                     f"{pt['recall']:.3f} | {pt['honest_false_intercept_rate']:.4f} |")
    lines += ["", "## Features used (by gain)", ""]
    lines += [f"- `{f['name']}` {f['gain']:.3f}" for f in card["features_used"][:30]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
