package org.csrafiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;

/**
 * The models loaded in this JVM, one per {@link ModelFiles#key() spec, checkpoint and SHA-256}.
 * <p>
 * This is the one JVM-wide mutable state of the project, and it has to be: a Spark executor is
 * a JVM that runs many tasks of a job, one after another and several at once (one per executor
 * core), and Spark offers no per-executor object a task could hang a model on. Loading the
 * weights once per task (or per image) would cost more than classifying a partition. The map
 * only grows by one entry per model a job uses, the models are thread-safe for prediction, and
 * they live as long as the executor (whose end frees their native memory). The driver and the
 * plugin never use it.
 */
public final class ExecutorModels {

	private static final Map<String, CsraModel> MODELS = new ConcurrentHashMap<>();

	private ExecutorModels() {}

	/**
	 * @param files the model, shipped by the driver
	 * @return the model, loaded on the first call in this JVM
	 */
	public static CsraModel get(ModelFiles files) {
		return MODELS.computeIfAbsent(files.key(), k -> {
			CsraModel model = load(files);
			System.err
				.println("csra: loaded " + files.stamp().describe() + " in JVM " + ProcessHandle
					.current().pid() + " on " + model.device());
			return model;
		});
	}

	/**
	 * Writes the spec to a private temporary folder (its checkpoint is the file Spark fetched),
	 * loads the model, and deletes the folder.
	 */
	private static CsraModel load(ModelFiles files) {
		Path folder = null;
		try {
			folder = Files.createTempDirectory("csra-model-");
			ModelSpec spec = files.local(folder);
			return ModelLoader.load(spec, DeviceChoice.AUTO);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the model to this executor's temporary"
				+ " folder (" + folder + "): " + e.getMessage() + "; give the executors a writable"
				+ " java.io.tmpdir.", e);
		}
		finally {
			TempFolders.delete(folder);
		}
	}

	/** @return how many models this JVM has loaded */
	public static int loaded() {
		return MODELS.size();
	}
}
