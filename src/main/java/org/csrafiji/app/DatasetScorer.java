package org.csrafiji.app;

import org.csrafiji.train.DatasetImages;
import org.csrafiji.runtime.BatchPredictor;
import org.csrafiji.runtime.CsraModel;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ij.ImagePlus;

import org.csrafiji.app.pipeline.Prefetcher;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.EngineException;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.Sample;
import org.csrafiji.image.ImageConverter;

/**
 * Runs a model over the samples of a dataset and appends their scores to a predictions file,
 * named by {@link Sample#key()}. Samples whose key the file already holds are skipped, so that an
 * interrupted run resumes where it stopped. Images are opened and converted on a few threads
 * ({@link Prefetcher}) while the model runs the batch before, at most one batch ahead; each
 * batch runs through the model in one pass and is written before the next begins, so a
 * failure or an interruption loses at most one batch.
 * <p>
 * An image that cannot be opened or converted stops the run with an error naming the sample and
 * its file: every image must be scored for the metrics to mean anything, and the rows written
 * so far stay in the file for the next run.
 */
public final class DatasetScorer implements AutoCloseable {

	/**
	 * What a run did.
	 *
	 * @param samples the samples of the dataset
	 * @param resumed those the predictions file already held
	 * @param scored those run through the model now
	 */
	public record Result(int samples, int resumed, int scored) {}

	private final ImageConverter converter;
	private final BatchPredictor predictor;
	private final int batch;
	private final int threads;

	/**
	 * A scorer for a loaded model: images converted with the default options except that
	 * small crops are accepted (WIDER-Attribute has person boxes a few pixels wide, which the
	 * official pipeline resizes like any other), one worker per processor, and on a CPU with
	 * several engine threads the images of a batch in passes side by side, the threads shared
	 * out among them ({@link BatchPredictor#forJobs(CsraModel)}: a process told to use one
	 * engine thread keeps one).
	 *
	 * @param model the model
	 * @param batch images per forward pass
	 * @return the scorer
	 */
	public static DatasetScorer forModel(CsraModel model, int batch) {
		int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
		return new DatasetScorer(new ImageConverter(model.spec().input(), DatasetImages.CONVERSION),
			BatchPredictor.forJobs(model), batch, cores);
	}

	/**
	 * @param converter how images become model input (the model's input spec)
	 * @param predictor the model
	 * @param batch images per forward pass, at least 1
	 * @param threads threads opening and converting images, at least 1
	 */
	public DatasetScorer(ImageConverter converter, BatchPredictor predictor, int batch,
		int threads)
	{
		if (batch < 1 || threads < 1) {
			throw new IllegalArgumentException("batch " + batch + " and threads " + threads
				+ " must be at least 1");
		}
		this.converter = converter;
		this.predictor = predictor;
		this.batch = batch;
		this.threads = threads;
	}

	/**
	 * @param samples the samples, in the order to score them
	 * @param writer the predictions file, open for the model's classes
	 * @param progress told how far the run has got
	 * @return how many samples there were, were already done, and were scored now
	 * @throws ImageInputException naming the sample when its image cannot be read or converted
	 */
	public Result score(List<Sample> samples, PredictionsWriter writer, DatasetProgress progress) {
		Set<String> done = new HashSet<>(writer.written());
		List<Sample> todo = new ArrayList<>();
		int resumed = 0;
		for (Sample s : samples) {
			if (done.contains(s.key())) {
				resumed++;
			}
			else if (done.add(s.key())) {
				todo.add(s);
			}
		}
		progress.start(resumed + todo.size(), resumed);
		FloatBuffer input = predictor.newInputBuffer(batch);
		int per = 3 * converter.spec().size() * converter.spec().size();
		// The next batch is read and converted on the workers while this thread runs the current
		// one; at most one batch waits, as plain float arrays (engine arrays stay on this thread).
		try (Prefetcher<Sample, float[]> images = new Prefetcher<>(todo, s -> convert(s, per), Math
			.min(threads, batch), batch, "csra-dataset-images"))
		{
			for (int from = 0; from < todo.size(); from += batch) {
				List<Sample> chunk = todo.subList(from, Math.min(todo.size(), from + batch));
				input.clear();
				for (int i = 0; i < chunk.size(); i++) {
					input.put(next(images));
				}
				input.clear();
				List<double[]> scores = predictor.scores(input, chunk.size());
				for (int i = 0; i < chunk.size(); i++) {
					writer.append(chunk.get(i).key(), scores.get(i));
				}
				progress.advance(chunk.size());
			}
		}
		finally {
			progress.finish();
		}
		return new Result(resumed + todo.size(), resumed, todo.size());
	}

	private static float[] next(Prefetcher<Sample, float[]> images) {
		try {
			return images.next().get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EngineException("Interrupted while reading images; run again to resume.", e);
		}
	}

	/** Closes the predictor (its threads); the model stays open. */
	@Override
	public void close() {
		predictor.close();
	}

	private float[] convert(Sample sample, int per) {
		float[] chw = new float[per];
		convert(sample, FloatBuffer.wrap(chw));
		return chw;
	}

	private void convert(Sample sample, FloatBuffer slot) {
		ImagePlus imp = DatasetImages.open(sample);
		try {
			converter.toChw(imp, converter.positions(imp).get(0), slot);
		}
		catch (CsraException e) {
			throw new ImageInputException("Sample '" + sample.key() + "' (" + sample.image() + "): "
				+ e.getMessage(), e);
		}
		finally {
			imp.flush();
		}
	}
}
