package org.csrafiji.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.DatasetException;
import org.csrafiji.core.OutputFileException;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.DatasetLoader;
import org.csrafiji.eval.EvaluationOptions;
import org.csrafiji.eval.EvaluationResult;
import org.csrafiji.eval.Evaluator;
import org.csrafiji.eval.LabelConvention;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.Predictions;
import org.csrafiji.eval.ResultJson;
import org.csrafiji.eval.ResultTable;
import org.csrafiji.eval.ScoreSource;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DatasetProgress;
import org.csrafiji.runtime.DatasetScorer;
import org.csrafiji.runtime.DatasetSpec;
import org.csrafiji.runtime.ModelScoreSource;

/**
 * The {@code evaluate} command, in two modes that print the same table or, with {@code --json},
 * the same JSON object in percent:
 * <ul>
 * <li>{@code --predictions PRED.csv --labels LABELS}: scores saved predictions against a label
 * source, a label CSV, an official prepared JSON list, a COCO instances file, a WIDER-Attribute
 * annotation file or a VOC folder (see {@link DatasetLoader}); rows are matched by image file
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
		try {
			if (options.modelMode()) {
				evaluateModel(options, out, err);
			}
			else {
				ScoreSource source = ScoreSource.csv(options.predictions());
				ClassLabels classes = source.classes();
				evaluate(options, DatasetLoader.load(options.labels(), options.convention(), classes), source,
					out, err);
			}
			return 0;
		}
		catch (CsraException e) {
			err.println("error: " + CliWording.message(e));
			return DATA_ERROR;
		}
		catch (RuntimeException e) {
			err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
			return DATA_ERROR;
		}
	}

	private static void evaluateModel(Request options, PrintStream out, PrintStream err) {
		Options modelOptions = new Options(options.model(), MODEL_KEYS, ModelOptions.FLAGS);
		Path csv = options.predictionsOut() != null ? options.predictionsOut() : temporaryCsv();
		try (CsraModel model = ModelOptions.load(modelOptions, err)) {
			Dataset dataset = options.dataset().load(model.spec().classes());
			DatasetScorer scorer = DatasetScorer.forModel(model, options.batch());
			boolean terminal = err == System.err && System.console() != null;
			ModelScoreSource source = new ModelScoreSource(ModelStamp.of(model.spec()), model.spec()
				.classes(), scorer, csv, DatasetProgress.to(err, "evaluate", terminal, System::nanoTime),
				n -> err.println("note: " + n));
			source.requireSameClasses(dataset);
			err.println("evaluate: " + dataset.samples().size() + " images of " + dataset.source() + ", "
				+ (options.predictionsOut() != null ? "scores in " + csv
					: "scores in a temporary file (give --predictions-out PRED.csv to keep them and to be"
						+ " able to resume)"));
			try {
				evaluate(options, dataset, source, out, err);
			}
			catch (CsraException e) {
				// a file that cannot be opened was not written to: its message says how to go on
				throw options.predictionsOut() == null || e instanceof OutputFileException ? e
					: new DatasetException(e.getMessage()
					+ " The scores written so far are kept in " + csv
					+ "; run the same command again to go on from there.", e);
			}
			source.lastRun().ifPresent(r -> err.println("evaluate: ran the model on " + r.scored()
				+ " images" + (r.resumed() > 0 ? ", " + r.resumed() + " were already scored in " + csv : "")));
		}
		finally {
			if (options.predictionsOut() == null) {
				deleteQuietly(csv, err);
			}
		}
	}

	private static void evaluate(Request options, Dataset dataset, ScoreSource source, PrintStream out,
		PrintStream err) {
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

	private static Path temporaryCsv() {
		try {
			Path csv = Files.createTempFile("csra-predictions-", ".csv");
			csv.toFile().deleteOnExit(); // also when the run is interrupted
			return csv;
		}
		catch (IOException e) {
			throw new DatasetException("Cannot create a temporary predictions file: " + e.getMessage()
				+ "; give --predictions-out PRED.csv in a writable folder.", e);
		}
	}

	private static void deleteQuietly(Path csv, PrintStream err) {
		try {
			Files.deleteIfExists(csv);
		}
		catch (IOException e) {
			err.println("warning: could not delete the temporary predictions file " + csv + ": "
				+ e.getMessage());
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
