package org.csrafiji.train;

/**
 * Receives a training run's progress: the loss of every iteration and the validation result
 * of every epoch (a CSV log, a console, a live plot in Fiji).
 */
public interface TrainingListener {

	/**
	 * @param epoch epoch, from 0
	 * @param iteration global iteration, from 0
	 * @param lr base learning rate used
	 * @param loss the batch's loss
	 */
	default void iteration(int epoch, long iteration, double lr, double loss) {}

	/**
	 * @param epoch the epoch just finished, from 0
	 * @param iteration global iterations done
	 * @param meanLoss mean training loss of the epoch
	 * @param valMap validation mAP in [0, 1], NaN without a validation set
	 */
	default void epoch(int epoch, long iteration, double meanLoss, double valMap) {}

	/** A listener that ignores everything. */
	TrainingListener NONE = new TrainingListener() {
	};

	/**
	 * @param listeners told in this order
	 * @return a listener that passes every event on to all of them
	 */
	static TrainingListener all(TrainingListener... listeners) {
		java.util.List<TrainingListener> list = java.util.List.of(listeners);
		return new TrainingListener() {

			@Override
			public void iteration(int epoch, long iteration, double lr, double loss) {
				list.forEach(l -> l.iteration(epoch, iteration, lr, loss));
			}

			@Override
			public void epoch(int epoch, long iteration, double meanLoss, double valMap) {
				list.forEach(l -> l.epoch(epoch, iteration, meanLoss, valMap));
			}
		};
	}
}
