package org.csrafiji.spark;

/**
 * Reads the output of the JDK's {@code jstat -gc PID}: a header line of column names and a
 * line of values in KiB (capacities end in C, usages in U).
 */
final class JstatGc {

	private static final String[] COMMITTED = {"S0C", "S1C", "EC", "OC"};
	private static final String[] USED = {"S0U", "S1U", "EU", "OU"};

	private JstatGc() {}

	/**
	 * @param epochMs when it was read
	 * @param pid the process read
	 * @param output what jstat printed
	 * @return the heap's committed and used KiB, or null when the output is not jstat's table
	 */
	static RssSampler.HeapSample parse(long epochMs, long pid, String output) {
		String[] lines = output.strip().split("\\R");
		if (lines.length < 2) {
			return null;
		}
		String[] names = lines[0].trim().split("\\s+");
		String[] values = lines[lines.length - 1].trim().split("\\s+");
		if (names.length != values.length) {
			return null;
		}
		try {
			return new RssSampler.HeapSample(epochMs, pid, sum(names, values, COMMITTED), sum(names,
				values, USED));
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static long sum(String[] names, String[] values, String[] wanted) {
		double kb = 0;
		int found = 0;
		for (String w : wanted) {
			for (int i = 0; i < names.length; i++) {
				if (names[i].equals(w)) {
					kb += Double.parseDouble(values[i]);
					found++;
				}
			}
		}
		if (found != wanted.length) {
			throw new NumberFormatException("jstat -gc lacks one of its columns");
		}
		return Math.round(kb);
	}
}
