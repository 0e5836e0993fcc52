package org.csrafiji.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one forward pass gives for one image: logits, sigmoid scores, and the
 * attention maps of every head, so that classification and attention display never need a
 * second pass.
 *
 * @param labels class names in logit order
 * @param logits raw logits (sum over heads)
 * @param scores sigmoid of the logits
 * @param attention per-head, per-class score maps and attention weights
 */
public record Prediction(ClassLabels labels, float[] logits, float[] scores,
	AttentionMaps attention)
{

	/** Checks that the sizes agree. */
	public Prediction {
		if (logits.length != labels.size() || scores.length != labels.size()
			|| attention.classes() != labels.size())
		{
			throw new IllegalArgumentException("prediction has " + logits.length
				+ " logits for " + labels.size() + " classes");
		}
	}

	/**
	 * @param logits raw logits
	 * @return the element-wise sigmoid, in double precision then rounded
	 */
	public static float[] sigmoid(float[] logits) {
		float[] s = new float[logits.length];
		for (int i = 0; i < s.length; i++) {
			s[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
		}
		return s;
	}

	/**
	 * @param threshold a class is predicted when its score exceeds this
	 * @return indices of the predicted classes, highest score first
	 */
	public List<Integer> predicted(double threshold) {
		List<Integer> out = new ArrayList<>();
		for (int c = 0; c < scores.length; c++) {
			if (scores[c] > threshold) {
				out.add(c);
			}
		}
		out.sort((a, b) -> Float.compare(scores[b], scores[a]));
		return out;
	}
}
