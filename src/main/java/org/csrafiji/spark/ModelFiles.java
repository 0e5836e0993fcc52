package org.csrafiji.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.ModelStamp;

/**
 * Which model the executors load and how it reaches them: the spec's text travels with the
 * task, the checkpoint's bytes as a Spark broadcast (fetched once per executor JVM, peer to
 * peer, from wherever the driver runs: no shared file system needed). The name and checkpoint
 * SHA-256, hashed once on the driver, key the per-JVM model and go into every output row.
 *
 * @param specName the spec file's name
 * @param specJson the spec file's text
 * @param checkpointName the checkpoint file's name
 * @param checkpoint the checkpoint file's bytes
 * @param modelName the model's name
 * @param checkpointSha256 the checkpoint's SHA-256 (lowercase hex)
 */
public record ModelFiles(String specName, String specJson, String checkpointName,
	Broadcast<byte[]> checkpoint, String modelName, String checkpointSha256)
	implements
		Serializable
{

	/** Java arrays (and so broadcasts of one) end just below 2 GiB. */
	private static final long MAX_CHECKPOINT = Integer.MAX_VALUE - 64;

	/**
	 * Reads the spec and its checkpoint on the driver and broadcasts the checkpoint.
	 *
	 * @param jsc the Spark context
	 * @param specFile the model spec (JSON) on the driver's file system
	 * @return what the executors need to load the model
	 */
	public static ModelFiles ship(JavaSparkContext jsc, Path specFile) {
		ModelSpec spec = ModelSpecs.read(specFile);
		Path file = spec.checkpointFile().orElseThrow(() -> new ModelSpecException("Model '"
			+ spec.name() + "' (" + specFile + ") names no checkpoint file; the Spark job needs"
			+ " trained weights. Add \"checkpoint\" to the spec."));
		try {
			if (!Files.isRegularFile(file)) {
				throw new ModelSpecException(
					"The weights of model '" + spec.name() + "' are not at "
						+ file + " (named by " + specFile
						+ "); save the file there or correct the spec.");
			}
			if (Files.size(file) > MAX_CHECKPOINT) {
				throw new ModelSpecException("The checkpoint " + file
					+ " is larger than 2 GiB, more"
					+ " than the job can broadcast; save the weights alone (a state_dict) or in half"
					+ " precision.");
			}
			ModelStamp stamp = ModelStamp.of(spec);
			return new ModelFiles(specFile.getFileName().toString(), Files.readString(specFile),
				file
					.getFileName().toString(),
				jsc.broadcast(Files.readAllBytes(file)), stamp.name(), stamp
					.checkpointSha256());
		}
		catch (IOException e) {
			throw new ModelSpecException("Cannot read model '" + spec.name() + "' (" + specFile
				+ ", " + file + "): " + e.getMessage() + ".");
		}
	}

	/** @return the model's name and checkpoint SHA-256, as written into every row */
	public ModelStamp stamp() {
		return new ModelStamp(modelName, checkpointSha256);
	}

	/**
	 * Writes spec and checkpoint into a new private folder of this (executor) machine.
	 *
	 * @return the spec, pointing at the checkpoint written next to it
	 * @throws IOException when the temporary folder cannot be written
	 */
	ModelSpec writeLocal(Path folder) throws IOException {
		Path spec = folder.resolve(specName);
		Files.writeString(spec, specJson);
		Path weights = folder.resolve(checkpointName.equals(specName)
			? "weights-" + checkpointName
			: checkpointName);
		Files.write(weights, checkpoint.value());
		return ModelSpecs.read(spec).withCheckpoint(weights);
	}

	/** @return the key of the model in an executor JVM */
	String key() {
		return specName + "|" + checkpointName + "|" + checkpointSha256;
	}
}
