package org.csrafiji.core;

import java.util.Locale;

/** Which classification head sits on the backbone's feature map. */
public enum HeadKind {

	/** The trained class-specific residual attention head (one or more heads, summed). */
	CSRA("csra"),
	/**
	 * The paper's training-free trick (Figure 1): an existing classifier applied at every
	 * location, mean plus lambda times max over locations, bias included once.
	 */
	TRAINING_FREE("training-free");

	private final String id;

	HeadKind(String id) {
		this.id = id;
	}

	/** @return the name used in specs and on the command line */
	public String id() {
		return id;
	}

	/**
	 * @param text csra or training-free
	 * @return the kind
	 */
	public static HeadKind parse(String text) {
		String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		for (HeadKind k : values()) {
			if (k.id.equals(t)) {
				return k;
			}
		}
		throw new ModelSpecException("Unknown head '" + text
			+ "'; use csra or training-free.");
	}
}
