package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone and a classification head. Parameter names are those of the official CSRA
 * state_dict: the backbone's without prefix, the CSRA head's under "classifier", a
 * training-free classifier's under "fc". Output: see {@link ClassificationHead}.
 */
public final class CsraNetwork extends TorchBlock {

	/** Child name whose parameters carry no prefix (backbone names are top-level). */
	public static final String BACKBONE = "backbone";

	private final Backbone backbone;
	private final ClassificationHead head;

	/**
	 * @param backbone the backbone
	 * @param head the head ("classifier" for CSRA, "fc" for the training-free head)
	 */
	public CsraNetwork(Backbone backbone, ClassificationHead head) {
		this.backbone = child(BACKBONE, backbone);
		this.head = child(head instanceof TrainingFreeHead ? "fc" : "classifier", head);
	}

	/** @return the backbone */
	public Backbone backbone() {
		return backbone;
	}

	/** @return the head */
	public ClassificationHead head() {
		return head;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDArray features = run(backbone, store, inputs.singletonOrThrow(), training);
		return head.forward(store, new NDList(features), training);
	}
}
