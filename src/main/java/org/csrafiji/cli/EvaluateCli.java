package org.csrafiji.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.DatasetException;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.LabelConvention;
import org.csrafiji.eval.ResultJson;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.app.DatasetEvaluation;
import org.csrafiji.app.DatasetSpec;
import org.csrafiji.app.ScoresKeptException;

/**
 * The {@code evaluate} command, in two modes that print the same table or, with {@code --json},
 * the same JSON object in percent:
 * <ul>
 * <li>{@code --predictions PRED.csv --labels LABELS}: scores saved predictions against a label
 * source, a label CSV, an official prepared JSON list, a COCO instances file, a WIDER-Attribute
 * annotation file or a VOC folder (see {@link org.csrafiji.eval.DatasetLoader}); rows are matched by image file
 * name without extension, columns by class name.</li>
 * <li>{@code --model SPEC.json --dataset KIND:PATH}: runs the model over the dataset
 * ({@link DatasetSpec}) first. The dataset's classes must be the model's (by name); that is
 * checked before any image is read. The scores go to {@code --predictions-out PRED.csv}, which a
 * later run with the same option resumes: images already in it are not run again. Without that
 * option they go to a temporary file deleted at the end, so nothing is left behind and nothing
 * can be resumed. An image that cannot be read stops the run with an error naming it; the rows
 * written so far stay in the predictions file. Progress goes to the error stream: a bar rewritten
 * in place when the program runs on a terminal (a console), else a line per tenth of the images.
 * The model options of {@code classify} ({@code --checkpoint}, {@code --device}, ...) apply,
 * except {@code --threshold}, which here is the evaluation's threshold.</li>
 * </ul>
 * {@code --convention} says how a prepared list encodes its targets and also picks that
 * dataset's official counting of ignored labels in CP/CR/OP/OR (WIDER counts unspecified
 * attributes as negatives, VOC drops difficult ones); without it the label source decides.
 * Notes and warnings go to the error stream; an error is one line there and a non-zero return.
 */
public final class EvaluateCli {

	/** Images per forward pass unless {@code --batch} says otherwise. */
	public static final int DEFAULT_BATCH = 8;

	/** Options that take a value: the evaluation's own, then the model options of classify. */
	private static final Set<String> KEYS = Set.of("predictions", "labels", "convention",
		"threshold",
		"dataset", "predictions-out", "batch", "model", "checkpoint", "arch", "head", "heads",
		"lambda",
		"size", "classes", "device", "backbone");

	/** The parsed command line; {@code model} holds the model options, null in predictions mode. */
	private record Request(Path predictions, Path labels, Options model, DatasetSpec dataset,
		Path predictionsOut, int batch, LabelConvention convention, double threshold, boolean json)
	{

		boolean modelMode() {
			return model != null;
		}
	}

	private EvaluateCli() {}

	/**
	 * @param args {@code evaluate} and its options
	 * @param out where the result goes
	 * @param err where notes, warnings and progress go
	 * @return 0 on success
	 * @throws UsageException for a command line that cannot be run as written
	 * @throws CsraException when the data cannot be evaluated
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		Request options = parse(args.subList(1, args.size()));
		ConsoleProgress progress = ConsoleProgress.on(err, "evaluate");
		DatasetEvaluation.Settings settings = new DatasetEvaluation.Settings(options.convention(),
			options
				.threshold());
		DatasetEvaluation.Outcome outcome;
		try {
			outcome = options.modelMode()
				? evaluateModel(options, settings, progress, err)
				: DatasetEvaluation.ofPredictions(options.predictions(), options.labels(), settings,
					progress);
		}
		catch (ScoresKeptException e) {
			throw new DatasetException(
				e.getMessage() + " To go on from there, run the same command again.",
				e);
		}
		if (options.json()) {
			out.println(ResultJson.toJson(outcome.result()));
		}
		else {
			out.print(ResultTable.format(outcome.result()));
		}
		return 0;
	}

	private static DatasetEvaluation.Outcome evaluateModel(Request options,
		DatasetEvaluation.Settings settings, ConsoleProgress progress, PrintStream err)
	{
		try (CsraModel model = ModelOptions.load(options.model(), err)) {
			if (options.predictionsOut() == null) {
				progress.info(
					"give --predictions-out PRED.csv to keep the scores and to be able to resume");
			}
			DatasetEvaluation.Outcome outcome = DatasetEvaluation.ofModel(model, options.dataset(),
				options
					.predictionsOut(),
				options.batch(), settings, progress);
			outcome.run()
				.ifPresent(r -> progress.info("ran the model on " + r.scored() + " images" + (r
					.resumed() > 0
						? ", " + r.resumed() + " were already scored in " + options.predictionsOut()
						: "")));
			return outcome;
		}
	}

	private static Request parse(List<String> args) {
		Options o = new Options(args, KEYS, Set.of("json", ModelOptions.TRUST));
		if (!o.positional().isEmpty()) {
			throw new UsageException(
				"evaluate takes no file without an option; got '" + o.positional()
					.get(0) + "'.");
		}
		boolean modelMode = o.has("dataset") || o.has("model") || o.has("checkpoint");
		int batch = o.integer("batch", DEFAULT_BATCH);
		if (batch < 1) {
			throw new UsageException(
				"--batch '" + o.get("batch", null) + "' is not a whole number of at"
					+ " least 1.");
		}
		double threshold = o.number("threshold", EvaluationOptions.DEFAULT_THRESHOLD);
		if (!Double.isFinite(threshold)) {
			throw new UsageException(
				"--threshold '" + o.get("threshold", null) + "' is not a number.");
		}
		Request r = new Request(path(o, "predictions"), path(o, "labels"), modelMode
			? o.without(
				"threshold")
			: null, o.parsed("dataset", DatasetSpec::parse), path(o, "predictions-out"),
			batch, o.parsed("convention", LabelConvention::parse), threshold, o.has("json"));
		check(r, o);
		return r;
	}

	private static Path path(Options o, String key) {
		return o.parsed(key, Path::of);
	}

	private static void check(Request r, Options o) {
		if (!r.modelMode()) {
			if (r.predictions() == null || r.labels() == null) {
				throw new UsageException((r.predictions() == null ? "--predictions" : "--labels")
					+ " is missing.");
			}
			if (r.predictionsOut() != null) {
				throw new UsageException("--predictions-out goes with --model and --dataset.");
			}
			return;
		}
		if (r.predictions() != null || r.labels() != null) {
			throw new UsageException(
				"Give either --predictions and --labels, or --model and --dataset,"
					+ " not both.");
		}
		if (r.dataset() == null) {
			throw new UsageException("--dataset is missing (" + DatasetSpec.FORMS + ").");
		}
		if (!o.has("model") && !o.has("checkpoint")) {
			throw new UsageException("--model SPEC.json (or --checkpoint FILE) is missing.");
		}
	}
}
