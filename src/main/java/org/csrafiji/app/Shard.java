package org.csrafiji.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of an input list split over a cluster array: shard {@code I/N}, counted from 1 as
 * scheduler array indices are ({@code sbatch --array=1-N}, {@code $SLURM_ARRAY_TASK_ID}), so
 * {@code 1/N} to {@code N/N} together take every item exactly once. The split is deterministic
 * and the same on every node: the items are sorted by a stable key (the path as a string,
 * compared char by char, whatever order the file system lists them in) and dealt round-robin,
 * the k-th item (from 0) going to shard {@code k mod N + 1}. Dealing rather than cutting
 * contiguous blocks spreads a run of large or slow images over all shards.
 *
 * @param index which shard, 1 to count
 * @param count how many shards
 */
public record Shard(int index, int count) {

	/** Every item: shard 1/1. */
	public static final Shard ALL = new Shard(1, 1);

	private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

	/** Checks 1 &lt;= index &lt;= count. */
	public Shard {
		if (count < 1 || index < 1 || index > count) {
			throw new IllegalArgumentException(
				"shard " + index + "/" + count + " does not exist: shards"
					+ " are counted from 1, so I/N needs 1 <= I <= N (e.g. 1/4 to 4/4)");
		}
	}

	/**
	 * @param text {@code I/N}, e.g. {@code 3/8}; blank for {@link #ALL}
	 * @return the shard
	 * @throws IllegalArgumentException saying what is wrong and what form is expected
	 */
	public static Shard parse(String text) {
		if (text == null || text.isBlank()) {
			return ALL;
		}
		Matcher m = FORM.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException(
				"shard '" + text + "' is not of the form I/N (e.g. 3/8:"
					+ " the third of eight shards, counted from 1)");
		}
		return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
	}

	/**
	 * @param items the whole input, in any order
	 * @param key each item's stable key (e.g. its path as a string)
	 * @param <T> the items' type
	 * @return this shard's items, sorted by key
	 */
	public <T> List<T> select(List<T> items, Function<? super T, String> key) {
		List<T> sorted = new ArrayList<>(items);
		sorted.sort(Comparator.comparing(key));
		if (count == 1) {
			return sorted;
		}
		List<T> mine = new ArrayList<>();
		for (int k = index - 1; k < sorted.size(); k += count) {
			mine.add(sorted.get(k));
		}
		return mine;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
