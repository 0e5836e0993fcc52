package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the resident memory (VmRSS of {@code /proc/PID/status}, Linux) of a local cluster's
 * executor JVMs on a background thread, until closed: the whole process, heap, natives (the
 * model's weights, libtorch's buffers) and JVM overhead together. Less often (every
 * {@link #HEAP_EVERY} readings) it also reads each executor's Java heap, committed and used,
 * with the JDK's {@code jstat -gc}, so that growth of the heap the JVM sizes for itself can be
 * told from growth of everything else.
 */
public final class RssSampler implements AutoCloseable {

	/**
	 * One reading.
	 *
	 * @param epochMs when, ms since the epoch
	 * @param pid the executor's process id
	 * @param appId the application it works for ({@code --app-id})
	 * @param rssKb its resident set, KiB
	 * @param cpus the CPUs it may run on ({@code Cpus_allowed_list}), empty if not given
	 */
	public record Sample(long epochMs, long pid, String appId, long rssKb, String cpus) {}

	/**
	 * One reading of an executor's Java heap.
	 *
	 * @param epochMs when, ms since the epoch
	 * @param pid the executor's process id
	 * @param committedKb memory the heap has taken from the system (survivor, eden and old
	 *          spaces), KiB
	 * @param usedKb the part of it objects occupy, KiB
	 */
	public record HeapSample(long epochMs, long pid, long committedKb, long usedKb) {}

	/** An executor is a process read at least this many times. */
	static final int LEAST_READINGS = 4;

	/** Heap readings are taken at every this many readings of the resident set. */
	static final int HEAP_EVERY = 32;

	private static final Pattern APP_ID = Pattern.compile("--app-id (\\S+)");

	private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final Pattern CPUS = Pattern.compile("Cpus_allowed_list:\\s+(\\S+)");

	private final List<Sample> samples = new ArrayList<>();
	private final List<HeapSample> heap = new ArrayList<>();
	private final Thread thread;
	private volatile boolean running = true;

	/**
	 * Starts sampling.
	 *
	 * @param cluster whose executors to sample
	 * @param period time between readings
	 */
	public RssSampler(LocalStandaloneCluster cluster, Duration period) {
		thread = new Thread(() -> {
			for (long round = 0; running; round++) {
				for (ProcessHandle h : cluster.executors()) {
					read(h);
					if (round % HEAP_EVERY == 0 || heapAt(h.pid(), Long.MAX_VALUE) == null) {
						readHeap(h.pid()); // and until a young executor's first reading works
					}
				}
				try {
					Thread.sleep(period.toMillis());
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "csra-rss-sampler");
		thread.setDaemon(true);
		thread.start();
	}

	private void read(ProcessHandle h) {
		Matcher app = APP_ID.matcher(h.info().commandLine().orElse(""));
		try {
			String status = Files.readString(Path.of("/proc", "" + h.pid(), "status"));
			Matcher rss = VM_RSS.matcher(status);
			Matcher cpus = CPUS.matcher(status);
			if (rss.find() && app.find()) {
				Sample s = new Sample(System.currentTimeMillis(), h.pid(), app.group(1), Long
					.parseLong(rss.group(1)), cpus.find() ? cpus.group(1) : "");
				synchronized (samples) {
					samples.add(s);
				}
			}
		}
		catch (IOException e) {
			// the executor ended between listing and reading
		}
	}

	private void readHeap(long pid) {
		Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
		if (!Files.isExecutable(jstat)) {
			return; // a JRE without the JDK's tools: no heap readings
		}
		try {
			Process p = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
				.redirectErrorStream(true).start();
			// Its output (two short lines) fits the pipe, so waiting first cannot block it.
			if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				return;
			}
			String out = new String(p.getInputStream().readAllBytes());
			HeapSample h = JstatGc.parse(System.currentTimeMillis(), pid, out);
			if (h != null) {
				synchronized (heap) {
					heap.add(h);
				}
			}
		}
		catch (IOException e) {
			// the executor ended, or jstat could not attach: no reading
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @param pid an executor's process id
	 * @param epochMs a time
	 * @return its last heap reading at or before that time (its first if none was that early),
	 *         or null if its heap was never read
	 */
	public HeapSample heapAt(long pid, long epochMs) {
		HeapSample best = null;
		synchronized (heap) {
			for (HeapSample h : heap) {
				if (h.pid() == pid && (best == null || h.epochMs() <= epochMs)) {
					best = h;
				}
			}
		}
		return best;
	}

	/**
	 * @param appId an application's id
	 * @return its executors (not those of an application before it that are still exiting, nor
	 *         a process seen fewer than {@link #LEAST_READINGS} times: a child the executor
	 *         forks carries its command line until it runs its own program), by process id, in
	 *         the order first seen
	 */
	public List<Long> executors(String appId) {
		Map<Long, Integer> readings = new LinkedHashMap<>();
		for (Sample s : samples()) {
			if (s.appId().equals(appId)) {
				readings.merge(s.pid(), 1, Integer::sum);
			}
		}
		List<Long> pids = new ArrayList<>();
		readings.forEach((pid, n) -> {
			if (n >= LEAST_READINGS) {
				pids.add(pid);
			}
		});
		return List.copyOf(pids);
	}

	/**
	 * @param pid an executor's process id
	 * @param epochMs a time
	 * @return its resident set in MiB at its last reading at or before that time (its first
	 *         reading if none was that early), or NaN if it was never read
	 */
	public double rssMibAt(long pid, long epochMs) {
		Sample best = null;
		for (Sample s : samples()) {
			if (s.pid() == pid && (best == null || s.epochMs() <= epochMs)) {
				best = s;
			}
		}
		return best == null ? Double.NaN : best.rssKb() / 1024.0;
	}

	/**
	 * @param pid an executor's process id
	 * @return the CPUs it may run on at its last reading ({@code Cpus_allowed_list}, e.g.
	 *         {@code 0} or {@code 0-1}), empty if never read
	 */
	public String cpusOf(long pid) {
		String cpus = "";
		for (Sample s : samples()) {
			if (s.pid() == pid) {
				cpus = s.cpus();
			}
		}
		return cpus;
	}

	/** @return the readings so far, in order */
	public List<Sample> samples() {
		synchronized (samples) {
			return List.copyOf(samples);
		}
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
		try {
			thread.join(5000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
