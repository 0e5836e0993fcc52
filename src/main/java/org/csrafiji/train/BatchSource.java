package org.csrafiji.train;

import org.csrafiji.core.InputSpec;
import org.csrafiji.eval.Dataset;
import org.csrafiji.eval.LabelRow;
import org.csrafiji.eval.LabelState;
import org.csrafiji.image.ImageConverter;

import ij.ImagePlus;

import java.nio.FloatBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cuts a dataset into batches: per epoch a seeded shuffle (training) or the file order
 * (validation), each image opened as evaluation opens it ({@link DatasetImages}: ImageJ, crop
 * boxes applied), augmented, and converted by the {@link ImageConverter} of classification and
 * evaluation (resize, scale to [0, 1], normalise by the input spec's mean and std), so that a
 * validation batch holds exactly the input {@code csra evaluate} gives the model. Decoded images are kept in memory up to a budget, so later epochs skip
 * decoding. The randomness of an epoch depends only on the seed and the epoch, so a resumed
 * run sees the same batches.
 */
public final class BatchSource {

	private static final long CACHE_BYTES = 1L << 30;

	private final Dataset dataset;
	private final InputSpec input;
	private final Augmentation augmentation;
	private final ImageConverter converter;
	private final Map<Integer, ImagePlus> cache = new HashMap<>();
	private long cached;

	/**
	 * @param dataset images and labels (crop boxes of samples are applied)
	 * @param input input size and normalisation
	 * @param augmentation what to do to each image
	 */
	public BatchSource(Dataset dataset, InputSpec input, Augmentation augmentation) {
		this.dataset = dataset;
		this.input = input;
		this.augmentation = augmentation;
		this.converter = new ImageConverter(new InputSpec(augmentation.size(), input.mean(), input
			.std(), input.channels(), input.percentiles()), DatasetImages.CONVERSION);
	}

	/** @return number of samples */
	public int size() {
		return dataset.samples().size();
	}

	/**
	 * @param batchSize images per batch
	 * @param dropLast whether an incomplete last batch is left out (training)
	 * @return batches per epoch
	 */
	public int batchesPerEpoch(int batchSize, boolean dropLast) {
		int n = size();
		int full = n / batchSize;
		return dropLast && full > 0 ? full : (n + batchSize - 1) / batchSize;
	}

	/**
	 * @param epoch epoch, from 0
	 * @param seed run seed, or a negative number for the file order
	 * @return sample indices in the order of this epoch
	 */
	public List<Integer> order(int epoch, long seed) {
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < size(); i++) {
			idx.add(i);
		}
		if (seed >= 0) {
			Collections.shuffle(idx, new Random(seed * 1_000_003L + epoch));
		}
		return idx;
	}

	/**
	 * @param indices the samples of the batch
	 * @param random augmentation randomness
	 * @return the batch
	 */
	public Batch batch(List<Integer> indices, Random random) {
		int s = input.size();
		int plane = s * s;
		int classes = dataset.classes().size();
		float[] px = new float[indices.size() * 3 * plane];
		float[] targets = new float[indices.size() * classes];
		float[] mask = new float[targets.length];
		for (int b = 0; b < indices.size(); b++) {
			ImagePlus imp = augmentation.apply(image(indices.get(b)), random);
			converter.toChw(imp, converter.positions(imp).get(0),
				FloatBuffer.wrap(px, b * 3 * plane, 3
					* plane));
			LabelRow row = dataset.samples().get(indices.get(b)).labels();
			for (int k = 0; k < classes; k++) {
				LabelState st = row.get(k);
				targets[b * classes + k] = st == LabelState.POSITIVE ? 1f : 0f;
				mask[b * classes + k] = st == LabelState.IGNORED ? 0f : 1f;
			}
		}
		return new Batch(indices.size(), px, targets, mask);
	}

	/** The sample's image, opened as evaluation opens it ({@link DatasetImages}), crop box applied. */
	private ImagePlus image(int index) {
		ImagePlus img = cache.get(index);
		if (img != null) {
			return img;
		}
		img = DatasetImages.open(dataset.samples().get(index));
		long bytes = (long) img.getSizeInBytes();
		if (cached + bytes <= CACHE_BYTES) {
			cache.put(index, img);
			cached += bytes;
		}
		return img;
	}
}
