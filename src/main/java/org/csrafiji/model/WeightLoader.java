package org.csrafiji.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.csrafiji.checkpoint.KeyLayouts;
import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.core.CheckpointException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts a state_dict (already in the official CSRA key names) into a network, key by key.
 * Every parameter must be present with its exact shape; a missing key or a shape mismatch is
 * one error naming the key. Keys the network does not use are returned as a warning
 * (num_batches_tracked, which inference never needs, is not reported), except a CSRA network's
 * unused {@code fc.weight}/{@code fc.bias}: the backbone's ImageNet classifier, which the
 * official CSRA training script saves with every model, is named in a note instead.
 */
public final class WeightLoader {

	private WeightLoader() {}

	/**
	 * @param network the network whose parameters are set
	 * @param weights the state_dict in official names
	 * @param manager owner (and device) of the parameter arrays
	 * @param what the model's description for messages, e.g. "resnet101 with 1 CSRA head"
	 * @return a note on the known unused ImageNet classifier and a warning on other unused keys
	 */
	public static LoadReport load(CsraNetwork network, StateDict weights, NDManager manager,
		String what)
	{
		Map<String, NamedParameter> params = ParameterNames.of(network);
		List<String> missing = new ArrayList<>();
		for (String key : params.keySet()) {
			if (!weights.contains(key)) {
				missing.add(key);
			}
		}
		if (!missing.isEmpty()) {
			throw new CheckpointException("Checkpoint '" + weights.source() + "' lacks "
				+ missing.size() + " weight(s) that " + what + " needs, first '" + missing.get(0)
				+ "'" + (missing.size() > 1
					? " (also " + preview(missing.subList(1, missing
						.size())) + ")"
					: "")
				+ ". The checkpoint was made for another network:"
				+ " choose the matching architecture, head and spec.");
		}
		for (NamedParameter p : params.values()) {
			TensorData t = weights.get(p.key());
			if (!Arrays.equals(t.shape(), p.shape().getShape())) {
				throw new CheckpointException("Checkpoint '" + weights.source() + "': '" + p.key()
					+ "' has shape " + Arrays.toString(t.shape()) + " but " + what + " needs "
					+ Arrays.toString(p.shape().getShape()) + ". The checkpoint was made for"
					+ " another network: check the architecture, class count and heads.");
			}
		}
		for (NamedParameter p : params.values()) {
			TensorData t = weights.get(p.key());
			ByteBuffer values = t.toFloat32Buffer();
			long bad = FiniteValues.firstNonFinite(values.asFloatBuffer());
			if (bad >= 0) {
				throw new CheckpointException("Checkpoint '" + weights.source() + "': weight '"
					+ p.key() + "' holds " + values.asFloatBuffer().get((int) bad) + " at element "
					+ bad + " (as float32); a network with NaN or infinite weights only gives NaN"
					+ " scores. The file is damaged or its training diverged: use another"
					+ " checkpoint.");
			}
			p.set(manager.create(values, new Shape(t.shape()), DataType.FLOAT32));
		}
		Set<String> unused = new LinkedHashSet<>(weights.keys());
		unused.removeAll(params.keySet());
		unused.removeIf(k -> k.endsWith("num_batches_tracked"));
		List<String> notes = new ArrayList<>();
		if (unused.contains(KeyLayouts.FC_WEIGHT) && unused.contains(KeyLayouts.FC_BIAS)) {
			unused.remove(KeyLayouts.FC_WEIGHT);
			unused.remove(KeyLayouts.FC_BIAS);
			long[] fc = weights.get(KeyLayouts.FC_WEIGHT).shape();
			notes.add("Checkpoint '" + weights.source() + "' also holds fc.weight and fc.bias "
				+ Arrays.toString(fc)
				+ ", the backbone's ImageNet classifier that the official CSRA"
				+ " training script saves with the model; " + what + " does not use it.");
		}
		List<String> warnings = unused.isEmpty()
			? List.of()
			: List.of("Checkpoint '" + weights
				.source() + "' has " + unused.size() + " key(s) the network does not use: "
				+ preview(
					new ArrayList<>(unused)));
		return new LoadReport(notes, warnings);
	}

	private static String preview(List<String> keys) {
		String shown = keys.stream().limit(8).collect(Collectors.joining(", "));
		return keys.size() > 8 ? shown + ", ... (" + keys.size() + " in all)" : shown;
	}
}
