package org.csrafiji.eval;

/**
 * Labels and scores lined up: row i of both is the same sample, column c the same class.
 *
 * @param labels ground truth
 * @param scores predictions
 */
public record MatchedData(LabelMatrix labels, ScoreMatrix scores) {}
