package org.csrafiji.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.csrafiji.core.AttentionMaps;
import org.csrafiji.core.ByteSize;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.Prediction;
import org.csrafiji.model.CsraNetwork;
import org.csrafiji.model.LoadReport;
import org.csrafiji.model.FiniteValues;
import org.csrafiji.model.NetworkFactory;
import org.csrafiji.model.RandomWeights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A network with its weights on one device, ready for inference. One forward pass gives
 * logits and every head's attention maps ({@link Prediction}). Safe to call from several
 * threads at once: each call works in its own sub-manager and turns grad mode off on its
 * thread; the weights are only read. Closing frees the native memory of the weights.
 */
public final class CsraModel implements AutoCloseable {

	/**
	 * The most bytes the largest intermediate of one CPU pass should take: half of glibc's
	 * highest dynamic mapping threshold (32 MiB), so that it stays on the allocator's heap.
	 */
	static final long CPU_PASS_BYTES = 16L << 20;

	private final ModelSpec spec;
	private final CsraNetwork network;
	private final NDManager manager;
	private final Device device;
	private final LoadReport loading;
	private final AtomicReference<PassTimings> last = new AtomicReference<>(new PassTimings(0, 0));
	private final InputBuffers singles;

	CsraModel(ModelSpec spec, CsraNetwork network, NDManager manager, LoadReport loading) {
		this.spec = spec;
		this.network = network;
		this.manager = manager;
		this.device = manager.getDevice();
		this.loading = loading;
		network.backbone().prepareInference();
		int s = spec.input().size();
		singles = new InputBuffers(() -> newInputBuffer(1), 3 * s * s, 2 * Math.max(1, Runtime
			.getRuntime().availableProcessors()));
	}

	/**
	 * A model with seeded random weights (benchmarks, training from scratch).
	 *
	 * @param spec the model (its checkpoint is ignored)
	 * @param choice device request
	 * @param seed random seed
	 * @return the model
	 */
	public static CsraModel random(ModelSpec spec, DeviceChoice choice, long seed) {
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			NDManager m = NDManager.newBaseManager(choice.resolve());
			try {
				CsraNetwork net = NetworkFactory.forSpec(spec, spec.classes().size(), 64);
				RandomWeights.initialize(net, m, seed);
				return new CsraModel(spec, net, m, LoadReport.NONE);
			}
			catch (RuntimeException e) {
				m.close();
				throw e;
			}
		});
	}

	/** @return the spec this model was built from */
	public ModelSpec spec() {
		return spec;
	}

	/** @return the device the weights live on and forward passes run on */
	public Device device() {
		return device;
	}

	/** @return the network (for inspection and tests) */
	public CsraNetwork network() {
		return network;
	}

	/** @return warnings from loading, e.g. checkpoint keys the network did not use */
	public List<String> warnings() {
		return loading.warnings();
	}

	/** @return notes from loading that need no action, e.g. the known unused ImageNet classifier */
	public List<String> notes() {
		return loading.notes();
	}

	/**
	 * @return this model's single-image input buffers, lent out and taken back, for callers
	 *         that classify one image at a time
	 */
	public InputBuffers singleImageBuffers() {
		return singles;
	}

	/**
	 * Allocates a direct buffer for a batch of preprocessed images, the layout
	 * {@link #predict(FloatBuffer, int)} reads (the engine copies it once per pass).
	 *
	 * @param batch number of images
	 * @return a buffer for batch x 3 x size x size floats
	 */
	public FloatBuffer newInputBuffer(int batch) {
		int s = spec.input().size();
		long perImage = 3L * s * s * Float.BYTES;
		long bytes = ByteSize.product(Math.max(0, batch), perImage);
		long most = Integer.MAX_VALUE / perImage;
		if (batch < 1 || bytes > Integer.MAX_VALUE) {
			throw new CsraException("A batch of " + batch + " images of " + s + " x " + s
				+ " needs " + ByteSize.format(bytes) + " of input (" + ByteSize.format(perImage)
				+ " per image), more than one buffer can hold (2 GiB); choose a batch of 1 to "
				+ most + " (the batch size option).");
		}
		try {
			return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder())
				.asFloatBuffer();
		}
		catch (OutOfMemoryError e) {
			throw new CsraException("A batch of " + batch + " images of " + s + " x " + s
				+ " needs " + ByteSize.format(bytes) + " of input buffer, more than Java may"
				+ " allocate now (its direct-memory limit follows the maximum heap, -Xmx);"
				+ " choose a smaller batch or give Java more memory.");
		}
	}

	/**
	 * @param chw one preprocessed image, 3 x size x size
	 * @return its prediction
	 */
	public Prediction predict(float[] chw) {
		FloatBuffer b = singles.take();
		try {
			b.put(chw);
			b.flip();
			return predict(b, 1).get(0);
		}
		finally {
			singles.give(b);
		}
	}

	/**
	 * @param input batch x 3 x size x size preprocessed floats from position 0
	 * @param batch number of images
	 * @return one prediction per image
	 */
	public List<Prediction> predict(FloatBuffer input, int batch) {
		int s = spec.input().size();
		long expected = (long) batch * 3 * s * s;
		if (batch < 1 || input.capacity() < expected) {
			throw new ImageInputException("The model needs " + batch + " x 3 x " + s + " x " + s
				+ " input values; " + input.capacity() + " were given.");
		}
		Engines.inferenceThread();
		int per = imagesPerPass();
		int perImage = 3 * s * s;
		List<Prediction> predictions = new ArrayList<>(batch);
		long backbone = 0;
		long whole = 0;
		for (int from = 0; from < batch; from += per) {
			int n = Math.min(per, batch - from);
			FloatBuffer pass = Passes.images(input, from, n, perImage);
			try (NDManager call = manager.newSubManager()) {
				NDArray x = call.create(pass, new Shape(n, 3, s, s), DataType.FLOAT32);
				ParameterStore store = new ParameterStore(call, false);
				long start = System.nanoTime();
				NDList features = network.backbone().forward(store, new NDList(x), false);
				long mid = System.nanoTime();
				predictions.addAll(split(network.head().forward(store, features, false), n));
				backbone += mid - start;
				whole += System.nanoTime() - start;
			}
		}
		last.set(new PassTimings(backbone, whole));
		return predictions;
	}

	/**
	 * How many images one forward pass takes. On the CPU, as many as keep the backbone's largest
	 * intermediate within {@link #CPU_PASS_BYTES} (one image at least), whatever batch the
	 * caller asks for: libtorch takes each intermediate from the C allocator, which hands
	 * arrays beyond its mapping threshold (at most 32 MiB in glibc) straight from the kernel as
	 * fresh pages and returns them on release, so every larger array costs a page fault per
	 * 4 KiB, every pass again. Measured on ResNet-101 at 448: about 98,000 minor faults per
	 * image (400 MB of zeroed pages) at 16 images per pass; at one, from a few to about 20,000
	 * per pass, depending on what the allocator's heap holds. One image already gives the
	 * convolutions 12,544 positions. On a GPU (the
	 * engine's own caching allocator) and for TorchScript modules (whose intermediates are
	 * unknown) a pass takes the whole batch.
	 *
	 * @return images per forward pass, at least 1
	 */
	public int imagesPerPass() {
		long largest = network.backbone().largestActivationBytes(spec.input().size());
		if (device.isGpu() || largest <= 0) {
			return Integer.MAX_VALUE;
		}
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, CPU_PASS_BYTES / largest));
	}

	/**
	 * @return the timings of this model's last finished {@link #predict(FloatBuffer, int)} (with
	 *         several threads, of the pass that finished last): the backbone forward, and the
	 *         whole call from input to predictions (CPU passes are synchronous, so the split is
	 *         exact there); zeros before the first pass
	 */
	public PassTimings lastTimings() {
		return last.get();
	}

	/**
	 * Runs only the backbone (benchmarks: the forward time without head and copy-out).
	 *
	 * @param input batch x 3 x size x size floats
	 * @param batch number of images
	 * @return the feature map's shape
	 */
	public Shape features(FloatBuffer input, int batch) {
		int s = spec.input().size();
		Engines.inferenceThread();
		try (NDManager call = manager.newSubManager()) {
			input.rewind();
			NDArray x = call.create(input, new Shape(batch, 3, s, s), DataType.FLOAT32);
			NDArray f = network.backbone().forward(new ParameterStore(call, false), new NDList(x),
				false).singletonOrThrow();
			f.toFloatArray(); // wait for the device, as a real pass would
			return f.getShape();
		}
	}

	private List<Prediction> split(NDList out, int batch) {
		float[] logits = out.get(0).toFloatArray();
		NDArray maps = out.get(1);
		Shape ms = maps.getShape(); // (B, H, C, h, w)
		float[] score = maps.toFloatArray();
		float[] att = out.get(2).toFloatArray();
		int heads = (int) ms.get(1);
		int classes = (int) ms.get(2);
		requireFinite(logits, "logits", classes);
		requireFinite(score, "class score maps", -1);
		requireFinite(att, "attention maps", -1);
		int per = (int) (ms.size() / batch);
		List<Prediction> list = new ArrayList<>(batch);
		for (int b = 0; b < batch; b++) {
			float[] l = Arrays.copyOfRange(logits, b * classes, (b + 1) * classes);
			AttentionMaps a = new AttentionMaps(network.head().temperatures(), classes,
				(int) ms.get(3), (int) ms.get(4), Arrays.copyOfRange(score, b * per, (b + 1) * per),
				Arrays
					.copyOfRange(att, b * per, (b + 1) * per));
			list.add(new Prediction(spec.classes(), l, Prediction.sigmoid(l), a));
		}
		assert heads == network.head().temperatures().size();
		return list;
	}

	/**
	 * Refuses NaN and infinite outputs: with finite weights, inputs, mean, std and
	 * temperatures they come only from an overflow, and a table must not show them as "no
	 * class".
	 */
	private void requireFinite(float[] values, String what, int classes) {
		int bad = FiniteValues.firstNonFinite(values);
		if (bad < 0) {
			return;
		}
		String where = classes > 0
			? " (image " + (bad / classes + 1) + " of the batch, class '"
				+ spec.classes().name(bad % classes) + "')"
			: "";
		throw new CsraException("Model '" + spec.name() + "' computed " + values[bad] + " in its "
			+ what + where + ": its numbers overflowed, so it has no valid scores for this image."
			+ " Check the spec's mean, std and temperatures and the weights; a model that gives"
			+ " NaN cannot be used as it is.");
	}

	@Override
	public void close() {
		manager.close();
	}
}
