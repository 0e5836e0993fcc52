package org.csrafiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.csrafiji.app.ClassificationStream;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.app.Progress;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.Engines;
import org.csrafiji.runtime.PassLanes;
import org.csrafiji.runtime.SlicePrediction;

/**
 * The work of one partition, in one call: classifies its images with this JVM's model
 * ({@link ExecutorModels}) and yields their rows lazily, through the batch path every front end
 * shares ({@link ClassificationStream}, with one lane: the task's own thread and its engine
 * threads). The next image is fetched (copied to a private temporary folder when it lies on a
 * remote file system), opened and converted on a reader thread while the current one runs
 * through the model, so reading from remote storage overlaps the forward passes and a partition
 * of any size holds at most two images in memory. An image that cannot be read gives a row with
 * the reason instead of failing the task; an engine failure fails the task (Spark retries it
 * elsewhere). The reader is stopped, and local copies not yet deleted are deleted, when the
 * partition is done or its task ends in any other way (Spark's task completion listener).
 */
public final class PartitionClassifier {

	private PartitionClassifier() {}

	/**
	 * @param files the model, shipped by the driver
	 * @param allSlices whether every slice position of a stack is classified (else the current)
	 * @param conf file system settings for images on remote file systems
	 * @param images the partition's image URIs (distinct, as {@link ImageInputs} lists them)
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
		// The folder of each image's local copy, until it is classified: those of images opened
		// but never classified (the task ended early) are deleted when the task ends.
		Map<String, java.nio.file.Path> copies = new ConcurrentHashMap<>();
		ClassificationStream<String> stream = new ClassificationStream<>(classifier, list,
			image -> ImageFiles.open(local(conf.get(), image, copies)), PassLanes.forJobs(model, 1),
			Progress.NONE);
		TaskContext task = TaskContext.get();
		if (task != null) {
			task.addTaskCompletionListener(new TaskCompletionListener() {

				@Override
				public void onTaskCompletion(TaskContext context) {
					stream.close();
					List.copyOf(copies.keySet()).forEach(i -> discard(i, copies));
				}
			});
		}
		return new Iterator<>() {

			private final List<ImageRow> pending = new ArrayList<>();

			@Override
			public boolean hasNext() {
				while (pending.isEmpty() && stream.hasNext()) {
					ClassificationStream.Result<String> r = stream.next();
					try {
						pending.addAll(rows(r, threshold));
					}
					finally {
						discard(r.item(), copies);
					}
				}
				if (pending.isEmpty()) {
					stream.close();
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

	/**
	 * On the reader thread: the image as a local file (a remote one copied to a private
	 * temporary folder, keeping its name, as ImageJ reads local files only and picks the reader
	 * by extension; deleted once the image is classified).
	 */
	private static java.nio.file.Path local(Configuration conf, String image,
		Map<String, java.nio.file.Path> copies)
	{
		try {
			Path path = new Path(image);
			if ("file".equals(path.toUri().getScheme())) {
				return java.nio.file.Path.of(path.toUri());
			}
			java.nio.file.Path copyDir = Files.createTempDirectory("csra-spark-");
			copies.put(image, copyDir);
			java.nio.file.Path local = copyDir.resolve(path.getName());
			FileSystem fs = path.getFileSystem(conf);
			fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
			return local;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * @return the rows of a classified image; one row with the reason for an image that could
	 *         not be read or classified
	 * @throws RuntimeException an engine failure, which fails the task
	 */
	private static List<ImageRow> rows(ClassificationStream.Result<String> r, double threshold) {
		String image = r.item();
		if (r.failure() instanceof CsraException e) {
			return List.of(new ImageRow(image, null, List.of(), null, e.getMessage()));
		}
		if (r.failure() instanceof UncheckedIOException e) {
			return List.of(new ImageRow(image, null, List.of(), null, "Cannot read '" + image
				+ "': " + e.getCause().getMessage()));
		}
		if (r.failure() != null) {
			throw r.failure();
		}
		List<ImageRow> rows = new ArrayList<>();
		for (SlicePrediction sp : r.image().slices()) {
			Prediction p = sp.prediction();
			List<String> labels = new ArrayList<>();
			for (int c : p.predicted(threshold)) {
				labels.add(p.labels().name(c));
			}
			rows.add(new ImageRow(image, slice(sp), labels, p.scores().clone(), null));
		}
		r.image().image().flush();
		return rows;
	}

	/** Deletes an image's local copy (none for a local file) and forgets it. */
	private static void discard(String image, Map<String, java.nio.file.Path> copies) {
		java.nio.file.Path copyDir = copies.remove(image);
		if (copyDir != null) {
			TempFolders.delete(copyDir);
		}
	}

	private static String slice(SlicePrediction sp) {
		return "c=" + sp.position().channel() + ",z=" + sp.position().slice() + ",t=" + sp
			.position().frame();
	}
}
