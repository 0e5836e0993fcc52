package org.csrafiji.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelConvention;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.ResultJson;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.eval.ScoreSource;

/**
 * The {@code evaluate} command: scores from a predictions CSV (later: from a model run over the
 * dataset, through another {@link ScoreSource}) against a label source, printed as a table or,
 * with {@code --json}, as one JSON object in percent. The labels may be a label CSV, an official
 * prepared JSON list, a COCO instances file, a WIDER-Attribute annotation file or a VOC folder
 * (see {@link DatasetLoader}); rows are matched by image file name without extension, columns by
 * class name. {@code --convention} says how a prepared list encodes its targets and also picks
 * that dataset's official counting of ignored labels in CP/CR/OP/OR (WIDER counts unspecified
 * attributes as negatives, VOC drops difficult ones); without it the label source decides.
 * Notes and warnings go to the error stream; an error is one line there and a non-zero return.
 */
public final class EvaluateCli {

	/** What {@code --help} prints. */
	public static final String USAGE = "usage: evaluate --predictions PRED.csv --labels LABELS"
		+ " [--convention voc07|coco|wider] [--threshold 0.5] [--json]";

	private static final int USAGE_ERROR = 2;
	private static final int DATA_ERROR = 1;

	/** The parsed command line. */
	private record Options(Path predictions, Path labels, String model, LabelConvention convention,
		double threshold, boolean json, boolean help) {
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
	 * @param err where notes, warnings and errors go
	 * @return 0 on success, 1 when the data cannot be evaluated, 2 for a wrong command line
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = parse(args);
		}
		catch (UsageException | CsraException e) {
			err.println("error: " + e.getMessage() + "; " + USAGE);
			return USAGE_ERROR;
		}
		if (options.help()) {
			out.println(USAGE);
			return 0;
		}
		if (options.model() != null) {
			err.println("error: evaluate --model/--dataset is not available yet (the model runtime is"
				+ " still being built); write predictions to a CSV and pass --predictions PRED.csv.");
			return USAGE_ERROR;
		}
		try {
			evaluate(options, ScoreSource.csv(options.predictions()), out, err);
			return 0;
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

	private static void evaluate(Options options, ScoreSource source, PrintStream out, PrintStream err) {
		ClassLabels classes = source.classes();
		Dataset dataset = DatasetLoader.load(options.labels(), options.convention(), classes);
		Predictions predictions = source.scoresFor(dataset);
		EvaluationOptions settings = EvaluationOptions.atThreshold(options.threshold())
			.withIgnoredInCounts(options.convention() != null ? options.convention().ignoredCounting()
				: dataset.ignoredCounting());
		EvaluationResult result = Evaluator.evaluate(dataset, predictions, settings);
		dataset.notes().forEach(n -> err.println("note: " + n));
		result.warnings().forEach(w -> err.println("warning: " + w));
		if (options.json()) {
			out.println(ResultJson.toJson(result));
		}
		else {
			out.print(ResultTable.format(result));
		}
	}

	private static Options parse(List<String> args) {
		if (args.isEmpty() || !args.get(0).equals("evaluate")) {
			throw new UsageException("the first argument must be 'evaluate'");
		}
		Path predictions = null;
		Path labels = null;
		String model = null;
		LabelConvention convention = null;
		double threshold = EvaluationOptions.DEFAULT_THRESHOLD;
		boolean json = false;
		for (int i = 1; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--json" -> json = true;
				case "--help", "-h" -> {
					return new Options(null, null, null, null, threshold, false, true);
				}
				case "--predictions" -> predictions = Path.of(value(args, i++));
				case "--labels" -> labels = Path.of(value(args, i++));
				case "--convention" -> convention = LabelConvention.parse(value(args, i++));
				case "--threshold" -> threshold = threshold(value(args, i++));
				case "--model", "--dataset" -> model = arg + " " + value(args, i++);
				default -> throw new UsageException("unknown option '" + arg + "'");
			}
		}
		if (model == null && (predictions == null || labels == null)) {
			throw new UsageException((predictions == null ? "--predictions" : "--labels") + " is missing");
		}
		return new Options(predictions, labels, model, convention, threshold, json, false);
	}

	private static String value(List<String> args, int i) {
		if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
			throw new UsageException(args.get(i) + " needs a value");
		}
		return args.get(i + 1);
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
