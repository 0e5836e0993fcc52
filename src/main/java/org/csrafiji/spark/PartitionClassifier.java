package org.csrafiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.csrafiji.app.ClassifiedImage;
import org.csrafiji.app.ImageClassification;
import org.csrafiji.app.Progress;
import org.csrafiji.app.pipeline.Prefetcher;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.Engines;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.SlicePrediction;

/**
 * The work of one partition, in one call: classifies its images with this JVM's model
 * ({@link ExecutorModels}) and yields their rows lazily. The next image is fetched (copied to a
 * private temporary folder when it lies on a remote file system), opened and converted on a
 * worker thread while the current one runs through the model ({@link Prefetcher}, one image
 * ahead, order kept, as Batch Classify does), so reading from remote storage overlaps the
 * forward passes and a partition of any size holds at most two images in memory. An image that
 * cannot be read gives a row with the reason instead of failing the task; an engine failure
 * fails the task (Spark retries it elsewhere). The worker is stopped when the partition is done
 * or its task ends in any other way (Spark's task completion listener).
 */
public final class PartitionClassifier {

	private PartitionClassifier() {}

	/**
	 * An image opened on the worker: prepared for the model, and the temporary folder of its
	 * local copy (deleted once it is classified; null for a local file).
	 */
	private record Fetched(ImageClassification.Prepared prepared, java.nio.file.Path copyDir) {}

	/**
	 * @param files the model, shipped by the driver
	 * @param allSlices whether every slice position of a stack is classified (else the current)
	 * @param conf file system settings for images on remote file systems
	 * @param images the partition's image URIs
	 * @return the rows, computed as they are consumed
	 */
	public static Iterator<ImageRow> classify(ModelFiles files, boolean allSlices, HadoopConf conf,
		Iterator<String> images)
	{
		CsraModel model = Engines.withProjectClassLoader(() -> {
			CsraModel m = ExecutorModels.get(files);
			Engines.inferenceThread(); // grad mode is per thread
			TaskThreads.forThisTask(m);
			return m;
		});
		ImageClassifier classifier = new ImageClassifier(model, ConversionOptions.defaults()
			.withAllSlices(allSlices));
		double threshold = model.spec().threshold();
		List<String> list = new ArrayList<>();
		images.forEachRemaining(list::add);
		int slicesAhead = ImageClassification.slicesAhead(classifier);
		// Local copies not yet deleted: those of images prepared but never classified (the task
		// ended early) are deleted when the task ends.
		Set<java.nio.file.Path> copies = ConcurrentHashMap.newKeySet();
		Prefetcher<String, Fetched> ahead = new Prefetcher<>(list, image -> fetch(classifier, conf
			.get(), image, slicesAhead, copies), 1, 1, "csra-spark-images");
		TaskContext task = TaskContext.get();
		if (task != null) {
			task.addTaskCompletionListener(new TaskCompletionListener() {

				@Override
				public void onTaskCompletion(TaskContext context) {
					ahead.close();
					List.copyOf(copies).forEach(c -> discard(c, copies));
				}
			});
		}
		return new Iterator<>() {

			private final List<ImageRow> pending = new ArrayList<>();
			private int next;

			@Override
			public boolean hasNext() {
				while (pending.isEmpty() && next < list.size()) {
					pending.addAll(classifyOne(classifier, threshold, list.get(next++), take(
						ahead), copies));
				}
				if (pending.isEmpty()) {
					ahead.close();
				}
				return !pending.isEmpty();
			}

			@Override
			public ImageRow next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return pending.remove(0);
			}
		};
	}

	private static Prefetcher.Outcome<Fetched> take(Prefetcher<String, Fetched> ahead) {
		try {
			return ahead.next();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CsraException("Interrupted while reading the partition's images.");
		}
	}

	/** On the worker: the image as a local file, opened and its first slices converted. */
	private static Fetched fetch(ImageClassifier classifier, Configuration conf, String image,
		int slices, Set<java.nio.file.Path> copies)
	{
		java.nio.file.Path copyDir = null;
		try {
			Path path = new Path(image);
			java.nio.file.Path local;
			if ("file".equals(path.toUri().getScheme())) {
				local = java.nio.file.Path.of(path.toUri());
			}
			else {
				// ImageJ reads local files only: copy to a private temporary folder, keeping the
				// name (ImageJ picks the reader by extension); deleted once it is classified
				copyDir = Files.createTempDirectory("csra-spark-");
				copies.add(copyDir);
				local = copyDir.resolve(path.getName());
				FileSystem fs = path.getFileSystem(conf);
				fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
			}
			Fetched f = new Fetched(ImageClassification.prepare(classifier, ImageFiles.open(local),
				slices), copyDir);
			copyDir = null; // the consumer deletes it
			return f;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			discard(copyDir, copies);
		}
	}

	private static List<ImageRow> classifyOne(ImageClassifier classifier, double threshold,
		String image, Prefetcher.Outcome<Fetched> outcome, Set<java.nio.file.Path> copies)
	{
		Fetched fetched = outcome.value();
		try {
			ClassifiedImage ci = ImageClassification.run(classifier, outcome.get().prepared(),
				Progress.NONE);
			List<ImageRow> rows = new ArrayList<>();
			for (SlicePrediction sp : ci.slices()) {
				Prediction p = sp.prediction();
				List<String> labels = new ArrayList<>();
				for (int c : p.predicted(threshold)) {
					labels.add(p.labels().name(c));
				}
				rows.add(new ImageRow(image, slice(sp), labels, p.scores().clone(), null));
			}
			return rows;
		}
		catch (CsraException e) {
			return List.of(new ImageRow(image, null, List.of(), null, e.getMessage()));
		}
		catch (UncheckedIOException e) {
			return List.of(new ImageRow(image, null, List.of(), null, "Cannot read '" + image
				+ "': " + e.getCause().getMessage()));
		}
		finally {
			if (fetched != null) {
				fetched.prepared().image().flush();
				discard(fetched.copyDir(), copies);
			}
		}
	}

	/** Deletes a local copy's folder (none when null) and forgets it. */
	private static void discard(java.nio.file.Path copyDir, Set<java.nio.file.Path> copies) {
		if (copyDir != null) {
			TempFolders.delete(copyDir);
			copies.remove(copyDir);
		}
	}

	private static String slice(SlicePrediction sp) {
		return "c=" + sp.position().channel() + ",z=" + sp.position().slice() + ",t=" + sp
			.position().frame();
	}
}
