package org.csrafiji.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.CsraException;
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

	/** What {@code --help} prints. */
	public static final String USAGE = "usage: evaluate --predictions PRED.csv --labels LABELS"
		+ " [--convention voc07|coco|wider] [--threshold 0.5] [--json]\n"
		+ "   or: evaluate --model SPEC.json --dataset voc2007:DIR|coco2014:DIR|wider:DIR|csv:FILE"
		+ " [--predictions-out PRED.csv] [--batch 8] [--device auto|cpu|gpu:N] [--checkpoint FILE]"
		+ " [--trust-torchscript]"
		+ " [--convention ...] [--threshold 0.5] [--json]";

	/** Images per forward pass unless {@code --batch} says otherwise. */
	public static final int DEFAULT_BATCH = 8;

	/** Model options passed on to {@link ModelOptions}; its --threshold is the evaluation's here. */
	private static final Set<String> MODEL_KEYS = Set.of("model", "checkpoint", "arch", "head",
		"heads", "lambda", "size", "classes", "device", "backbone");

	private static final int USAGE_ERROR = 2;
	private static final int DATA_ERROR = 1;

	/** The parsed command line; {@code model} holds the model options, empty in predictions mode. */
	private record Request(Path predictions, Path labels, List<String> model, DatasetSpec dataset,
		Path predictionsOut, int batch, LabelConvention convention, double threshold, boolean json,
		boolean help) {

		boolean modelMode() {
			return !model.isEmpty() || dataset != null;
		}
	}

	/** A command line that cannot be run as written. */
	private static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}
	}

	private EvaluateCli() {
	}

	/**
	 * @param args {@code evaluate} and its options
	 * @param out where the result goes
	 * @param err where notes, warnings, progress and errors go
	 * @return 0 on success, 1 when the data cannot be evaluated, 2 for a wrong command line
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		Request options;
		try {
			options = parse(args);
		}
		catch (UsageException | CsraException e) {
			err.println("error: " + e.getMessage() + "; see 'evaluate --help'.");
			return USAGE_ERROR;
		}
		if (options.help()) {
			out.println(USAGE);
			return 0;
		}
		ConsoleProgress progress = ConsoleProgress.on(err, "evaluate");
		try {
			DatasetEvaluation.Settings settings = new DatasetEvaluation.Settings(options.convention(),
				options.threshold());
			DatasetEvaluation.Outcome outcome = options.modelMode() ? evaluateModel(options, settings,
				progress, err) : DatasetEvaluation.ofPredictions(options.predictions(), options.labels(),
					settings, progress);
			if (options.json()) {
				out.println(ResultJson.toJson(outcome.result()));
			}
			else {
				out.print(ResultTable.format(outcome.result()));
			}
			return 0;
		}
		catch (ScoresKeptException e) {
			err.println("error: " + e.getMessage() + " To go on from there, run the same command again.");
			return DATA_ERROR;
		}
		catch (CsraException e) {
			err.println("error: " + e.getMessage());
			return DATA_ERROR;
		}
		catch (RuntimeException e) {
			err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
			return DATA_ERROR;
		}
	}

	private static DatasetEvaluation.Outcome evaluateModel(Request options,
		DatasetEvaluation.Settings settings, ConsoleProgress progress, PrintStream err) {
		Options modelOptions = new Options(options.model(), MODEL_KEYS, ModelOptions.FLAGS);
		try (CsraModel model = ModelOptions.load(modelOptions, err)) {
			if (options.predictionsOut() == null) {
				progress.info("give --predictions-out PRED.csv to keep the scores and to be able to resume");
			}
			DatasetEvaluation.Outcome outcome = DatasetEvaluation.ofModel(model, options.dataset(), options
				.predictionsOut(), options.batch(), settings, progress);
			outcome.run().ifPresent(r -> progress.info("ran the model on " + r.scored() + " images" + (r
				.resumed() > 0 ? ", " + r.resumed() + " were already scored in " + options.predictionsOut()
					: "")));
			return outcome;
		}
	}

	private static Request parse(List<String> args) {
		if (args.isEmpty() || !args.get(0).equals("evaluate")) {
			throw new UsageException("the first argument must be 'evaluate'");
		}
		Path predictions = null;
		Path labels = null;
		List<String> model = new ArrayList<>();
		DatasetSpec dataset = null;
		Path predictionsOut = null;
		int batch = DEFAULT_BATCH;
		LabelConvention convention = null;
		double threshold = EvaluationOptions.DEFAULT_THRESHOLD;
		boolean json = false;
		for (int i = 1; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--json" -> json = true;
				case "--" + ModelOptions.TRUST -> model.add(arg);
				case "--help", "-h" -> {
					return new Request(null, null, List.of(), null, null, batch, null, threshold, false, true);
				}
				case "--predictions" -> predictions = Path.of(value(args, i++));
				case "--labels" -> labels = Path.of(value(args, i++));
				case "--convention" -> convention = LabelConvention.parse(value(args, i++));
				case "--threshold" -> threshold = threshold(value(args, i++));
				case "--dataset" -> dataset = DatasetSpec.parse(value(args, i++));
				case "--predictions-out" -> predictionsOut = Path.of(value(args, i++));
				case "--batch" -> batch = batch(value(args, i++));
				default -> {
					if (!arg.startsWith("--") || !MODEL_KEYS.contains(arg.substring(2))) {
						throw new UsageException("unknown option '" + arg + "'");
					}
					model.add(arg);
					model.add(value(args, i++));
				}
			}
		}
		Request o = new Request(predictions, labels, List.copyOf(model), dataset, predictionsOut, batch,
			convention, threshold, json, false);
		check(o);
		return o;
	}

	private static void check(Request o) {
		if (!o.modelMode()) {
			if (o.predictions() == null || o.labels() == null) {
				throw new UsageException((o.predictions() == null ? "--predictions" : "--labels") + " is missing");
			}
			if (o.predictionsOut() != null) {
				throw new UsageException("--predictions-out goes with --model and --dataset");
			}
			return;
		}
		if (o.predictions() != null || o.labels() != null) {
			throw new UsageException("give either --predictions and --labels, or --model and --dataset,"
				+ " not both");
		}
		if (o.dataset() == null) {
			throw new UsageException("--dataset is missing (" + DatasetSpec.FORMS + ")");
		}
		if (!o.model().contains("--model") && !o.model().contains("--checkpoint")) {
			throw new UsageException("--model SPEC.json (or --checkpoint FILE) is missing");
		}
	}

	private static String value(List<String> args, int i) {
		if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
			throw new UsageException(args.get(i) + " needs a value");
		}
		return args.get(i + 1);
	}

	private static int batch(String text) {
		try {
			int b = Integer.parseInt(text);
			if (b >= 1) {
				return b;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException("--batch '" + text + "' is not a whole number of at least 1");
	}

	private static double threshold(String text) {
		try {
			double t = Double.parseDouble(text);
			if (Double.isFinite(t)) {
				return t;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException("--threshold '" + text + "' is not a number");
	}
}
