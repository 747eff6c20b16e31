#!/usr/bin/env python3
"""Regenerate the XGBoost parity fixtures used by VigilRiskTests.

Usage (from this directory):

    python3 -m venv /tmp/xgb  && /tmp/xgb/bin/pip install xgboost numpy
    python3 -m venv /tmp/xgb2 && /tmp/xgb2/bin/pip install 'xgboost==2.1.4' numpy
    /tmp/xgb/bin/python  make_xgboost_fixtures.py   # writes xgb3_* (xgboost 3.x)
    /tmp/xgb2/bin/python make_xgboost_fixtures.py   # writes xgb2_* (xgboost 2.x)

The prefix is taken from the installed xgboost's major version. Outputs:

* ``<prefix>_model.json``           binary:logistic, 40 trees, depth 4, 12 features
* ``<prefix>_<objective>_model.json`` smaller models for the other objectives
* ``<prefix>_rows.csv``             header = feature names, empty cell = missing
* ``<prefix>_expected.csv``         one column per model: xgboost's own ``predict``
* ``<prefix>_contribs.csv``         ``pred_contribs=True, approx_contribs=True``
                                   (Saabas) for the first rows of the main model

Data is synthetic and deterministic (fixed seeds); ~15 % of cells are NaN.
"""

import csv
import os

import numpy as np
import xgboost as xgb

FEATURES = [
    "price_ratio_to_brand_median",
    "ocr_price_gap",
    "logo_brand_mismatch",
    "store_age_days",
    "verified_id",
    "custom_template",
    "shared_device_merchants",
    "shared_ip_merchants",
    "refund_rate_30d",
    "chargeback_rate_30d",
    "review_burst_score",
    "new_buyer_review_share",
]
N_TRAIN = 2000
N_FIXTURE_ROWS = 150
N_CONTRIB_ROWS = 25


def synthetic(rng, n):
    x = np.column_stack(
        [
            rng.lognormal(0.0, 0.6, n),  # price ratio
            rng.normal(0.0, 1.0, n),  # ocr gap
            rng.integers(0, 2, n).astype(float),  # logo mismatch
            rng.exponential(300.0, n),  # store age
            rng.integers(0, 2, n).astype(float),  # verified
            rng.integers(0, 2, n).astype(float),  # template
            rng.poisson(1.5, n).astype(float),
            rng.poisson(2.0, n).astype(float),
            rng.beta(1.0, 12.0, n),
            rng.beta(1.0, 40.0, n),
            rng.normal(0.0, 1.0, n),
            rng.uniform(0.0, 1.0, n),
        ]
    )
    logit = (
        -2.0 * np.log(x[:, 0])
        + 0.8 * x[:, 1]
        + 1.5 * x[:, 2]
        - 0.004 * x[:, 3]
        - 0.7 * x[:, 4]
        + 0.5 * x[:, 6]
        + 0.3 * x[:, 7]
        + 6.0 * x[:, 8]
        + 15.0 * x[:, 9]
        + 0.6 * x[:, 10]
        + 1.2 * x[:, 11]
        - 0.5
    )
    y = (rng.uniform(0, 1, n) < 1.0 / (1.0 + np.exp(-logit))).astype(float)
    mask = rng.uniform(0, 1, x.shape) < 0.15
    x[mask] = np.nan
    return x, y


def fmt(v):
    return "" if np.isnan(v) else repr(float(v))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    prefix = "xgb%d" % int(xgb.__version__.split(".")[0])
    rng = np.random.default_rng(20261123)
    x, y = synthetic(rng, N_TRAIN)
    xr, _ = synthetic(np.random.default_rng(7), N_FIXTURE_ROWS)
    # A few fixture rows with every value missing, and with extreme values.
    xr[0, :] = np.nan
    xr[1, :] = 1e30
    xr[2, :] = -1e30

    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=FEATURES)
    drows = xgb.DMatrix(xr, missing=np.nan, feature_names=FEATURES)

    models = [
        ("model", {"objective": "binary:logistic", "max_depth": 4, "eta": 0.2}, 40),
        ("reg_logistic_model", {"objective": "reg:logistic", "max_depth": 3, "eta": 0.3}, 8),
        ("binary_logitraw_model", {"objective": "binary:logitraw", "max_depth": 3, "eta": 0.3}, 8),
        ("reg_squarederror_model", {"objective": "reg:squarederror", "max_depth": 3, "eta": 0.3}, 8),
    ]
    columns = {}
    for name, params, rounds in models:
        params = dict(params, seed=1, nthread=1, subsample=0.9, colsample_bytree=0.9)
        booster = xgb.train(params, dtrain, num_boost_round=rounds)
        booster.save_model(os.path.join(here, "%s_%s.json" % (prefix, name)))
        columns[name] = booster.predict(drows)
        if name == "model":
            contribs = booster.predict(drows, pred_contribs=True, approx_contribs=True)

    with open(os.path.join(here, prefix + "_rows.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FEATURES)
        for row in xr:
            w.writerow([fmt(v) for v in row])
    with open(os.path.join(here, prefix + "_expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([name for name, _, _ in models])
        for i in range(N_FIXTURE_ROWS):
            w.writerow([repr(float(columns[name][i])) for name, _, _ in models])
    with open(os.path.join(here, prefix + "_contribs.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FEATURES + ["bias"])
        for i in range(N_CONTRIB_ROWS):
            w.writerow([repr(float(v)) for v in contribs[i]])
    print("wrote %s_* with xgboost %s" % (prefix, xgb.__version__))


if __name__ == "__main__":
    main()
