package org.csrafiji.updatesite;

import java.io.ByteArrayOutputStream;

/**
 * The ImageJ Updater's treatment of {@code .properties} entries inside jars (its
 * {@code SkipHashedLines} stream), reproduced byte for byte: a line that starts with
 * {@code #} is reduced to its newline, so that the date Maven writes into
 * {@code pom.properties} does not change the checksum.
 * <p>
 * The updater's rule has two quirks that are kept here because checksums must match: a
 * line counts as starting only after a newline that was not itself at a line start, so
 * after an empty line or a bare {@code "#\n"} the next {@code #} line is kept as it is; and
 * a comment at the end of the file without a newline vanishes completely.
 */
final class HashedLineFilter {

	private final byte[] in;
	private int position;
	private boolean atLineStart = true;

	private HashedLineFilter(byte[] in) {
		this.in = in;
	}

	/**
	 * @param properties the entry's bytes as stored in the jar
	 * @return the bytes the updater feeds into its digest
	 */
	static byte[] apply(byte[] properties) {
		HashedLineFilter filter = new HashedLineFilter(properties);
		ByteArrayOutputStream out = new ByteArrayOutputStream(properties.length);
		for (int c = filter.next(); c >= 0; c = filter.next()) {
			out.write(c);
		}
		return out.toByteArray();
	}

	/** One character as the updater's stream returns it, or -1 at the end. */
	private int next() {
		int c = position < in.length ? in[position++] & 0xff : -1;
		if (!atLineStart) {
			if (c == '\n') atLineStart = true;
			return c;
		}
		if (c != '#') {
			atLineStart = false;
			return c;
		}
		// A comment: what comes back is whatever ends it (its newline, or the end).
		int end;
		do {
			end = next();
		} while (end != '\n' && end >= 0);
		return end;
	}
}
