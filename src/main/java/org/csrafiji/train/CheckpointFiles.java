package org.csrafiji.train;

import ai.djl.ndarray.NDArray;

import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.checkpoint.TorchCheckpointWriter;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.OutputFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a training run's output folder: {@code NAME.pth} (an official state_dict,
 * torch.save zip) and {@code NAME.json} (a model spec naming it) for "last" and "best",
 * {@code last-optimizer.pth} with the momentum buffers under the parameters' keys. Each file
 * is written to a temporary name and moved into place, so that a run stopped at any moment
 * leaves the previous complete files.
 */
public final class CheckpointFiles {

	/** Name of the last epoch's checkpoint and spec. */
	public static final String LAST = "last";
	/** Name of the best epoch's checkpoint and spec. */
	public static final String BEST = "best";
	/** Momentum buffers of the last epoch. */
	public static final String OPTIMIZER = "last-optimizer.pth";

	/** Writes one file at a temporary path. */
	@FunctionalInterface
	interface FileWrite {

		void write(Path tmp) throws IOException;
	}

	private CheckpointFiles() {}

	/**
	 * Writes NAME.pth and NAME.json.
	 *
	 * @param folder output folder
	 * @param name "last" or "best"
	 * @param network the network
	 * @return the spec file
	 */
	public static Path writeModel(Path folder, String name, TrainableNetwork network) {
		Path pth = folder.resolve(name + ".pth");
		Path json = folder.resolve(name + ".json");
		Map<String, TensorData> dict = network.stateDict();
		TorchCheckpointWriter.write(pth, dict); // itself written beside and moved into place
		ModelSpecs.write(network.specFor(pth), json);
		return json;
	}

	/**
	 * @param folder output folder
	 * @param optimizer its momentum buffers
	 */
	public static void writeOptimizer(Path folder, SgdMomentum optimizer) {
		Map<String, TensorData> dict = new LinkedHashMap<>();
		for (Map.Entry<String, NDArray> e : optimizer.buffers().entrySet()) {
			dict.put(e.getKey(),
				TensorData.ofFloats(e.getValue().getShape().getShape(), e.getValue()
					.toFloatArray()));
		}
		TorchCheckpointWriter.write(folder.resolve(OPTIMIZER), dict);
	}

	static void atomically(Path target, FileWrite write) {
		try {
			OutputFiles.write(target, write::write);
		}
		catch (IOException e) {
			throw new CsraException("Cannot write " + target + ": " + e.getMessage(), e);
		}
	}
}
