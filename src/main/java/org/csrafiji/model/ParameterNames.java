package org.csrafiji.model;

import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds the PyTorch state_dict key of every parameter of a block tree: child names
 * joined with dots (DJL's two-digit ordering prefix removed), the
 * {@link CsraNetwork#BACKBONE} level left out.
 */
public final class ParameterNames {

	private ParameterNames() {}

	/**
	 * @param root the network
	 * @return state_dict key to parameter, in registration order
	 */
	public static Map<String, NamedParameter> of(Block root) {
		Map<String, NamedParameter> out = new LinkedHashMap<>();
		collect(root, "", out);
		return out;
	}

	private static void collect(Block block, String prefix, Map<String, NamedParameter> out) {
		for (Pair<String, Parameter> p : block.getDirectParameters()) {
			Parameter param = p.getValue();
			Shape shape = block instanceof TorchBlock t ? t.declaredShape(param) : param.getShape();
			String key = prefix + param.getName();
			out.put(key, new NamedParameter(key, param, shape));
		}
		for (Pair<String, Block> c : block.getChildren()) {
			String name = stripOrder(c.getKey());
			String next = CsraNetwork.BACKBONE.equals(name) ? prefix : prefix + name + ".";
			collect(c.getValue(), next, out);
		}
	}

	private static String stripOrder(String key) {
		int i = 0;
		while (i < key.length() && i < 2 && Character.isDigit(key.charAt(i))) {
			i++;
		}
		return key.substring(i);
	}
}
