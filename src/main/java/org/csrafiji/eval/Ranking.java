package org.csrafiji.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The one ordering every metric here uses: scores from highest to lowest, equal scores kept in
 * input order (a stable sort, like {@code numpy.argsort(-s, kind="stable")}).
 */
final class Ranking {

	private Ranking() {}

	/**
	 * @param scores the scores
	 * @return indices into {@code scores}, highest score first, ties in input order
	 */
	static int[] descending(double[] scores) {
		Integer[] order = new Integer[scores.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		// Arrays.sort on objects is a stable merge sort (TimSort).
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
		return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
	}
}
