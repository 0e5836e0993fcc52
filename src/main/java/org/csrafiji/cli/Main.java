package org.csrafiji.cli;

import org.csrafiji.core.CsraException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code java -jar target/csra.jar}: dispatches to a subcommand and turns any
 * error into one clear line on standard error and a non-zero exit status.
 */
public final class Main {

	private static final String USAGE = String.join("\n",
		"usage: java -jar target/csra.jar <command> [options]",
		"  classify [--model SPEC.json] [--checkpoint FILE] [--arch resnet101|vit_b16|torchscript|...]",
		"           [--head csra|training-free] [--heads N] [--lambda X] [--size S]",
		"           [--classes voc2007|coco2014|wider|FILE] [--threshold 0.5] [--mean R,G,B]",
		"           [--std R,G,B] [--backbone FILE.pt --trust-torchscript] [--device auto|cpu|gpu[:N]]",
		"           [--all-slices] [--json] IMAGE...",
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
		"  demo-data --out DIR [--train 3000] [--val 300] [--size 128] [--seed 1]",
		"  demo-report [--model models/demo/demo.json] [--count 500] [--seed 20240]",
		"  bench-train [--arch resnet18] [--base-width 16] [--size 128] [--batch 16] [--steps 20]",
		"           [--rounds 2] [--python PYTHON]...",
		"  evaluate --predictions PRED.csv --labels LABELS [--convention voc07|coco|wider]",
		"           [--threshold 0.5] [--json]",
		"  evaluate --model SPEC.json --dataset voc2007:DIR|coco2014:DIR|wider:DIR|csv:FILE",
		"           [--predictions-out PRED.csv] [--batch 8] [--device auto|cpu|gpu] [--json]",
		"  download --model SPEC.json|NAME   fetch the published weights a spec names (weights_url)");

	private Main() {}

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
				case "download":
					return DownloadCli.run(rest, out, err);
				default:
					err.println("csra: unknown command '" + args.get(0) + "'\n" + USAGE);
					return 2;
			}
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
