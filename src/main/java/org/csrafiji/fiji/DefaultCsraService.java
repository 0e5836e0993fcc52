package org.csrafiji.fiji;

import org.csrafiji.app.BatchSummary;
import ij.ImagePlus;

import org.csrafiji.app.AttentionSettings;
import org.csrafiji.core.CsraException;
import org.csrafiji.render.AttentionResult;
import org.csrafiji.render.LiveTrainingPlot;
import org.csrafiji.render.ResultsTables;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.train.TrainingResult;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CsraService}: runs each use case through the tasks of this package, and keeps the
 * models loaded in this Context, so that repeated runs do not read the checkpoint
 * again. A model is keyed by its file (spec or checkpoint, with its modification time, so an
 * edited file is read afresh) and the device requested; each is loaded once, even when two
 * commands ask for it at the same moment, and models for different keys load in parallel.
 * Every model is closed when the Context is disposed. Also holds the headless run's
 * "CSRA Results" table, so rows append across runs without a window. When it starts, before any
 * model can start the engine, it applies the local libtorch stored by "CSRA Settings"
 * ({@link LibtorchSettings}).
 */
@Plugin(type = Service.class)
public final class DefaultCsraService extends AbstractService implements CsraService {

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private PrefService prefs;

	@Parameter(required = false)
	private StatusService status;

	private final Map<Key, Slot> models = new ConcurrentHashMap<>();
	private final ResultsTables tables = new ResultsTables();
	private volatile boolean disposed;

	/** Applies the stored libtorch settings, if any, while the engine has not started. */
	@Override
	public void initialize() {
		if (prefs == null) {
			return;
		}
		try {
			LibtorchSettings.load(prefs).apply().forEach(n -> {
				if (log != null) {
					log.info("CSRA: " + n);
				}
			});
		}
		catch (CsraException e) {
			if (log != null) {
				log.warn("CSRA Settings: " + e.getMessage() + " Using the natives CSRA ships.");
			}
		}
	}

	@Override
	public CsraModel model(Path file, DeviceChoice device) {
		if (disposed) {
			throw new CsraException("The CSRA model service has been disposed.");
		}
		Key key = Key.of(file, device);
		Slot slot = models.computeIfAbsent(key, k -> new Slot());
		try {
			return slot.get(() -> ModelFiles.load(key.file(), device));
		}
		catch (RuntimeException e) {
			models.remove(key, slot); // a later call may try again once the file is fixed
			throw e;
		}
	}

	@Override
	public int loadedCount() {
		return (int) models.values().stream().filter(Slot::isLoaded).count();
	}

	@Override
	public ResultsTables tables() {
		return tables;
	}

	@Override
	public ClassifySettings settings(String model) {
		InstalledModels installed = InstalledModels.find();
		File file = model == null
			? null
			: installed.named(model).isPresent()
				? installed.resolve(
					model, null)
				: new File(model);
		if (file == null || !file.isFile()) {
			List<String> names = installed.specs().stream().map(InstalledSpec::label).toList();
			throw new CsraException("No installed CSRA model is named '" + model
				+ "' and no file is"
				+ " there; installed: " + (names.isEmpty() ? "(none)" : String.join(", ", names))
				+ ". Name one of them, or give the path of a model spec (.json) or checkpoint.");
		}
		return ClassifySettings.of(file, "auto", DEFAULT_THRESHOLD, false, true,
			ClassifySettings.DISPLAY_RANGE);
	}

	@Override
	public Feedback feedback() {
		return new Feedback(status, log, () -> Thread.currentThread().isInterrupted());
	}

	@Override
	public Classification classify(ImagePlus image, ClassifySettings settings,
		Feedback feedback)
	{
		return ClassifyTask.run(this, image, settings, feedback);
	}

	@Override
	public AttentionResult attention(ImagePlus image, ClassifySettings settings,
		AttentionSettings attention, Feedback feedback)
	{
		return AttentionTask.run(this, image, settings, attention, feedback);
	}

	@Override
	public BatchSummary batch(BatchSettings batch, ClassifySettings settings,
		Feedback feedback)
	{
		return BatchTask.run(this, batch, settings, feedback);
	}

	@Override
	public EvaluationReport evaluate(EvaluateSettings settings, Feedback feedback) {
		return EvaluateTask.run(this, settings, feedback);
	}

	@Override
	public TrainingResult train(TrainSettings settings, Feedback feedback) {
		return TrainTask.run(settings, feedback, new LiveTrainingPlot(ResultsTables.hasUi()));
	}

	/** Closes every model this service loaded. */
	@Override
	public void dispose() {
		disposed = true;
		List<Slot> slots = new ArrayList<>(models.values());
		models.clear();
		for (Slot s : slots) {
			try {
				s.close();
			}
			catch (RuntimeException e) {
				if (log != null) {
					log.warn("CSRA: could not free a model: " + e.getMessage());
				}
			}
		}
	}

	/** A file (by absolute path and modification time) and a device request. */
	private record Key(Path file, long modified, String device) {

		static Key of(Path file, DeviceChoice device) {
			Path abs = file.toAbsolutePath().normalize();
			long modified;
			try {
				modified = Files.getLastModifiedTime(abs).toMillis();
			}
			catch (IOException e) {
				modified = -1; // the loader reports the missing file
			}
			return new Key(abs, modified, device.toString());
		}
	}

	/** One model, loaded on first use under its own lock. */
	private static final class Slot {

		private CsraModel model;
		private boolean closed;

		synchronized CsraModel get(java.util.function.Supplier<CsraModel> loader) {
			if (closed) {
				throw new CsraException("The CSRA model service has been disposed.");
			}
			if (model == null) {
				model = loader.get();
			}
			return model;
		}

		synchronized boolean isLoaded() {
			return model != null;
		}

		synchronized void close() {
			closed = true;
			if (model != null) {
				model.close();
				model = null;
			}
		}
	}
}
