#!/usr/bin/env python3
"""Writes src/test/resources/eval/random_metrics.json: a random multi-label case and the
metrics an independent implementation gives for it.

Average precision comes from scikit-learn's average_precision_score, per class, on the
non-ignored samples only. The scores have no ties (checked below), so scikit-learn's way of
grouping tied scores cannot differ from a ranking by score. CP/CR/CF1/OP/OR/OF1 and the top-3
variants follow the official CSRA evaluation (utils/evaluation/cal_PR.py), written here with
numpy; per_class_f1_mean follows mmpretrain's macro F1. Two countings of ignored labels:
"drop" (the official VOC 2007 rule: ignored entries leave the counts) and "as_negative" (the
official WIDER rule: ignored entries count as negatives in the threshold metrics).

Label encoding in the file: 1 positive, 0 negative, -1 ignored.
Run from the repository root:  python3 src/test/python/make_metric_fixtures.py
CI does not run this; the JSON it writes is committed.
"""
import json
import os

import numpy as np
from sklearn.metrics import average_precision_score

SEED = 2026
IMAGES = 200
CLASSES = 10
THRESHOLD = 0.5
OUT = os.path.join("src", "test", "resources", "eval", "random_metrics.json")


def make_case(rng):
    positive_rate = rng.uniform(0.1, 0.5, size=CLASSES)
    labels = (rng.uniform(size=(IMAGES, CLASSES)) < positive_rate).astype(int)
    signal = np.where(labels == 1, 1.0, -1.0)
    scores = 1.0 / (1.0 + np.exp(-(1.2 * signal + rng.normal(scale=1.5, size=labels.shape))))
    # the last class is never predicted at 0.5, so that its predicted count is 0 and the
    # official "count 0 as 1" rule shows in CP and in the OP denominator
    scores[:, -1] *= 0.45
    ignored = rng.uniform(size=labels.shape) < 0.1
    labels = np.where(ignored, -1, labels)
    for c in range(CLASSES):
        assert np.sum(labels[:, c] == 1) > 0, "every class needs a positive"
        assert len(np.unique(scores[:, c])) == IMAGES, "no ties within a class"
    for i in range(IMAGES):
        assert len(np.unique(scores[i])) == CLASSES, "no ties within an image (top-3)"
    return labels, scores


def average_precisions(labels, scores):
    aps = []
    for c in range(CLASSES):
        keep = labels[:, c] != -1
        aps.append(float(average_precision_score(labels[keep, c] == 1, scores[keep, c])))
    return aps


def keep_top3(scores):
    out = np.zeros_like(scores)
    for i, row in enumerate(scores):
        top = np.argsort(-row, kind="stable")[:3]
        out[i, top] = row[top]
    return out


def threshold_metrics(labels, scores, ignored_as_negative):
    tp = np.zeros(CLASSES)
    predicted = np.zeros(CLASSES)
    actual = np.zeros(CLASSES)
    for c in range(CLASSES):
        target = labels[:, c].astype(float)
        score = scores[:, c]
        if ignored_as_negative:
            target[target == -1] = 0
        else:
            keep = target != -1
            target, score = target[keep], score[keep]
        actual[c] = np.sum(target == 1)
        predicted[c] = np.sum(score >= THRESHOLD)
        tp[c] = np.sum(target * (score >= THRESHOLD))
    predicted[predicted == 0] = 1
    op = tp.sum() / predicted.sum()
    orr = tp.sum() / actual.sum()
    cp = np.mean(tp / predicted)
    cr = np.mean(tp / actual)
    precision = tp / predicted
    recall = tp / np.maximum(actual, 1)
    f1 = 2 * precision * recall / np.maximum(precision + recall, np.finfo(np.float64).eps)
    return {
        "CP": float(cp), "CR": float(cr), "CF1": float(2 * cp * cr / (cp + cr)),
        "OP": float(op), "OR": float(orr), "OF1": float(2 * op * orr / (op + orr)),
        "per_class_f1_mean": float(np.mean(f1)),
        "predicted": predicted.astype(int).tolist(),
    }


def expected(labels, scores, ignored_as_negative):
    aps = average_precisions(labels, scores)
    result = {"ap": aps, "mAP": float(np.mean(aps))}
    result.update(threshold_metrics(labels, scores, ignored_as_negative))
    result["top3"] = threshold_metrics(labels, keep_top3(scores), ignored_as_negative)
    return result


def main():
    rng = np.random.default_rng(SEED)
    labels, scores = make_case(rng)
    fixture = {
        "comment": "written by src/test/python/make_metric_fixtures.py; labels 1 positive, "
                   "0 negative, -1 ignored",
        "classes": ["c%d" % c for c in range(CLASSES)],
        "threshold": THRESHOLD,
        "labels": labels.tolist(),
        "scores": scores.tolist(),
        "drop": expected(labels, scores, ignored_as_negative=False),
        "as_negative": expected(labels, scores, ignored_as_negative=True),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
