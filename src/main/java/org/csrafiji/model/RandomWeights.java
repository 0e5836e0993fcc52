package org.csrafiji.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.Random;

/**
 * Initialises every parameter of a network as torchvision does for a new ResNet: convolution
 * weights Kaiming-normal (fan out, ReLU gain), batch norm scale 1 and shift 0, running mean
 * 0 and variance 1, linear and head weights normal with standard deviation 0.01, biases 0.
 * Seeded, so the same seed gives the same weights.
 */
public final class RandomWeights {

	private RandomWeights() {}

	/**
	 * @param network the network
	 * @param manager where the arrays live (and on which device)
	 * @param seed random seed
	 */
	public static void initialize(Block network, NDManager manager, long seed) {
		Random random = new Random(seed);
		for (NamedParameter np : ParameterNames.of(network).values()) {
			Parameter p = np.parameter();
			Shape shape = np.shape();
			float[] v = new float[Math.toIntExact(shape.size())];
			switch (p.getType()) {
				case WEIGHT:
					double std = shape.dimension() == 4 && !np.key().contains("head.weight")
						? Math.sqrt(2.0 / (shape.get(0) * shape.get(2) * shape.get(3)))
						: 0.01;
					for (int i = 0; i < v.length; i++) {
						v[i] = (float) (random.nextGaussian() * std);
					}
					break;
				case GAMMA:
				case RUNNING_VAR:
					java.util.Arrays.fill(v, 1f);
					break;
				default:
					break;
			}
			np.set(manager.create(v, shape));
		}
	}
}
