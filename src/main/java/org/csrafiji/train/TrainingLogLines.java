package org.csrafiji.train;

import java.util.Locale;

/**
 * The words every front end uses to report training, so that the command line and Fiji read
 * alike: epochs and iterations counted from 1, losses with four decimals, validation mAP in
 * percent with two.
 */
public final class TrainingLogLines {

	private TrainingLogLines() {}

	/**
	 * @param epoch epoch, from 0 (as {@link TrainingListener} reports it)
	 * @param iteration global iteration, from 0
	 * @param lr base learning rate
	 * @param loss the batch's loss
	 * @return e.g. "epoch 1 iteration 10 lr 0.00250 loss 0.8657"
	 */
	public static String iteration(int epoch, long iteration, double lr, double loss) {
		return String.format(Locale.ROOT, "epoch %d iteration %d lr %.5f loss %.4f", epoch + 1,
			iteration + 1, lr, loss);
	}

	/**
	 * @param epoch the finished epoch, from 0
	 * @param meanLoss its mean training loss
	 * @param valMap validation mAP in [0, 1], NaN without validation data
	 * @return e.g. "epoch 1 done: mean loss 0.8852, val mAP 78.47 %"
	 */
	public static String epoch(int epoch, double meanLoss, double valMap) {
		return String.format(Locale.ROOT, "epoch %d done: mean loss %.4f", epoch + 1, meanLoss)
			+ (Double.isNaN(valMap) ? "" : ", val mAP " + percent(valMap));
	}

	/**
	 * @param r a finished run
	 * @param validated whether it had validation data (its best score is then the mAP)
	 * @return e.g. "best epoch 4 (val mAP 100.00 %)" or, without validation data, "best epoch 4
	 *         (mean loss 0.1234)"; "no complete epoch" when none finished
	 */
	public static String best(TrainingResult r, boolean validated) {
		if (r.bestEpoch() < 0) {
			return "no complete epoch";
		}
		return "best epoch " + (r.bestEpoch() + 1) + " (" + (validated
			? "val mAP " + percent(r
				.bestScore())
			: String.format(Locale.ROOT, "mean loss %.4f", -r.bestScore())) + ")";
	}

	/**
	 * @param fraction a value in [0, 1]
	 * @return it in percent with two decimals, e.g. "55.04 %"
	 */
	public static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
	}
}
