package org.csrafiji.cli;

import org.csrafiji.app.download.DownloadCancelledException;
import org.csrafiji.app.download.DownloadResult;
import org.csrafiji.app.download.WeightsDownload;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code download --model SPEC}: fetches the published weights a spec names (weights_url) into
 * its checkpoint path, with a progress bar on standard error; Ctrl-C stops it and keeps what
 * arrived, and the same command resumes. SPEC is a spec file or the name of one in
 * {@code models/}.
 */
final class DownloadCli {

	/** How long Ctrl-C waits for the download to stop and say what it kept. */
	private static final long STOP_WAIT_SECONDS = 5;

	private DownloadCli() {}

	/**
	 * @param args options after {@code download}
	 * @param out the installed file's line
	 * @param err progress and notes
	 * @return 0 when the weights are installed, 1 on failure, 2 for a wrong command line, 130
	 *         when interrupted
	 */
	static int run(List<String> args, PrintStream out, PrintStream err) {
		Options o = new Options(args, Set.of("model"), Set.of());
		if (!o.has("model") || !o.positional().isEmpty()) {
			throw new UsageException("download needs --model SPEC (and nothing else).");
		}
		ModelSpec spec = ModelSpecs.read(specFile(o.get("model", null)));
		AtomicBoolean cancelled = new AtomicBoolean();
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			cancelled.set(true);
			awaitQuietly(stopped);
		}, "csra-download-interrupt");
		Runtime.getRuntime().addShutdownHook(hook);
		ProgressBar bar = new ProgressBar(err, spec.name(), System::nanoTime);
		try {
			DownloadResult r = new WeightsDownload().fetch(spec, bar, cancelled::get);
			bar.finish();
			if (r.alreadyInstalled()) {
				err.println(
					"csra: the weights of " + spec.name() + " are already installed; nothing"
						+ " was downloaded (delete the file to fetch it again)");
			}
			else {
				err.println(
					"csra: checked (loads into " + spec.architecture() + " with its keys and"
						+ " shapes" + (spec.sha256() != null ? ", SHA-256 matches" : "") + ")"
						+ (r.resumed() ? "; resumed from bytes kept earlier" : "") + "; sha256 "
						+ r.sha256());
			}
			out.println(r.file() + "\t" + r.bytes());
			return 0;
		}
		catch (DownloadCancelledException e) {
			bar.finish();
			err.println("csra: " + e.getMessage());
			return 130;
		}
		catch (CsraException e) {
			bar.finish();
			throw e;
		}
		finally {
			stopped.countDown();
			removeQuietly(hook);
		}
	}

	/** A path to a spec, or a name of one in ./models. */
	private static Path specFile(String value) {
		Path p = Path.of(value);
		if (!Files.isRegularFile(p) && !value.endsWith(".json")) {
			Path named = Path.of("models", value + ".json");
			if (Files.isRegularFile(named)) {
				return named;
			}
		}
		return p;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void removeQuietly(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook is running: it only waits for this method to end
		}
	}
}
