package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.Prediction;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.Engines;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.SlicePrediction;

/**
 * The work of one partition, in one call: classifies its images one at a time with this JVM's
 * model ({@link ExecutorModels}) and yields their rows lazily, so a partition of any size holds
 * one image in memory. An image that cannot be read gives a row with the reason instead of
 * failing the task; an engine failure fails the task (Spark retries it elsewhere).
 */
public final class PartitionClassifier {

	private PartitionClassifier() {}

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
		return new Iterator<>() {

			private final List<ImageRow> pending = new ArrayList<>();

			@Override
			public boolean hasNext() {
				while (pending.isEmpty() && images.hasNext()) {
					pending.addAll(classifyOne(classifier, threshold, conf.get(), images.next()));
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

	private static List<ImageRow> classifyOne(ImageClassifier classifier, double threshold,
		Configuration conf, String image)
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
				// name (ImageJ picks the reader by extension); deleted below
				copyDir = Files.createTempDirectory("csra-spark-");
				local = copyDir.resolve(path.getName());
				FileSystem fs = path.getFileSystem(conf);
				fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
			}
			List<ImageRow> rows = new ArrayList<>();
			for (SlicePrediction sp : classifier.classify(local)) {
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
		catch (IOException e) {
			return List.of(new ImageRow(image, null, List.of(), null, "Cannot read '" + image
				+ "': " + e.getMessage()));
		}
		finally {
			TempFolders.delete(copyDir);
		}
	}

	private static String slice(SlicePrediction sp) {
		return "c=" + sp.position().channel() + ",z=" + sp.position().slice() + ",t=" + sp
			.position().frame();
	}
}
