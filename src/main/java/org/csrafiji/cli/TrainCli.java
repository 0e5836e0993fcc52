package org.csrafiji.cli;

import org.csrafiji.app.Progress;
import org.csrafiji.app.Training;
import org.csrafiji.core.CsraException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.CancelFlag;
import org.csrafiji.train.DeterminismCheck;
import org.csrafiji.train.TrainingListener;
import org.csrafiji.train.TrainingLogLines;
import org.csrafiji.train.TrainingOptions;
import org.csrafiji.train.TrainingResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code train} command: fine-tunes or trains a CSRA ResNet with the official recipe on a
 * labelled dataset (any source {@code evaluate} reads, a label CSV above all) and writes
 * best/last checkpoints with model specs, {@code train-log.csv} and {@code state.json} into the
 * output folder. Progress goes to the error stream, the final summary to the output stream.
 * Ctrl-C stops the run before its next iteration ({@link InterruptStop}) and prints where the
 * last complete checkpoint is; {@code --check-determinism} trains the first iterations twice
 * with the same seed on the CPU and compares their losses instead of training.
 */
public final class TrainCli {

	/** Usage line. */
	public static final String USAGE = "usage: train --data [csv:]LABELS.csv|voc:VOCDIR"
		+ " [--val [csv:]VAL.csv|voc:VOCDIR]"
		+ " --out DIR [--arch resnet18] [--base-width 64] [--size 224] [--heads 1] [--lambda 0.1]"
		+ " [--epochs 8] [--batch 16] [--lr 0.01] [--head-lr-factor 10] [--warmup 2] [--step 4]"
		+ " [--head-only] [--init random|FILE.pth] [--seed 0] [--name NAME] [--device cpu|gpu]"
		+ " [--channels R,G,B] [--percentiles LOW,HIGH]"
		+ " [--resume] [--every 10] [--check-determinism [--iterations 20]]";

	private static final Set<String> VALUES = Set.of("data", "val", "out", "arch", "base-width",
		"size", "heads", "lambda", "epochs", "batch", "lr", "head-lr-factor", "warmup", "step",
		"init", "seed", "name", "device", "every", "iterations", "channels", "percentiles");
	private static final Set<String> FLAGS = Set.of("head-only", "resume", "help",
		"check-determinism");

	private TrainCli() {}

	/**
	 * @param args the options, with or without the leading {@code train}
	 * @param out summary
	 * @param err progress, notes and errors
	 * @return 0 when training finished (or the determinism check passed), 1 when it failed, 2 for
	 *         a wrong command line, 130 when it was stopped (Ctrl-C)
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		List<String> rest = !args.isEmpty() && args.get(0).equals("train")
			? args.subList(1, args
				.size())
			: args;
		Options o = new Options(rest, VALUES, FLAGS);
		if (o.has("help")) {
			out.println(USAGE);
			return 0;
		}
		TrainingOptions options;
		try {
			options = options(o);
		}
		catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage(), e);
		}
		if (o.has("check-determinism") && o.has("data")) {
			return determinism(o, options, out, err);
		}
		if (!o.has("data") || !o.has("out")) {
			throw new UsageException("--data and --out are required.");
		}
		try {
			Training training = Training.prepare(path(o.get("data", null)), o.has("val")
				? path(o
					.get("val", null))
				: null, options, DeviceChoice.parse(o.get("device", "cpu")));
			Path dir = Path.of(o.get("out", null));
			err.println("training " + training.describe(dir));
			ModelOptions.warnIfNativesDiffer(err);
			int every = o.integer("every", 10);
			OutputFolder.create("out", dir.toString(), "the checkpoints and the training log");
			CancelFlag stop = new CancelFlag();
			try (InterruptStop ctrlC = new InterruptStop(stop, dir, err, InterruptStop.WAIT_MILLIS)
				.install())
			{
				TrainingResult r;
				try {
					r = training.run(dir, o.has("resume"), progress(err, every, stop),
						TrainingListener.NONE);
				}
				finally {
					stop.finished();
				}
				if (r.cancelled()) {
					out.println("stopped; " + InterruptStop.lastCheckpoint(dir));
					return 130;
				}
				out.println(String.format(Locale.ROOT,
					"trained %d epoch(s), %d iterations in %.0f s"
						+ " (%.1f images/s); %s",
					r.epochsDone(), r.iterations(), r.seconds(), r
						.imagesPerSecond(),
					TrainingLogLines.best(r, training.validation() != null)));
				out.println("best model: " + r.bestSpec());
				out.println("last model: " + r.lastSpec());
			}
			return 0;
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
	}

	/**
	 * {@code --check-determinism}: the first iterations twice with the same seed on the CPU,
	 * and the largest difference of their losses against {@link DeterminismCheck#FLOOR}.
	 *
	 * @return 0 within the floor, 1 beyond it
	 */
	private static int determinism(Options o, TrainingOptions options, PrintStream out,
		PrintStream err)
	{
		int n = o.integer("iterations", 20);
		Dataset train = load(o.get("data", null), true);
		err.println("determinism check: " + options.architecture() + ", seed " + options.seed()
			+ ", the first " + n + " iterations twice on the CPU");
		DeterminismCheck.Result r = DeterminismCheck.run(options, train, n);
		out.println(String.format(Locale.ROOT,
			"determinism: %d losses, first %.6f / %.6f, max |diff|"
				+ " %.3g (floor %.0e): %s",
			r.first().length, r.first()[0], r.second()[0], r
				.maxAbsDifference(),
			DeterminismCheck.FLOOR, r.passes() ? "PASS" : "FAIL"));
		return r.passes() ? 0 : 1;
	}

	private static TrainingOptions options(Options o) {
		String init = o.get("init", "random");
		ConversionOptions input = InputOptions.of(o);
		return TrainingOptions.defaults().toBuilder().architecture(o.get("arch", "resnet18"))
			.baseWidth(o.integer("base-width", 64)).size(o.integer("size", 224)).heads(o.integer(
				"heads", 1))
			.lambda(o.number("lambda", 0.1)).epochs(o.integer("epochs", 8))
			.batchSize(o.integer("batch", 16)).lr(o.number("lr", 0.01)).headLrMultiplier(o.number(
				"head-lr-factor", 10))
			.warmupEpochs(o.integer("warmup", 2)).stepEpochs(o.integer(
				"step", 4))
			.headOnly(o.has("head-only")).init(init.equals("random")
				? null
				: Path
					.of(init))
			.seed(o.integer("seed", 0)).name(o.get("name", "trained")).channels(input
				.rgbChannels())
			.percentiles(input.percentiles() == null
				? null
				: input
					.percentiles().toArray())
			.build();
	}

	/**
	 * @param source {@code [KIND:]PATH}
	 * @param training a training set: a VOC folder gives trainval, a test split is refused
	 *          ({@link Training#trainingSet}); otherwise a VOC folder gives test
	 */
	static Dataset load(String source, boolean training) {
		return training
			? Training.trainingSet(path(source))
			: Training.validationSet(path(source),
				null);
	}

	/** @return the path of {@code [KIND:]PATH} */
	private static Path path(String source) {
		int colon = source.indexOf(':');
		if (colon > 1 && List.of("csv", "voc", "coco", "wider", "json").contains(source.substring(0,
			colon).toLowerCase(Locale.ROOT)))
		{
			return Path.of(source.substring(colon + 1));
		}
		return Path.of(source);
	}

	/**
	 * Training's progress on the error stream: the first iteration and every {@code every}-th,
	 * and every epoch; cancelled by Ctrl-C.
	 */
	private static Progress progress(PrintStream err, int every, CancelFlag stop) {
		return new Progress() {

			@Override
			public void progress(int done, int total, String item) {
				if (every > 0 && (done == 1 || done % every == 0)) {
					err.println(item);
				}
			}

			@Override
			public void info(String message) {
				err.println(message);
			}

			@Override
			public void warn(String message) {
				err.println(message);
			}

			@Override
			public boolean isCancelled() {
				return stop.getAsBoolean();
			}
		};
	}
}
