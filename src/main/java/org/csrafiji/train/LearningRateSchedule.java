package org.csrafiji.train;

/**
 * The official CSRA schedule: linear warm-up from 0 over the first warm-up epochs, stepped per
 * iteration (lr = base * t / W for global iteration t below W), then step decay by
 * {@code gamma} every {@code stepEpochs} epochs (epochs counted from 0).
 *
 * @param base the base learning rate (backbone's; the head's is a multiple)
 * @param warmupIterations W, the number of warm-up iterations (warm-up epochs x iterations
 *          per epoch); 0 for none
 * @param stepEpochs decay interval in epochs; 0 for no decay
 * @param gamma decay factor, 0.1 officially
 */
public record LearningRateSchedule(double base, long warmupIterations, int stepEpochs,
	double gamma)
{

	/** Checks the values. */
	public LearningRateSchedule {
		if (!(base > 0) || warmupIterations < 0 || stepEpochs < 0 || !(gamma > 0)) {
			throw new IllegalArgumentException(
				"Learning rate schedule needs base > 0, warm-up >= 0,"
					+ " step >= 0 and gamma > 0; got " + base + ", " + warmupIterations + ", "
					+ stepEpochs + ", " + gamma + ".");
		}
	}

	/**
	 * @param epoch the epoch, from 0
	 * @param iteration the global iteration, from 0
	 * @return the base learning rate for that step
	 */
	public double at(int epoch, long iteration) {
		double decay = stepEpochs == 0 ? 1 : Math.pow(gamma, epoch / stepEpochs);
		double warm = iteration < warmupIterations ? (double) iteration / warmupIterations : 1;
		return base * decay * warm;
	}
}
