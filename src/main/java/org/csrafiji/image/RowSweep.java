package org.csrafiji.image;

/**
 * The vertical direction of a separable resize, for one band of output rows: streams the
 * source rows that band needs once each, top to bottom, adding each to every output row
 * whose filter window holds it, and emits an output row as soon as its window is complete.
 * Only {@link ResampleWeights#maxOverlap} output rows are open at a time, so the working
 * memory is a few rows, whatever the source height.
 */
final class RowSweep {

	/** What one pixel type does with the rows the sweep hands it. */
	interface Stage {

		/** Makes source row {@code y} the current row. */
		void load(int y);

		/**
		 * Adds tap {@code tap} of output row {@code yy} times the current row to the
		 * accumulator in {@code slot}; {@code first} says the accumulator starts afresh.
		 */
		void accumulate(int slot, int yy, int tap, boolean first);

		/** Writes output row {@code yy} from the accumulator in {@code slot}. */
		void emit(int slot, int yy);
	}

	private RowSweep() {}

	/**
	 * Runs the sweep for output rows {@code from} (inclusive) to {@code to} (exclusive).
	 *
	 * @param vertical the taps along y
	 * @param from first output row
	 * @param to one past the last output row
	 * @param stage the pixel type's row operations; its accumulators are numbered
	 *          {@code 0 .. vertical.maxOverlap - 1}
	 */
	static void run(ResampleWeights vertical, int from, int to, Stage stage) {
		int[] start = vertical.start;
		int[] count = vertical.count;
		int slots = vertical.maxOverlap;
		int firstRow = start[from];
		int endRow = start[to - 1] + count[to - 1];
		int open = from; // first output row not yet emitted
		int next = from; // first output row not yet opened
		for (int y = firstRow; y < endRow; y++) {
			while (next < to && start[next] <= y) {
				next++;
			}
			stage.load(y);
			for (int yy = open; yy < next; yy++) {
				int tap = y - start[yy];
				stage.accumulate(yy % slots, yy, tap, tap == 0);
			}
			while (open < next && start[open] + count[open] - 1 <= y) {
				stage.emit(open % slots, open);
				open++;
			}
		}
	}
}
