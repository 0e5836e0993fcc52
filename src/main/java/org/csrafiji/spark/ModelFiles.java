package org.csrafiji.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.ModelStamp;

/**
 * Which model the executors load and how they find it: the spec and its checkpoint are
 * shipped with {@link SparkContext#addFile(String)} (Spark copies them to every executor once),
 * and the executors find them by file name through {@link SparkFiles}. The stamp (name and
 * checkpoint SHA-256, hashed once on the driver) keys the per-JVM model and goes into every
 * output row.
 *
 * @param specName the spec file's name
 * @param checkpointName the checkpoint file's name
 * @param modelName the model's name
 * @param checkpointSha256 the checkpoint's SHA-256 (lowercase hex)
 */
public record ModelFiles(String specName, String checkpointName, String modelName,
	String checkpointSha256) implements Serializable
{

	/** @return the model's name and checkpoint SHA-256, as written into every row */
	public ModelStamp stamp() {
		return new ModelStamp(modelName, checkpointSha256);
	}

	/**
	 * Reads the spec on the driver, checks that its checkpoint exists and ships both.
	 *
	 * @param sc the Spark context
	 * @param specFile the model spec (JSON) on the driver's file system
	 * @return what the executors need to find the model
	 */
	public static ModelFiles ship(SparkContext sc, Path specFile) {
		ModelSpec spec = ModelSpecs.read(specFile);
		Path checkpoint = spec.checkpointFile().orElseThrow(() -> new ModelSpecException("Model '"
			+ spec.name() + "' (" + specFile + ") names no checkpoint file; the Spark job needs"
			+ " trained weights. Add \"checkpoint\" to the spec."));
		if (!Files.isRegularFile(checkpoint)) {
			throw new ModelSpecException("The weights of model '" + spec.name() + "' are not at "
				+ checkpoint + " (named by " + specFile + "); save the file there or correct the spec.");
		}
		if (checkpoint.getFileName().equals(specFile.getFileName())) {
			throw new ModelSpecException("The spec and the checkpoint of model '" + spec.name()
				+ "' have the same file name; rename one of them.");
		}
		ModelStamp stamp = ModelStamp.of(spec);
		sc.addFile(specFile.toAbsolutePath().toString());
		sc.addFile(checkpoint.toAbsolutePath().toString());
		return new ModelFiles(specFile.getFileName().toString(), checkpoint.getFileName()
			.toString(), stamp.name(), stamp.checkpointSha256());
	}

	/** @return the spec as the executor sees it, pointing at the executor's checkpoint copy */
	ModelSpec localSpec() {
		ModelSpec spec = ModelSpecs.read(Path.of(SparkFiles.get(specName)));
		return spec.withCheckpoint(Path.of(SparkFiles.get(checkpointName)));
	}

	/** @return the key of the model in an executor JVM */
	String key() {
		return specName + "|" + checkpointName + "|" + checkpointSha256;
	}
}
