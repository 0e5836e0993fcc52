package org.csrafiji.app;

/**
 * How a batch went.
 *
 * @param classified files classified in this run
 * @param skipped files skipped because the CSV already had them
 * @param failed files that gave an error row
 * @param retried files that had failed in an earlier run and were tried again
 * @param cancelled whether the user stopped the batch early
 */
public record BatchSummary(int classified, int skipped, int failed, int retried,
	boolean cancelled)
{

	@Override
	public String toString() {
		return classified + " classified, " + skipped + " already in the CSV, " + failed
			+ " failed" + (retried > 0 ? ", " + retried + " retried after failing before" : "")
			+ (cancelled ? " (cancelled)" : "");
	}
}
