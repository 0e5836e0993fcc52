package org.csrafiji.eval;

import java.util.Arrays;
import java.util.List;

/** The ground truth of one sample: one {@link LabelState} per class, in class order. Immutable. */
public final class LabelRow {

	private static final LabelState[] STATES = LabelState.values();

	private final byte[] states;

	private LabelRow(byte[] states) {
		this.states = states;
	}

	/**
	 * @param states one state per class
	 * @return the row
	 */
	public static LabelRow of(LabelState... states) {
		byte[] b = new byte[states.length];
		for (int c = 0; c < states.length; c++) {
			b[c] = (byte) states[c].ordinal();
		}
		return new LabelRow(b);
	}

	/**
	 * @param states one state per class
	 * @return the row
	 */
	public static LabelRow of(List<LabelState> states) {
		return of(states.toArray(new LabelState[0]));
	}

	/**
	 * @param classCount number of classes
	 * @return a row with every class {@link LabelState#NEGATIVE}
	 */
	public static LabelRow allNegative(int classCount) {
		LabelState[] s = new LabelState[classCount];
		Arrays.fill(s, LabelState.NEGATIVE);
		return of(s);
	}

	/** @return the number of classes */
	public int size() {
		return states.length;
	}

	/**
	 * @param classIndex class index
	 * @return the state of that class
	 */
	public LabelState get(int classIndex) {
		return STATES[states[classIndex]];
	}

	/**
	 * @param classIndex class index
	 * @param state new state
	 * @return a copy of this row with one class changed
	 */
	public LabelRow with(int classIndex, LabelState state) {
		byte[] b = states.clone();
		b[classIndex] = (byte) state.ordinal();
		return new LabelRow(b);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof LabelRow other && Arrays.equals(states, other.states);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(states);
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("[");
		for (int c = 0; c < states.length; c++) {
			sb.append(c == 0 ? "" : " ").append(get(c).name().charAt(0));
		}
		return sb.append(']').toString();
	}
}
