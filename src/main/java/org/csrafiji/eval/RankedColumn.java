package org.csrafiji.eval;

/**
 * One class's samples ranked for average precision: ignored entries dropped, the rest sorted
 * by {@link Ranking#descending}. {@code positive[r]} and {@code score[r]} describe rank r + 1.
 */
record RankedColumn(double[] score, boolean[] positive, int positives) {

	/**
	 * @param labels ground truth
	 * @param scores predictions, same samples and classes
	 * @param classIndex the class
	 * @return the ranked, non-ignored samples of that class
	 */
	static RankedColumn of(LabelMatrix labels, ScoreMatrix scores, int classIndex) {
		int n = 0;
		for (int i = 0; i < labels.sampleCount(); i++) {
			if (labels.get(i, classIndex) != LabelState.IGNORED) {
				n++;
			}
		}
		double[] s = new double[n];
		boolean[] p = new boolean[n];
		int k = 0;
		for (int i = 0; i < labels.sampleCount(); i++) {
			LabelState state = labels.get(i, classIndex);
			if (state != LabelState.IGNORED) {
				s[k] = scores.get(i, classIndex);
				p[k] = state == LabelState.POSITIVE;
				k++;
			}
		}
		int[] order = Ranking.descending(s);
		double[] rankedScore = new double[n];
		boolean[] rankedPositive = new boolean[n];
		int positives = 0;
		for (int r = 0; r < n; r++) {
			rankedScore[r] = s[order[r]];
			rankedPositive[r] = p[order[r]];
			positives += rankedPositive[r] ? 1 : 0;
		}
		return new RankedColumn(rankedScore, rankedPositive, positives);
	}

	/** @return the number of ranked (non-ignored) samples */
	int size() {
		return score.length;
	}
}
