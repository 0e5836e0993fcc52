package org.csrafiji.cli;

import org.csrafiji.train.CancelFlag;
import org.csrafiji.train.CheckpointFiles;
import org.csrafiji.train.TrainingState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ctrl-C during {@code train}: a shutdown hook that sets the run's cancel flag, waits (at most
 * {@code waitMillis}) for the trainer to end its current iteration and return, and prints where
 * the last complete checkpoint is and how to resume. The trainer only writes files at the end
 * of an epoch, each atomically, so a run stopped in an epoch keeps the previous epoch's files.
 * {@link #close()} removes the hook once training has returned by itself.
 */
final class InterruptStop implements Runnable, AutoCloseable {

	/** How long the hook waits for the trainer by default. */
	static final long WAIT_MILLIS = 60_000;

	private final CancelFlag flag;
	private final Path dir;
	private final PrintStream err;
	private final long waitMillis;
	private Thread hook;

	/**
	 * @param flag the run's cancel flag
	 * @param dir the run's output folder
	 * @param err where the messages go
	 * @param waitMillis the most the hook waits for the trainer
	 */
	InterruptStop(CancelFlag flag, Path dir, PrintStream err, long waitMillis) {
		this.flag = flag;
		this.dir = dir;
		this.err = err;
		this.waitMillis = waitMillis;
	}

	/** @return this, registered as a shutdown hook */
	InterruptStop install() {
		hook = new Thread(this, "csra-train-interrupt");
		Runtime.getRuntime().addShutdownHook(hook);
		return this;
	}

	@Override
	public void run() {
		flag.cancel();
		err.println("interrupted: stopping after the current iteration (waiting up to "
			+ waitMillis / 1000 + " s)");
		boolean finished;
		try {
			finished = flag.awaitFinished(waitMillis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			finished = false;
		}
		if (!finished) {
			err.println("training did not stop in time; the files of the last complete epoch are"
				+ " kept (each is replaced atomically)");
		}
		err.println(lastCheckpoint(dir));
		err.flush();
	}

	/**
	 * @param dir an output folder
	 * @return where its last complete checkpoint is and how to resume, or that there is none
	 */
	static String lastCheckpoint(Path dir) {
		Path last = dir.resolve(CheckpointFiles.LAST + ".json");
		if (!Files.exists(last) || !Files.exists(dir.resolve(TrainingState.FILE))) {
			return "no epoch was completed; there is no checkpoint to resume from in " + dir;
		}
		TrainingState s = TrainingState.read(dir);
		return "last checkpoint: " + last + " (epoch " + s.epochsDone() + "); best: " + dir
			.resolve(CheckpointFiles.BEST + ".json") + "; go on with the same command and --resume";
	}

	/** Removes the hook, unless the JVM is already shutting down. */
	@Override
	public void close() {
		if (hook == null) {
			return;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook is running or about to: it reports the last checkpoint itself
		}
	}
}
