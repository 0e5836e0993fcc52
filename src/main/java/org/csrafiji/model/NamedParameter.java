package org.csrafiji.model;

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
	 * Sets the value: the first time by handing the array over, later by copying into the
	 * existing array (DJL parameters cannot be re-pointed once set).
	 *
	 * @param value an array of the declared shape, owned by the network's manager
	 */
	public void set(ai.djl.ndarray.NDArray value) {
		if (!value.getShape().equals(shape)) {
			throw new IllegalArgumentException(key + " needs shape " + shape + ", got "
				+ value.getShape());
		}
		if (parameter.isInitialized()) {
			value.copyTo(parameter.getArray());
			value.close();
		}
		else {
			parameter.setArray(value);
		}
	}
}
