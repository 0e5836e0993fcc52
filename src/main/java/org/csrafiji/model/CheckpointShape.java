package org.csrafiji.model;

import org.csrafiji.checkpoint.StateDict;

import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a ResNet checkpoint says about its own network: stem width, block type and blocks
 * per layer, hence its depth. Lets the loader say "this checkpoint holds a resnet50" instead
 * of listing missing keys.
 *
 * @param baseWidth channels of conv1
 * @param depth the torchvision depth these blocks make, or -1
 */
public record CheckpointShape(int baseWidth, int depth) {

	private static final Pattern BLOCK = Pattern.compile("^layer([1-4])\\.(\\d+)\\.");

	/**
	 * @param weights a state_dict in official names
	 * @return its ResNet shape, or null when it holds no ResNet stem
	 */
	public static CheckpointShape of(StateDict weights) {
		if (!weights.contains("conv1.weight")) {
			return null;
		}
		int base = (int) weights.get("conv1.weight").shape()[0];
		@SuppressWarnings("unchecked")
		TreeSet<Integer>[] blocks = new TreeSet[4];
		boolean bottleneck = false;
		for (String k : weights.keys()) {
			Matcher m = BLOCK.matcher(k);
			if (m.find()) {
				int l = Integer.parseInt(m.group(1)) - 1;
				if (blocks[l] == null) {
					blocks[l] = new TreeSet<>();
				}
				blocks[l].add(Integer.parseInt(m.group(2)));
				bottleneck |= k.contains(".conv3.");
			}
		}
		int[] counts = new int[4];
		for (int l = 0; l < 4; l++) {
			counts[l] = blocks[l] == null ? 0 : blocks[l].size();
		}
		return new CheckpointShape(base, ResNetConfig.depthFor(bottleneck, counts));
	}
}
