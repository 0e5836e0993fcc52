package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Base of the blocks that mirror a PyTorch module: children registered under the module's
 * attribute names and parameters under PyTorch's names, so that {@link ParameterNames} can
 * rebuild the state_dict key of every parameter.
 */
public abstract class TorchBlock extends AbstractBlock {

	private final Map<Parameter, Shape> declared = new IdentityHashMap<>();

	/**
	 * Registers a child under its PyTorch attribute name.
	 *
	 * @param name attribute name, e.g. conv1 or 0
	 * @param block the child
	 * @param <B> its type
	 * @return the child
	 */
	protected final <B extends Block> B child(String name, B block) {
		return addChildBlock(name, block);
	}

	/**
	 * Registers a parameter of known shape.
	 *
	 * @param name PyTorch name, e.g. weight or running_mean
	 * @param type DJL's parameter type
	 * @param shape its shape
	 * @return the parameter
	 */
	protected final Parameter param(String name, Parameter.Type type, Shape shape) {
		// The shape is kept here, not in the Parameter: DJL refuses setArray once a shape is set.
		Parameter p = addParameter(Parameter.builder().setName(name).setType(type).build());
		declared.put(p, shape);
		return p;
	}

	/**
	 * @param p a parameter of this block
	 * @return the shape it was declared with
	 */
	public final Shape declaredShape(Parameter p) {
		return declared.get(p);
	}

	/**
	 * @param store the parameter store of the forward call
	 * @param p a parameter of this block
	 * @param like an array on the device where the value is needed
	 * @param training whether this is a training pass
	 * @return the parameter's value
	 */
	protected static NDArray value(ParameterStore store, Parameter p, NDArray like,
		boolean training)
	{
		return store.getValue(p, like.getDevice(), training);
	}

	/**
	 * Runs a child on one array.
	 *
	 * @param block the child
	 * @param store parameter store
	 * @param x input
	 * @param training training pass
	 * @return its single output
	 */
	protected static NDArray run(Block block, ParameterStore store, NDArray x, boolean training) {
		return block.forward(store, new NDList(x), training).singletonOrThrow();
	}

	/**
	 * Initialised once every parameter has a value. Weights here are always set from a
	 * checkpoint or {@link RandomWeights}, never by DJL's shape inference, which a training
	 * forward would otherwise start (and which these blocks do not support).
	 */
	@Override
	public boolean isInitialized() {
		for (Parameter p : getParameters().values()) {
			if (!p.isInitialized()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		throw new UnsupportedOperationException(getClass().getSimpleName()
			+ " computes shapes only by running");
	}
}
