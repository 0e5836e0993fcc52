package org.csrafiji.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.checkpoint.TorchCheckpointWriter;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.model.CsraNetwork;
import org.csrafiji.model.NamedParameter;
import org.csrafiji.model.NetworkFactory;
import org.csrafiji.model.ParameterNames;
import org.csrafiji.model.RandomWeights;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * A benchmark model: a spec named {@code random} and a seeded random state_dict for it, written
 * by the project's own PyTorch checkpoint writer, so that loading it costs what loading trained
 * weights of the same network costs.
 */
public final class RandomCheckpoint {

	/** The seed of the weights. */
	private static final long SEED = 1;

	private RandomCheckpoint() {}

	/**
	 * @param architecture e.g. {@code resnet101}
	 * @param input the input side and normalisation
	 * @param classes number of classes (named generically)
	 * @param heads CSRA heads
	 * @param lambda CSRA's lambda
	 * @return the spec, without a checkpoint
	 */
	public static ModelSpec spec(String architecture, InputSpec input, int classes, int heads,
		double lambda)
	{
		return new ModelSpecBuilder().name("random").architecture(architecture).heads(heads)
			.lambda(lambda).input(input).classes(ClassLabels.generic(classes)).build(classes);
	}

	/**
	 * Writes {@code ARCH-bench.pth} and {@code ARCH-bench.json} (the spec naming it) into a
	 * folder.
	 *
	 * @param spec the network
	 * @param folder where to write
	 * @return the spec file
	 */
	public static Path write(ModelSpec spec, Path folder) {
		Path checkpoint = folder.resolve(spec.architecture() + "-bench.pth");
		TorchCheckpointWriter.write(checkpoint, stateDict(spec));
		Path specFile = folder.resolve(spec.architecture() + "-bench.json");
		ModelSpecs.write(spec.withCheckpoint(checkpoint), specFile);
		return specFile;
	}

	/**
	 * @param spec the network
	 * @return a seeded random state_dict for it, keyed as PyTorch names the parameters
	 */
	public static Map<String, TensorData> stateDict(ModelSpec spec) {
		Map<String, TensorData> sd = new LinkedHashMap<>();
		try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
			CsraNetwork net = NetworkFactory.forSpec(spec, spec.classes().size(), 64);
			RandomWeights.initialize(net, m, SEED);
			for (NamedParameter p : ParameterNames.of(net).values()) {
				sd.put(p.key(), TensorData.ofFloats(p.shape().getShape(), p.parameter().getArray()
					.toFloatArray()));
			}
		}
		return sd;
	}
}
