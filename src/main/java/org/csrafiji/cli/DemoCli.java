package org.csrafiji.cli;

import org.csrafiji.core.ModelSpecs;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.train.synthetic.DemoReport;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticDatasetWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The demo commands. {@code demo-data} writes the synthetic training and validation sets
 * (PNG + labels.csv) the demo model is trained on; {@code demo-report} scores the demo model on
 * freshly generated held-out scenes and prints mAP and the pointing game against the quality
 * floors (98 % and 95 %), returning 1 (failed) when a floor is missed.
 */
public final class DemoCli {

	/** Default seed of the held-out report scenes (the demo model trains on seed 1). */
	public static final int REPORT_SEED = 20240;

	private static final double MAP_FLOOR = 0.98;
	private static final double POINTING_FLOOR = 0.95;

	private DemoCli() {}

	/**
	 * The {@code demo-data} command.
	 *
	 * @param args the options, with or without the leading {@code demo-data}
	 * @param out results
	 * @param err notes and errors
	 * @return 0 on success, 1 on failure, 2 for a wrong command line
	 */
	public static int runData(List<String> args, PrintStream out, PrintStream err) {
		return run(withCommand("demo-data", args), out, err);
	}

	/**
	 * The {@code demo-report} command.
	 *
	 * @param args the options, with or without the leading {@code demo-report}
	 * @param out results
	 * @param err notes and errors
	 * @return 0 when both floors are met, 1 on failure or when a floor is missed, 2 for a wrong
	 *         command line
	 */
	public static int runReport(List<String> args, PrintStream out, PrintStream err) {
		return run(withCommand("demo-report", args), out, err);
	}

	private static List<String> withCommand(String command, List<String> args) {
		if (!args.isEmpty() && args.get(0).equals(command)) {
			return args;
		}
		List<String> all = new java.util.ArrayList<>();
		all.add(command);
		all.addAll(args);
		return all;
	}

	/**
	 * @param args {@code demo-data} or {@code demo-report} and options
	 * @param out results
	 * @param err notes and errors
	 * @return 0 on success, 1 on failure or a missed floor, 2 for a wrong command line
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		String cmd = args.isEmpty() ? "" : args.get(0);
		if (cmd.equals("demo-data")) {
			Options o = new Options(args.subList(1, args.size()),
				Set.of("out", "train", "val", "size",
					"seed"),
				Set.of());
			if (!o.has("out")) {
				throw new UsageException("--out is required.");
			}
			return data(o, out);
		}
		if (cmd.equals("demo-report")) {
			return report(new Options(args.subList(1, args.size()), Set.of("model", "count", "seed",
				"device"), Set.of()), out);
		}
		throw new UsageException("The first argument must be demo-data or demo-report.");
	}

	private static int data(Options o, PrintStream out) {
		Path dir = OutputFolder.create("out", o.get("out", null), "the demo data sets");
		SceneGenerator gen = new SceneGenerator(o.integer("size", 128), o.integer("seed", 1));
		int train = o.integer("train", 3000);
		Path t = SyntheticDatasetWriter.write(gen, 0, train, dir.resolve("train"));
		Path v = SyntheticDatasetWriter.write(gen, train, o.integer("val", 300),
			dir.resolve("val"));
		out.println("training set: " + t);
		out.println("validation set: " + v);
		return 0;
	}

	private static int report(Options o, PrintStream out) {
		Path specFile = Path.of(o.get("model", "models/demo/demo.json"));
		int count = o.integer("count", 500);
		if (count < 1) {
			throw new UsageException("--count must be at least 1.");
		}
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(specFile), DeviceChoice.parse(o
			.get("device", "cpu"))))
		{
			int size = model.spec().input().size();
			DemoReport.Result r = DemoReport.run(model, new SceneGenerator(size, o.integer("seed",
				REPORT_SEED)), count);
			boolean mapOk = r.mAP() >= MAP_FLOOR;
			boolean pointOk = r.pointingAccuracy() >= POINTING_FLOOR;
			out.println(String.format(Locale.ROOT, "demo model %s on %d held-out synthetic scenes"
				+ " (seed %d), %.1f s", specFile, r.images(), o.integer("seed", REPORT_SEED),
				r
					.seconds()));
			out.println(
				String.format(Locale.ROOT, "mAP            %6.2f %%  (floor 98 %%) %s", 100 * r
					.mAP(), mapOk ? "ok" : "BELOW FLOOR"));
			out.println(String.format(Locale.ROOT,
				"pointing game  %6.2f %%  (%d of %d objects; floor"
					+ " 95 %%) %s",
				100 * r.pointingAccuracy(), r.pointingHits(), r.pointingTotal(),
				pointOk ? "ok" : "BELOW FLOOR"));
			out.println(String.format(Locale.ROOT,
				"  no tolerance %6.2f %%  (arg-max cell on the object;"
					+ " feature grid %d x %d)",
				100.0 * r.strictHits() / Math.max(1, r.pointingTotal()),
				r.grid(), r.grid()));
			return mapOk && pointOk ? 0 : 1;
		}
	}
}
