package org.csrafiji.checkpoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.csrafiji.core.CheckpointException;

/**
 * Recognises how a checkpoint names its tensors and renames them to the official CSRA
 * names, reading the number of heads and classes from the classifier weights.
 */
public final class KeyLayouts {

	/** The official name of head {@code h}'s weight. */
	public static final String HEAD_WEIGHT = "classifier.multi_head.%d.head.weight";
	/** The torchvision classifier's weight. */
	public static final String FC_WEIGHT = "fc.weight";
	/** The torchvision classifier's bias. */
	public static final String FC_BIAS = "fc.bias";
	/** timm's name of a ViT's classifier weight, read as {@link #FC_WEIGHT}. */
	public static final String TIMM_HEAD_WEIGHT = "head.weight";
	/** timm's name of a ViT's classifier bias, read as {@link #FC_BIAS}. */
	public static final String TIMM_HEAD_BIAS = "head.bias";

	private static final String MODULE = "module.";
	private static final String BACKBONE = "backbone.";
	private static final String MM_HEADS = "head.csra_heads.";
	private static final String MM_FC = "head.fc.";
	private static final String HEADS = "classifier.multi_head.";
	private static final Pattern NUMBERED_HEAD = Pattern.compile("^head\\d+\\.");
	private static final Pattern HEAD = Pattern
		.compile("classifier\\.multi_head\\.(\\d+)\\.head\\.weight");

	private KeyLayouts() {}

	/**
	 * Renames a checkpoint's tensors to the official names: strips {@code module.} (also after
	 * {@code backbone.}), maps mmpretrain's {@code backbone.*}, {@code head.csra_heads.*} and
	 * {@code head.fc.*}, reads timm's ViT classifier ({@code head.weight}, {@code head.bias}) as
	 * {@code fc.*} when there is no CSRA head nor fc, and keeps every tensor, including ones a
	 * model may not use.
	 *
	 * @param raw the tensors as read
	 * @return the renamed tensors (the same tensor objects) with heads, classes and width
	 * @throws CheckpointException when there is no CSRA head nor fc weight, when head indices
	 *           have gaps, when heads differ in shape, or when two names collide
	 */
	public static NormalizedCheckpoint normalize(StateDict raw) {
		boolean dataParallel = false;
		boolean mmpretrain = false;
		Map<String, TensorData> renamed = new LinkedHashMap<>();
		for (Map.Entry<String, TensorData> e : raw.asMap().entrySet()) {
			String key = e.getKey();
			String stripped = stripModule(key);
			dataParallel |= !stripped.equals(key);
			String official = mmpretrainToOfficial(stripped);
			mmpretrain |= !official.equals(stripped);
			TensorData earlier = renamed.put(official, e.getValue());
			if (earlier != null) {
				throw new CheckpointException(
					"Checkpoint " + raw.source() + " has two tensors that both"
						+ " mean '" + official + "' (one of them is '" + key
						+ "'). Save a state_dict of one"
						+ " model only.");
			}
		}
		StateDict weights = StateDict.of(raw.source(), renamed);
		KeyLayout layout = mmpretrain
			? KeyLayout.MMPRETRAIN
			: dataParallel ? KeyLayout.DATA_PARALLEL : null;
		TreeMap<Integer, TensorData> heads = heads(weights);
		if (!heads.isEmpty()) {
			long[] shape = checkHeads(heads, weights.source());
			return new NormalizedCheckpoint(layout == null ? KeyLayout.OFFICIAL : layout, weights,
				heads.size(), dimension(shape[0], weights), dimension(shape[1], weights));
		}
		refuseCocoViT(weights);
		if (!weights.contains(FC_WEIGHT) && weights.contains(TIMM_HEAD_WEIGHT)) {
			weights = timmHeadAsFc(weights);
			layout = layout == null ? KeyLayout.TIMM : layout;
		}
		if (weights.contains(FC_WEIGHT)) {
			long[] shape = weights.get(FC_WEIGHT).shape();
			if (shape.length != 2) {
				throw new CheckpointException(
					"Checkpoint " + raw.source() + ": fc.weight has shape "
						+ Shapes.format(shape)
						+ ", not (classes, features). It is not a torchvision classifier.");
			}
			return new NormalizedCheckpoint(layout == null ? KeyLayout.TORCHVISION : layout,
				weights, 0,
				dimension(shape[0], weights), dimension(shape[1], weights));
		}
		String sample = raw.keys().stream().limit(6).collect(Collectors.joining(", "));
		throw new CheckpointException("Checkpoint " + raw.source()
			+ " has no classifier this program"
			+ " knows: no CSRA head (classifier.multi_head.0.head.weight or"
			+ " head.csra_heads.0.head.weight), no torchvision fc.weight and no timm head.weight (its"
			+ " first names: " + sample
			+ "). Choose a CSRA or torchvision classification checkpoint.");
	}

	/**
	 * The released CSRA ViT-L16 COCO checkpoint keeps its heads as head1..head8 plus head and
	 * its positional embedding for a 28 x 28 grid (448 input); the released code builds
	 * classifier.multi_head.{h} for a 224 input. Which of its tensors is which CSRA head and
	 * temperature is documented nowhere, so it is refused with that explanation rather than
	 * guessed.
	 */
	private static void refuseCocoViT(StateDict weights) {
		String numbered = weights.keys().stream().filter(k -> NUMBERED_HEAD.matcher(k).find())
			.sorted().findFirst().orElse(null);
		if (numbered == null) {
			return;
		}
		String pos = weights.contains("pos_embed")
			? "; its pos_embed has shape "
				+ Shapes.format(weights.get("pos_embed").shape())
			: "";
		throw new CheckpointException("Checkpoint " + weights.source() + " has numbered heads ("
			+ numbered + ", ...) instead of classifier.multi_head.{h}.head.weight" + pos
			+ ". This is"
			+ " the layout of the released CSRA ViT-L16 COCO checkpoint (head1..head8 plus head,"
			+ " positional embedding for 28 x 28 patches at 448 px), which does not match the"
			+ " released CSRA code: how its heads map onto CSRA heads and temperatures is not"
			+ " documented, so it is not loaded rather than guessed. Use a checkpoint saved by the"
			+ " official code (or mmpretrain), e.g. the WIDER ViT-B16/L16 ones.");
	}

	/** The same tensors, with timm's {@code head.weight} and {@code head.bias} named {@code fc.*}. */
	private static StateDict timmHeadAsFc(StateDict weights) {
		Map<String, TensorData> renamed = new LinkedHashMap<>();
		for (Map.Entry<String, TensorData> e : weights.asMap().entrySet()) {
			String key = switch (e.getKey()) {
				case TIMM_HEAD_WEIGHT -> FC_WEIGHT;
				case TIMM_HEAD_BIAS -> FC_BIAS;
				default -> e.getKey();
			};
			if (renamed.put(key, e.getValue()) != null) {
				throw new CheckpointException("Checkpoint " + weights.source() + " has both "
					+ e.getKey() + " and " + key + "; save a state_dict of one model only.");
			}
		}
		return StateDict.of(weights.source(), renamed);
	}

	/** Strips leading "module." prefixes and a "module." right after "backbone.". */
	private static String stripModule(String key) {
		String k = key;
		while (k.startsWith(MODULE))
			k = k.substring(MODULE.length());
		while (k.startsWith(BACKBONE + MODULE))
			k = BACKBONE + k.substring((BACKBONE + MODULE).length());
		return k;
	}

	private static String mmpretrainToOfficial(String key) {
		if (key.startsWith(BACKBONE)) return key.substring(BACKBONE.length());
		if (key.startsWith(MM_HEADS)) return HEADS + key.substring(MM_HEADS.length());
		if (key.startsWith(MM_FC)) return "fc." + key.substring(MM_FC.length());
		return key;
	}

	private static TreeMap<Integer, TensorData> heads(StateDict weights) {
		TreeMap<Integer, TensorData> heads = new TreeMap<>();
		for (Map.Entry<String, TensorData> e : weights.asMap().entrySet()) {
			Matcher m = HEAD.matcher(e.getKey());
			if (m.matches()) heads.put(parseIndex(m.group(1), e.getKey(), weights), e.getValue());
		}
		return heads;
	}

	/** @return the common shape of all heads */
	private static long[] checkHeads(TreeMap<Integer, TensorData> heads, String source) {
		for (int h = 0; h < heads.size(); h++) {
			if (!heads.containsKey(h)) {
				throw new CheckpointException("Checkpoint " + source + " has CSRA heads "
					+ heads.keySet() + " but no head " + h + " (" + String.format(HEAD_WEIGHT, h)
					+ " is"
					+ " missing): the file is incomplete or was edited. Use the complete checkpoint.");
			}
		}
		long[] first = heads.get(0).shape();
		if (!(first.length == 4 && first[2] == 1 && first[3] == 1) && first.length != 2) {
			throw new CheckpointException(
				"Checkpoint " + source + ": " + String.format(HEAD_WEIGHT, 0)
					+ " has shape " + Shapes.format(first)
					+ ", not (classes, features, 1, 1). It is not a CSRA"
					+ " head.");
		}
		for (Map.Entry<Integer, TensorData> e : heads.entrySet()) {
			long[] shape = e.getValue().shape();
			if (!Arrays.equals(shape, first)) {
				throw new CheckpointException("Checkpoint " + source
					+ " has CSRA heads of different"
					+ " shapes: " + String.format(HEAD_WEIGHT, 0) + " is " + Shapes.format(first)
					+ " but "
					+ String.format(HEAD_WEIGHT, e.getKey()) + " is " + Shapes.format(shape)
					+ ". All heads must see the same classes and features; check the checkpoint.");
			}
		}
		return first;
	}

	private static int parseIndex(String digits, String key, StateDict weights) {
		try {
			return Integer.parseInt(digits);
		}
		catch (NumberFormatException e) {
			throw new CheckpointException("Checkpoint " + weights.source() + " names a head '" + key
				+ "' with an impossible index. Check the checkpoint.", e);
		}
	}

	private static int dimension(long value, StateDict weights) {
		if (value < 1 || value > Integer.MAX_VALUE) {
			throw new CheckpointException("Checkpoint " + weights.source() + " has a classifier"
				+ " dimension of " + value + ". Check the checkpoint.");
		}
		return (int) value;
	}
}
