package org.csrafiji.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import org.csrafiji.core.CsraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run stands after its last completed epoch, written as {@code state.json} next to the
 * checkpoints so that a run can resume: epochs done, global iterations, the best validation
 * mAP so far and its epoch, and the batch norms' num_batches_tracked. The SGD momentum buffers
 * are in {@code last-optimizer.pth} beside it.
 *
 * @param epochsDone completed epochs
 * @param iteration global iterations done
 * @param bestScore best selection score so far (validation mAP, or minus the mean loss
 *          without validation data); NaN before the first epoch
 * @param bestEpoch the epoch of the best checkpoint, from 0; -1 before the first epoch
 * @param batchesTracked num_batches_tracked
 */
public record TrainingState(int epochsDone, long iteration, double bestScore, int bestEpoch,
	long batchesTracked)
{

	/** File name in the output folder. */
	public static final String FILE = "state.json";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.serializeSpecialFloatingPointValues().create();

	/**
	 * @param folder the output folder
	 */
	public void write(Path folder) {
		CheckpointFiles.atomically(folder.resolve(FILE), tmp -> Files.writeString(tmp, GSON.toJson(
			this), StandardCharsets.UTF_8));
	}

	/**
	 * @param folder the output folder of an earlier run
	 * @return its state
	 */
	public static TrainingState read(Path folder) {
		Path f = folder.resolve(FILE);
		try {
			return GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), TrainingState.class);
		}
		catch (IOException | RuntimeException e) {
			throw new CsraException("Cannot resume: " + f + " is missing or unreadable (" + e
				.getMessage() + "). Resume needs the folder of a run that finished at least one"
				+ " epoch.", e);
		}
	}
}
