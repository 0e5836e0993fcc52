package org.csrafiji.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.KeyLayouts;
import org.csrafiji.checkpoint.NormalizedCheckpoint;
import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.model.CheckpointShape;
import org.csrafiji.model.CsraNetwork;
import org.csrafiji.model.NamedParameter;
import org.csrafiji.model.NetworkFactory;
import org.csrafiji.model.ParameterNames;
import org.csrafiji.model.RandomWeights;
import org.csrafiji.model.WeightLoader;
import org.csrafiji.runtime.Engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSRA network prepared for training: built unfolded (batch norms stay separate), its
 * weights random or taken from a checkpoint, gradients attached to the parameters it trains,
 * and able to export itself as an official state_dict. Owns the manager of its weights.
 */
public final class TrainableNetwork implements AutoCloseable {

	/** Key prefix of the head's parameters, which train at the head's learning rate. */
	public static final String HEAD_PREFIX = "classifier.";

	private final NDManager manager;
	private final CsraNetwork network;
	private final ModelSpec spec;
	private final boolean headOnly;
	private final List<TrainableParameter> trainable = new ArrayList<>();
	private final ParameterStore store;
	private long batchesTracked;

	private TrainableNetwork(NDManager manager, CsraNetwork network, ModelSpec spec,
		boolean headOnly)
	{
		this.manager = manager;
		this.network = network;
		this.spec = spec;
		this.headOnly = headOnly;
		this.store = new ParameterStore(manager, false);
	}

	/**
	 * Builds the network the options describe and sets its weights: seeded random ones, all of
	 * a CSRA checkpoint with the same heads and classes, or the backbone of any other ResNet
	 * checkpoint (torchvision ImageNet, or CSRA for other classes) with a random head.
	 *
	 * @param o options (architecture, width, heads, lambda, size, init, seed, head-only)
	 * @param classes class names
	 * @param device where to train
	 * @return the network
	 */
	public static TrainableNetwork create(TrainingOptions o, ClassLabels classes, Device device) {
		Engines.pytorch();
		NormalizedCheckpoint init = o.init() == null
			? null
			: KeyLayouts.normalize(Checkpoints
				.read(o.init()));
		int base = o.baseWidth();
		if (init != null) {
			CheckpointShape shape = CheckpointShape.of(init.weights());
			if (shape == null) {
				throw new CheckpointException("Checkpoint '" + o.init() + "' holds no ResNet (no"
					+ " conv1.weight); start from a ResNet checkpoint or from random weights.");
			}
			base = shape.baseWidth();
		}
		ModelSpec spec = new ModelSpecBuilder().name(o.name()).description("CSRA " + o
			.architecture() + " trained with csra-fiji").architecture(o.architecture()).head(
				HeadKind.CSRA)
			.heads(o.heads()).lambda(o.lambda()).input(o.input()).classes(classes)
			.build(classes.size());
		NDManager m = NDManager.newBaseManager(device);
		try {
			CsraNetwork net = NetworkFactory.forSpec(spec, classes.size(), base);
			TrainableNetwork t = new TrainableNetwork(m, net, spec, o.headOnly());
			RandomWeights.initialize(net, m, o.seed());
			if (init != null) {
				t.load(init);
			}
			t.attachGradients(o.headLrMultiplier());
			return t;
		}
		catch (RuntimeException e) {
			m.close();
			throw e;
		}
	}

	private void load(NormalizedCheckpoint init) {
		StateDict w = init.weights();
		if (init.isCsra() && init.heads() == spec.heads() && init.classes() == spec.classes()
			.size())
		{
			WeightLoader.load(network, w, manager, spec.architecture() + " with " + spec.heads()
				+ " CSRA head(s)");
		}
		else {
			for (NamedParameter p : ParameterNames.of(network).values()) {
				if (p.key().startsWith(HEAD_PREFIX)) {
					continue;
				}
				if (!w.contains(p.key())) {
					throw new CheckpointException(
						"Checkpoint '" + w.source() + "' lacks '" + p.key()
							+ "', which the " + spec.architecture() + " backbone needs; choose the"
							+ " architecture the checkpoint was made for.");
				}
				TensorData t = w.get(p.key(), p.shape().getShape());
				p.set(manager.create(t.toFloatArray(), p.shape()));
			}
		}
		String tracked = "bn1.num_batches_tracked";
		if (w.contains(tracked)) {
			batchesTracked = w.get(tracked).toLongArray()[0];
		}
	}

	private void attachGradients(double headMultiplier) {
		for (NamedParameter p : ParameterNames.of(network).values()) {
			Parameter.Type type = p.parameter().getType();
			boolean head = p.key().startsWith(HEAD_PREFIX);
			if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR
				|| headOnly && !head)
			{
				continue;
			}
			NDArray a = p.parameter().getArray();
			a.setRequiresGradient(true);
			trainable.add(new TrainableParameter(p.key(), a, head ? headMultiplier : 1));
		}
	}

	/** @return the parameters to optimise, backbone first */
	public List<TrainableParameter> trainable() {
		return List.copyOf(trainable);
	}

	/** @return the spec of this network (no checkpoint named) */
	public ModelSpec spec() {
		return spec;
	}

	/** @return the network */
	public CsraNetwork network() {
		return network;
	}

	/** @return the manager owning the weights */
	public NDManager manager() {
		return manager;
	}

	/**
	 * A training forward pass: batch norms use batch statistics and update their running
	 * statistics (for head-only training the backbone runs in inference mode).
	 *
	 * @param x input (B, 3, S, S)
	 * @return logits, score maps and attention
	 */
	public NDList forwardTraining(NDArray x) {
		batchesTracked += headOnly ? 0 : 1;
		if (headOnly) {
			NDList f = network.backbone().forward(store, new NDList(x), false);
			return network.head().forward(store, f, true);
		}
		return network.forward(store, new NDList(x), true);
	}

	/**
	 * An inference forward pass on the unfolded network (running statistics).
	 *
	 * @param x input (B, 3, S, S)
	 * @return logits, score maps and attention
	 */
	public NDList forwardInference(NDArray x) {
		return network.forward(store, new NDList(x), false);
	}

	/**
	 * @return the weights as an official state_dict: every parameter and running statistic,
	 *         and num_batches_tracked (int64 scalar) after each batch norm's running_var
	 */
	public Map<String, TensorData> stateDict() {
		Map<String, TensorData> out = new LinkedHashMap<>();
		for (NamedParameter p : ParameterNames.of(network).values()) {
			out.put(p.key(), TensorData.ofFloats(p.shape().getShape(), p.parameter().getArray()
				.toFloatArray()));
			if (p.key().endsWith(".running_var")) {
				String prefix = p.key().substring(0, p.key().length() - "running_var".length());
				out.put(prefix + "num_batches_tracked", TensorData.ofLongs(new long[0], new long[]{
					batchesTracked}));
			}
		}
		return out;
	}

	/** @return training forward passes the batch norms have seen (num_batches_tracked) */
	public long batchesTracked() {
		return batchesTracked;
	}

	/**
	 * @param n num_batches_tracked to continue from (resumption)
	 */
	void batchesTracked(long n) {
		batchesTracked = n;
	}

	/**
	 * @param checkpoint where the weights will be
	 * @return the spec naming that checkpoint
	 */
	public ModelSpec specFor(Path checkpoint) {
		return spec.withCheckpoint(checkpoint.toAbsolutePath());
	}

	@Override
	public void close() {
		manager.close();
	}
}
