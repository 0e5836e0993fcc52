package org.csrafiji.core;

import java.util.Locale;

/**
 * Byte counts for messages, in binary units ("3.2 GiB"). Counts are longs throughout, so
 * a size never wraps round to a negative number on its way into a message.
 */
public final class ByteSize {

	private ByteSize() {}

	/**
	 * @param bytes a non-negative count
	 * @return e.g. "512 bytes", "1.5 KiB", "240.0 GiB"
	 */
	public static String format(long bytes) {
		if (bytes < 1024) {
			return bytes + " bytes";
		}
		String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
		double v = bytes;
		int u = -1;
		while (v >= 1024 && u < units.length - 1) {
			v /= 1024;
			u++;
		}
		return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
	}

	/**
	 * @param factors non-negative factors
	 * @return their product, or {@link Long#MAX_VALUE} when it does not fit a long
	 */
	public static long product(long... factors) {
		long p = 1;
		for (long f : factors) {
			if (f != 0 && p > Long.MAX_VALUE / f) {
				return Long.MAX_VALUE;
			}
			p *= f;
		}
		return p;
	}
}
