package org.csrafiji.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.Prediction;

/**
 * What {@code org.csrafiji.app.DatasetScorer} runs batches through: a model's forward pass reduced to its class
 * scores. Tests wrap one to count the images it sees.
 */
public interface BatchPredictor {

	/**
	 * @param batch the most images one call will get
	 * @return a buffer for that many preprocessed images (batch x 3 x size x size floats)
	 */
	FloatBuffer newInputBuffer(int batch);

	/**
	 * @param input the images from position 0, 3 x size x size floats each
	 * @param count how many images the buffer holds, at most the batch it was made for
	 * @return one score per class for each image, in the model's class order
	 */
	List<double[]> scores(FloatBuffer input, int count);

	/**
	 * @param model a loaded model
	 * @return a predictor giving its sigmoid scores
	 */
	static BatchPredictor of(CsraModel model) {
		return new BatchPredictor() {

			@Override
			public FloatBuffer newInputBuffer(int batch) {
				return model.newInputBuffer(batch);
			}

			@Override
			public List<double[]> scores(FloatBuffer input, int count) {
				List<double[]> out = new ArrayList<>(count);
				for (Prediction p : model.predict(input, count)) {
					double[] s = new double[p.scores().length];
					for (int c = 0; c < s.length; c++) {
						s[c] = p.scores()[c];
					}
					out.add(s);
				}
				return out;
			}
		};
	}
}
