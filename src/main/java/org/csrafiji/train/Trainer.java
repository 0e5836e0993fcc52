package org.csrafiji.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.csrafiji.core.Setting;
import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.core.CsraException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.runtime.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Runs the CSRA training recipe over a dataset: per iteration a batch (flip +
 * RandomResizedCrop), a training forward pass, masked BCE, backward through DJL's gradient
 * collector and one SGD step at the scheduled learning rate; per epoch validation mAP, the
 * last checkpoint (+ momentum and {@link TrainingState}) and, when it improved, the best one.
 * The cancel flag is read before every iteration; a cancelled run keeps the files of its last
 * completed epoch, from which it can resume.
 */
public final class Trainer {

	private final TrainingOptions options;
	private final Dataset train;
	private final Dataset validation;
	private final Path out;
	private final Device device;

	/**
	 * @param options the recipe and network
	 * @param train training images and labels
	 * @param validation validation images and labels with the same classes, or null (the best
	 *          epoch is then the one with the lowest mean training loss)
	 * @param out output folder (created)
	 * @param device where to train
	 */
	public Trainer(TrainingOptions options, Dataset train, Dataset validation, Path out,
		Device device)
	{
		if (validation != null && !validation.classes().equals(train.classes())) {
			throw new CsraException("The validation set's classes " + validation.classes().names()
				+ " differ from the training set's " + train.classes().names()
				+ "; give both CSV files the same class columns in the same order.");
		}
		this.options = options;
		this.train = train;
		this.validation = validation;
		this.out = out;
		this.device = device;
	}

	/**
	 * @param listener progress
	 * @param cancelled read before each iteration; true stops the run
	 * @param resume continue from the output folder's last checkpoint
	 * @return how the run ended
	 */
	public TrainingResult run(TrainingListener listener, BooleanSupplier cancelled,
		boolean resume)
	{
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			Files.createDirectories(out);
			TrainingState state = resume
				? TrainingState.read(out)
				: new TrainingState(0, 0,
					Double.NaN, -1, 0);
			TrainingOptions o = resume
				? options.toBuilder().init(out.resolve(CheckpointFiles.LAST
					+ ".pth")).build()
				: options;
			try (TrainableNetwork net = TrainableNetwork.create(o, train.classes(), device);
				SgdMomentum sgd = new SgdMomentum(net.trainable(), o.momentum(), o.weightDecay()))
			{
				if (resume) {
					net.batchesTracked(state.batchesTracked());
					restoreMomentum(sgd);
				}
				return loop(net, sgd, state, listener, cancelled);
			}
		});
	}

	private TrainingResult loop(TrainableNetwork net, SgdMomentum sgd, TrainingState start,
		TrainingListener listener, BooleanSupplier cancelled) throws IOException
	{
		int s = options.size();
		int classes = train.classes().size();
		BatchSource source = new BatchSource(train, net.spec().input(), Augmentation.training(s));
		Validation val = validation == null
			? null
			: new Validation(validation, new BatchSource(
				validation, net.spec().input(), Augmentation.none(s)), options.batchSize());
		int perEpoch = source.batchesPerEpoch(options.batchSize(), true);
		LearningRateSchedule schedule = new LearningRateSchedule(options.lr(), (long) perEpoch
			* options.warmupEpochs(), options.stepEpochs(), 0.1);
		Engine engine = Engines.pytorch();
		TrainingState state = start;
		long t0 = System.nanoTime();
		long images = 0;
		for (int epoch = state.epochsDone(); epoch < options.epochs(); epoch++) {
			List<Integer> order = source.order(epoch, options.seed());
			Random random = new Random(options.seed() * 7_919L + epoch * 104_729L + 1);
			long iteration = state.iteration();
			double lossSum = 0;
			for (int b = 0; b < perEpoch; b++) {
				if (cancelled.getAsBoolean()) {
					return result(true, state, t0, images);
				}
				int from = b * options.batchSize();
				Batch batch = source.batch(order.subList(from, Math.min(order.size(), from + options
					.batchSize())), random);
				double lr = schedule.at(epoch, iteration);
				double loss = step(net, sgd, engine, batch, s, classes, lr);
				listener.iteration(epoch, iteration, lr, loss);
				lossSum += loss;
				images += batch.count();
				iteration++;
			}
			double meanLoss = lossSum / perEpoch;
			double map = val == null ? Double.NaN : val.meanAveragePrecision(net);
			double score = val == null ? -meanLoss : map;
			boolean better = state.bestEpoch() < 0 || score > state.bestScore();
			if (better) {
				CheckpointFiles.writeModel(out, CheckpointFiles.BEST, net);
			}
			CheckpointFiles.writeModel(out, CheckpointFiles.LAST, net);
			CheckpointFiles.writeOptimizer(out, sgd);
			state = new TrainingState(epoch + 1, iteration, better ? score : state.bestScore(),
				better ? epoch : state.bestEpoch(), net.batchesTracked());
			state.write(out);
			listener.epoch(epoch, iteration, meanLoss, map);
		}
		return result(false, state, t0, images);
	}

	/**
	 * One iteration: forward, loss, backward, update.
	 *
	 * @return the batch's loss
	 */
	static double step(TrainableNetwork net, SgdMomentum sgd, Engine engine, Batch batch, int s,
		int classes, double lr)
	{
		double value;
		try (NDManager it = net.manager().newSubManager()) {
			NDArray x = it.create(batch.pixels(), new Shape(batch.count(), 3, s, s));
			NDArray y = it.create(batch.targets(), new Shape(batch.count(), classes));
			NDArray mask = it.create(batch.mask(), new Shape(batch.count(), classes));
			try (GradientCollector gc = engine.newGradientCollector()) {
				NDArray logits = net.forwardTraining(x).get(0);
				NDArray loss = MaskedBce.loss(logits, y, mask);
				gc.backward(loss);
				value = loss.getFloat();
			}
			sgd.step(lr);
		}
		if (!Double.isFinite(value)) {
			throw new CsraException("The training loss became " + value + "; lower the learning"
				+ " rate (now " + lr + " at this step) or check the images.", Setting.LEARNING_RATE,
				String.valueOf(lr), null);
		}
		return value;
	}

	private void restoreMomentum(SgdMomentum sgd) {
		Path f = out.resolve(CheckpointFiles.OPTIMIZER);
		if (!Files.exists(f)) {
			return;
		}
		StateDict d = Checkpoints.read(f);
		for (String key : d.keys()) {
			sgd.restoreBuffer(key, d.get(key).toFloatArray());
		}
	}

	private TrainingResult result(boolean cancelled, TrainingState state, long t0, long images) {
		double seconds = (System.nanoTime() - t0) / 1e9;
		Path best = out.resolve(CheckpointFiles.BEST + ".json");
		Path last = out.resolve(CheckpointFiles.LAST + ".json");
		return new TrainingResult(cancelled, state.epochsDone(), state.iteration(), state
			.bestScore(), state.bestEpoch(), Files.exists(best) ? best : null,
			Files.exists(last)
				? last
				: null,
			seconds, images / Math.max(seconds, 1e-9));
	}
}
