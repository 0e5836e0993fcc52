package org.csrafiji.train;

import org.csrafiji.core.Architecture;
import org.csrafiji.core.InputSpec;

import java.nio.file.Path;

/**
 * Everything a training run is configured by. {@link #defaults()} gives the official CSRA
 * recipe (SGD momentum 0.9, weight decay 1e-4, lr 0.01 with 10x for the head, 2 warm-up epochs,
 * x0.1 every 4 epochs) at a small size; change values with
 * {@link #toBuilder()}.
 *
 * @param architecture the backbone, e.g. resnet18 ... resnet152
 * @param baseWidth ResNet stem width for random initialisation (64 = torchvision); a
 *          checkpoint's own width wins
 * @param size input side
 * @param heads CSRA heads (1, 2, 4, 6 or 8)
 * @param lambda weight of the attention term
 * @param epochs number of epochs
 * @param batchSize images per iteration
 * @param lr base learning rate (backbone)
 * @param headLrMultiplier multiple of lr for parameters under "classifier."
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay on every parameter
 * @param warmupEpochs epochs of linear warm-up
 * @param stepEpochs decay interval in epochs (0: none)
 * @param headOnly train only the head; the backbone stays frozen with its batch norms in
 *          inference mode
 * @param init null for random weights, or a CSRA or torchvision ImageNet .pth file
 * @param seed seed of weights, shuffling and augmentation
 * @param name the model's name in the written spec
 * @param channels the image channels (1-based, 0 for blank) that feed R, G and B, or null for
 *          the default; recorded in the written spec and used to read the training images
 * @param percentiles the low and high percentiles that scale intensities, or null for the
 *          display range; recorded in the written spec and used to read the training images
 */
public record TrainingOptions(Architecture architecture, int baseWidth, int size, int heads,
	double lambda, int epochs, int batchSize, double lr, double headLrMultiplier, double momentum,
	double weightDecay, int warmupEpochs, int stepEpochs, boolean headOnly, Path init, long seed,
	String name, int[] channels, double[] percentiles)
{

	/** Checks the values. */
	public TrainingOptions {
		if (size < 32 || heads < 1 || epochs < 1 || batchSize < 1 || !(lr > 0) || baseWidth < 1
			|| warmupEpochs < 0 || stepEpochs < 0 || seed < 0)
		{
			throw new IllegalArgumentException("Training needs size >= 32, heads >= 1, epochs >= 1,"
				+ " batch >= 1, lr > 0, base width >= 1 and a seed >= 0.");
		}
		InputSpec input = InputSpec.unitRange(size).withChannelsAndPercentiles(channels,
			percentiles); // checks them
		channels = input.channels();
		percentiles = input.percentiles();
	}

	/**
	 * @return the input the network is trained on and its spec records: the size, unit mean
	 *         and standard deviation, the channels and percentiles
	 */
	public InputSpec input() {
		return InputSpec.unitRange(size).withChannelsAndPercentiles(channels, percentiles);
	}

	@Override
	public int[] channels() {
		return channels == null ? null : channels.clone();
	}

	@Override
	public double[] percentiles() {
		return percentiles == null ? null : percentiles.clone();
	}

	/** @return the official recipe on a resnet18 at 224, 1 head, lambda 0.1, 8 epochs */
	public static TrainingOptions defaults() {
		return new TrainingOptions(new Architecture.ResNet(18), 64, 224, 1, 0.1, 8, 16, 0.01, 10,
			0.9, 1e-4, 2, 4,
			false, null, 0, "trained", null, null);
	}

	/** @return a builder starting from these options */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes options one at a time; {@link #build()} checks them. */
	public static final class Builder {

		private Architecture architecture;
		private int baseWidth;
		private int size;
		private int heads;
		private double lambda;
		private int epochs;
		private int batchSize;
		private double lr;
		private double headLrMultiplier;
		private double momentum;
		private double weightDecay;
		private int warmupEpochs;
		private int stepEpochs;
		private boolean headOnly;
		private Path init;
		private long seed;
		private String name;
		private int[] channels;
		private double[] percentiles;

		Builder(TrainingOptions o) {
			architecture = o.architecture;
			baseWidth = o.baseWidth;
			size = o.size;
			heads = o.heads;
			lambda = o.lambda;
			epochs = o.epochs;
			batchSize = o.batchSize;
			lr = o.lr;
			headLrMultiplier = o.headLrMultiplier;
			momentum = o.momentum;
			weightDecay = o.weightDecay;
			warmupEpochs = o.warmupEpochs;
			stepEpochs = o.stepEpochs;
			headOnly = o.headOnly;
			init = o.init;
			seed = o.seed;
			name = o.name;
			channels = o.channels;
			percentiles = o.percentiles;
		}

		/**
		 * @param v an architecture name, e.g. resnet50 (see {@link Architecture#parse})
		 * @return this
		 */
		public Builder architecture(String v) {
			architecture = Architecture.parse(v);
			return this;
		}

		/**
		 * @param v the backbone
		 * @return this
		 */
		public Builder architecture(Architecture v) {
			architecture = v;
			return this;
		}

		/**
		 * @param v baseWidth
		 * @return this
		 */
		public Builder baseWidth(int v) {
			baseWidth = v;
			return this;
		}

		/**
		 * @param v size
		 * @return this
		 */
		public Builder size(int v) {
			size = v;
			return this;
		}

		/**
		 * @param v heads
		 * @return this
		 */
		public Builder heads(int v) {
			heads = v;
			return this;
		}

		/**
		 * @param v lambda
		 * @return this
		 */
		public Builder lambda(double v) {
			lambda = v;
			return this;
		}

		/**
		 * @param v epochs
		 * @return this
		 */
		public Builder epochs(int v) {
			epochs = v;
			return this;
		}

		/**
		 * @param v batchSize
		 * @return this
		 */
		public Builder batchSize(int v) {
			batchSize = v;
			return this;
		}

		/**
		 * @param v lr
		 * @return this
		 */
		public Builder lr(double v) {
			lr = v;
			return this;
		}

		/**
		 * @param v headLrMultiplier
		 * @return this
		 */
		public Builder headLrMultiplier(double v) {
			headLrMultiplier = v;
			return this;
		}

		/**
		 * @param v momentum
		 * @return this
		 */
		public Builder momentum(double v) {
			momentum = v;
			return this;
		}

		/**
		 * @param v weightDecay
		 * @return this
		 */
		public Builder weightDecay(double v) {
			weightDecay = v;
			return this;
		}

		/**
		 * @param v warmupEpochs
		 * @return this
		 */
		public Builder warmupEpochs(int v) {
			warmupEpochs = v;
			return this;
		}

		/**
		 * @param v stepEpochs
		 * @return this
		 */
		public Builder stepEpochs(int v) {
			stepEpochs = v;
			return this;
		}

		/**
		 * @param v headOnly
		 * @return this
		 */
		public Builder headOnly(boolean v) {
			headOnly = v;
			return this;
		}

		/**
		 * @param v init
		 * @return this
		 */
		public Builder init(Path v) {
			init = v;
			return this;
		}

		/**
		 * @param v seed
		 * @return this
		 */
		public Builder seed(long v) {
			seed = v;
			return this;
		}

		/**
		 * @param v name
		 * @return this
		 */
		public Builder name(String v) {
			name = v;
			return this;
		}

		/**
		 * @param rgb the channels for R, G and B (1-based, 0 for blank), or null for the default
		 * @return this
		 */
		public Builder channels(int[] rgb) {
			channels = rgb;
			return this;
		}

		/**
		 * @param lowHigh the low and high percentiles, or null for the display range
		 * @return this
		 */
		public Builder percentiles(double[] lowHigh) {
			percentiles = lowHigh;
			return this;
		}

		/** @return the options */
		public TrainingOptions build() {
			return new TrainingOptions(architecture, baseWidth, size, heads, lambda, epochs,
				batchSize, lr, headLrMultiplier, momentum, weightDecay, warmupEpochs, stepEpochs,
				headOnly, init, seed, name, channels, percentiles);
		}
	}
}
