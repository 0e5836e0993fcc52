package org.csrafiji.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.ClassLabels;

/**
 * A second process for {@link ResumableCsvTest}: {@code hold CSV N} opens a predictions file of
 * N generic classes, says "open" and keeps it open until its standard input ends;
 * {@code resume CSV N} opens it and prints how many images it already holds.
 */
public final class WriterProbe {

	private WriterProbe() {}

	/**
	 * @param args mode, file, number of classes
	 * @throws Exception when anything fails (the exit status is then non-zero)
	 */
	public static void main(String[] args) throws Exception {
		ClassLabels classes = ClassLabels.generic(Integer.parseInt(args[2]));
		try (PredictionsWriter w = PredictionsWriter.open(Path.of(args[1]), classes,
			ResumableCsvTest.MODEL))
		{
			if (args[0].equals("hold")) {
				System.out.println("open");
				System.out.flush();
				while (System.in.read() >= 0) {
					// wait for the test to close our input
				}
			}
			else {
				System.out.println("done " + w.written().size());
			}
		}
	}

	/**
	 * @param mode hold or resume
	 * @param csv the file
	 * @param classes number of classes
	 * @param heap the child's maximum heap, e.g. 48m
	 * @return the started process, its error stream merged into its output
	 * @throws java.io.IOException when it cannot be started
	 */
	static Process start(String mode, Path csv, int classes, String heap)
		throws java.io.IOException
	{
		List<String> command = new ArrayList<>(List.of(
			Path.of(System.getProperty("java.home"), "bin",
				"java").toString(),
			"-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
			WriterProbe.class.getName(), mode, csv.toString(), Integer.toString(classes)));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}
}
