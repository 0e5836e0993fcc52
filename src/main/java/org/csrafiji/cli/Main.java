package org.csrafiji.cli;

import org.csrafiji.core.CsraException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code java -jar target/csra.jar}: dispatches to a subcommand and turns any
 * error into one clear line on standard error, {@code csra: error: ...}. The exit status is the
 * same for every subcommand: 0 done, 1 failed (bad input, a file that cannot be read or written,
 * a floor missed), 2 usage (an unknown option, a missing or malformed value: the line points to
 * the subcommand's {@code --help}), 130 stopped with Ctrl-C. {@code SUBCOMMAND --help} prints that
 * subcommand's part of the usage and exits with 0.
 */
public final class Main {

	private static final String USAGE = String.join("\n",
		"usage: java -jar target/csra.jar <command> [options]",
		"  classify [--model SPEC.json] [--checkpoint FILE] [--arch resnet101|vit_b16|torchscript|...]",
		"           [--head csra|training-free] [--heads N] [--lambda X] [--size S]",
		"           [--classes voc2007|coco2014|wider|FILE] [--threshold 0.5] [--mean R,G,B]",
		"           [--std R,G,B] [--backbone FILE.pt --trust-torchscript] [--device auto|cpu|gpu[:N]]",
		"           [--all-slices] [--json] [--shard I/N] [--out FILE.csv] IMAGE...",
		"           (--shard: only the I-th of N parts of the sorted images, for cluster arrays;",
		"           --out: also write the scores to a resumable predictions file)",
		"           (a TorchScript backbone is a program: it runs with your permissions, so it is",
		"           loaded only with --trust-torchscript or \"trust_code\": true in the spec)",
		"  attention [model options as classify] --out DIR [--show CLASS,...] [--attention-head 1]",
		"           [--opacity 0.5] [--roi-threshold 0.5] IMAGE...",
		"  bench    [--arch resnet101] [--size 448] [--heads 1] [--classes 20] [--iterations N]",
		"           [--device auto|cpu|gpu] [--python PYTHON]... [--json]",
		"  train    --data csv:LABELS.csv|voc:VOCDIR [--val csv:VAL.csv|voc:VOCDIR] --out DIR",
		"           [--arch resnet18]",
		"           [--base-width N] [--size S] [--heads N] [--lambda X] [--epochs E] [--batch B]",
		"           [--lr 0.01] [--step N] [--head-only] [--init random|FILE.pth] [--seed S] [--resume]",
		"           [--channels R,G,B] [--percentiles LOW,HIGH]",
		"  demo-data --out DIR [--train 3000] [--val 300] [--size 128] [--seed 1]",
		"  demo-report [--model models/demo/demo.json] [--count 500] [--seed 20240]",
		"  bench-train [--arch resnet18] [--base-width 16] [--size 128] [--batch 16] [--steps 20]",
		"           [--rounds 2] [--python PYTHON]...",
		"  evaluate --predictions PRED.csv --labels LABELS [--convention voc07|coco|wider]",
		"           [--threshold 0.5] [--json]",
		"  evaluate --model SPEC.json --dataset voc2007:DIR|coco2014:DIR|wider:DIR|csv:FILE",
		"           [--predictions-out PRED.csv] [--batch 8] [--device auto|cpu|gpu] [--json]",
		"  download --model SPEC.json|NAME   fetch the published weights a spec names (weights_url)",
		"  tiles    [model options] --out DIR [--tile PX | --scale F] [--overlap PX] [--batch 8]",
		"           [--map-step PX] [--channels 2,1,0] [--percentiles 1,99.8] IMAGE...",
		"  objects  [model options] (--rois ROIS.zip | --labels LABELS.tif) --out FILE.csv",
		"           [--margin 1] [--min-side PX] [--with-neighbours] [--batch 8] IMAGE",
		"  merge    --out ALL.csv [--expect LIST|DIR] SHARD.csv...   merge the shards' predictions",
		"  slide-report [--model models/demo/demo.json] [--scenes 16] [--overlap 64] [--margin 1]");

	/** The subcommands, as {@link #USAGE} lists them. */
	static final List<String> COMMANDS = List.of("classify", "attention", "bench", "train",
		"demo-data", "demo-report", "bench-train", "evaluate", "download", "tiles", "objects",
		"slide-report", "merge");

	private Main() {}

	/**
	 * @param command a subcommand
	 * @return its lines of {@link #USAGE} (each block that starts with it, with the lines that go on
	 *         from there)
	 */
	static String usage(String command) {
		StringBuilder s = new StringBuilder("usage: java -jar target/csra.jar");
		boolean in = false;
		for (String line : USAGE.split("\n")) {
			if (line.startsWith("  ") && !line.startsWith("   ")) {
				in = line.substring(2).startsWith(command + " ");
			}
			if (in) {
				s.append('\n').append(line);
			}
		}
		return s.toString();
	}

	/**
	 * @param args command line
	 */
	public static void main(String[] args) {
		// DJL logs through SLF4J; without a binding SLF4J would print three warnings per run.
		System.setProperty("slf4j.internal.verbosity", "ERROR");
		int status = run(Arrays.asList(args), System.out, System.err);
		System.out.flush();
		System.exit(status);
	}

	/**
	 * @param args command line
	 * @param out results
	 * @param err logs and errors
	 * @return exit status
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
			(args.isEmpty() ? err : out).println(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		List<String> rest = args.subList(1, args.size());
		String command = args.get(0);
		if (COMMANDS.contains(command) && (rest.contains("--help") || rest.contains("-h"))) {
			out.println(usage(command));
			return 0;
		}
		try {
			switch (args.get(0)) {
				case "classify":
					return ClassifyCli.run(rest, out, err);
				case "attention":
					return AttentionCli.run(rest, out, err);
				case "train":
					return TrainCli.run(rest, out, err);
				case "demo-data":
					return DemoCli.runData(rest, out, err);
				case "demo-report":
					return DemoCli.runReport(rest, out, err);
				case "bench-train":
					return TrainBenchCli.run(rest, out, err);
				case "bench":
					return BenchCli.run(rest, out, err);
				case "evaluate":
					return EvaluateCli.run(args, out, err);
				case "tiles":
					return TilesCli.run(rest, out, err);
				case "objects":
					return ObjectsCli.run(rest, out, err);
				case "slide-report":
					return SlideReportCli.run(rest, out, err);
				case "merge":
					return MergeCli.run(rest, out, err);
				case "download":
					return DownloadCli.run(rest, out, err);
				default:
					err.println("csra: error: unknown command '" + args.get(0) + "'\n" + USAGE);
					return 2;
			}
		}
		catch (UsageException e) {
			err.println("csra: error: " + e.getMessage() + " See 'java -jar csra.jar " + command
				+ " --help'.");
			return 2;
		}
		catch (CsraException e) {
			err.println("csra: error: " + CliWording.message(e));
			return 1;
		}
		catch (java.io.IOException e) {
			err.println("csra: error: " + IoMessages.describe(e) + "; check the path and its"
				+ " permissions.");
			return 1;
		}
		catch (RuntimeException | OutOfMemoryError e) {
			if (System.getProperty("csra.debug") != null) {
				e.printStackTrace(err);
			}
			err.println("csra: error: " + e + " (unexpected; please report it with the command"
				+ " that caused it; -Dcsra.debug=true shows where it happened)");
			return 1;
		}
	}
}
