package org.csrafiji.model;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A network parameter with its PyTorch state_dict key and the shape it must have.
 *
 * @param key state_dict key, e.g. layer1.0.conv1.weight
 * @param parameter the DJL parameter
 * @param shape its declared shape
 */
public record NamedParameter(String key, Parameter parameter, Shape shape) {

	/**
	 * Sets the value: the first time by handing the array over, later by writing it into the
	 * existing array (DJL parameters cannot be re-pointed once set). The write is an indexed
	 * assignment of the whole array, not {@code copyTo}: DJL's copy goes through a libtorch call
	 * that uses the deprecated AutoNonVariableTypeMode, which prints libtorch's deprecation
	 * warning on standard error once per process (every training run from a checkpoint).
	 *
	 * @param value an array of the declared shape, owned by the network's manager
	 */
	public void set(ai.djl.ndarray.NDArray value) {
		if (!value.getShape().equals(shape)) {
			throw new IllegalArgumentException(key + " needs shape " + shape + ", got "
				+ value.getShape());
		}
		if (parameter.isInitialized()) {
			parameter.getArray().set(new NDIndex(":"), value);
			value.close();
		}
		else {
			parameter.setArray(value);
		}
	}
}
