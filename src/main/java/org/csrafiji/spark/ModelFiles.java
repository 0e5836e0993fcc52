package org.csrafiji.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.ModelStamp;

/**
 * Which model the executors load and how it reaches them: the spec's text travels with the
 * task, the checkpoint file through Spark's own file distribution ({@code SparkContext.addFile},
 * what {@code spark-submit --files} does: each executor fetches it once from the driver into
 * its work folder; no shared file system needed, and no copy of the weights in the driver's or
 * an executor's Java heap, so a checkpoint of any size ships). The name and checkpoint SHA-256,
 * hashed once on the driver, key the per-JVM model and go into every output row; an executor
 * checks the file it received against that hash before loading it, so a checkpoint changed on
 * the driver's disk while the job runs cannot give rows stamped with another model's hash.
 *
 * @param specName the spec file's name
 * @param specJson the spec file's text
 * @param checkpointName the checkpoint file's name, as Spark serves it
 * @param modelName the model's name
 * @param checkpointSha256 the checkpoint's SHA-256 (lowercase hex)
 */
public record ModelFiles(String specName, String specJson, String checkpointName,
	String modelName, String checkpointSha256)
	implements
		Serializable
{

	/**
	 * Reads the spec on the driver, hashes its checkpoint and adds the checkpoint to the files
	 * Spark serves to executors.
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
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("The weights of model '" + spec.name() + "' are not at "
				+ file + " (named by " + specFile + "); save the file there or correct the spec.");
		}
		try {
			String json = Files.readString(specFile);
			ModelStamp stamp = ModelStamp.of(spec);
			jsc.addFile(file.toAbsolutePath().toString());
			return new ModelFiles(specFile.getFileName().toString(), json, file.getFileName()
				.toString(), stamp.name(), stamp.checkpointSha256());
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
	 * On an executor: writes the spec into a new private folder, pointing at the checkpoint
	 * Spark fetched into this executor's work folder, and checks that file's SHA-256.
	 *
	 * @param folder the private folder
	 * @return the spec, pointing at the fetched checkpoint
	 * @throws IOException when the folder cannot be written
	 * @throws CsraException when the fetched checkpoint is not the one the driver hashed
	 */
	ModelSpec local(Path folder) throws IOException {
		Path spec = folder.resolve(specName);
		Files.writeString(spec, specJson);
		Path weights = Path.of(SparkFiles.get(checkpointName));
		if (!Files.isRegularFile(weights)) {
			throw new CsraException("Spark did not deliver the checkpoint '" + checkpointName
				+ "' to this executor (no file at " + weights + "); run the job with this"
				+ " project's ClassifyJob, which adds it to the application's files.");
		}
		ModelSpec local = ModelSpecs.read(spec).withCheckpoint(weights);
		ModelStamp got = ModelStamp.of(local);
		if (!got.checkpointSha256().equals(checkpointSha256)) {
			throw new CsraException("The checkpoint this executor received (" + weights
				+ ", SHA-256 " + got.checkpointSha256()
				+ ") is not the one the driver read (SHA-256 "
				+ checkpointSha256 + "): it was changed or replaced while the job ran. Leave the"
				+ " file as it is until the job ends, and run the job again.");
		}
		return local;
	}

	/** @return the key of the model in an executor JVM */
	String key() {
		return specName + "|" + checkpointName + "|" + checkpointSha256;
	}
}
