package org.csrafiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.csrafiji.core.Float32Tolerance;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.Temperature;
import org.csrafiji.runtime.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The CSRA and training-free heads against a plain-Java double-precision implementation of
 * reference/csra.md, on random feature maps and weights.
 */
class CsraHeadTest {

	private static final int B = 2, D = 9, H = 3, W = 4, K = H * W;

	@BeforeAll
	static void engine() {
		Engines.inferenceThread();
	}

	@ParameterizedTest(name = "{0} heads, lambda {1}")
	@CsvSource({"1, 0.1", "2, 0.5", "4, 0.5", "6, 0.4", "8, 0.3", "1, 2.0"})
	void matchesDoublePrecisionReference(int heads, double lambda) {
		checkHead(Temperature.defaultsFor(heads), lambda, 7, 11L * heads);
	}

	@Test
	void explicitTemperatureListsWork() {
		checkHead(List.of(new Temperature(0.5), Temperature.INFINITE, new Temperature(10)), 0.2,
			3, 99);
	}

	@Test
	void rejectsFeatureMapOfAnotherWidth() {
		try (NDManager m = NDManager.newBaseManager()) {
			CsraHead head = new CsraHead(D, 3, Temperature.defaultsFor(1), 0.1);
			RandomWeights.initialize(head, m, 1);
			NDArray x = m.randomNormal(new Shape(1, D + 1, H, W));
			ModelSpecException e = assertThrows(ModelSpecException.class, () -> head.forward(
				new ParameterStore(m, false), new NDList(x), false));
			assertEquals(true, e.getMessage().contains("(B, " + D + ", h, w)"), e.getMessage());
		}
	}

	@Test
	void trainingFreeHeadMatchesReference() {
		Random r = new Random(5);
		int c = 4;
		double lambda = 0.3;
		double[][][] x = randomFeatures(r);
		double[][] w = new double[c][D];
		double[] bias = new double[c];
		for (int i = 0; i < c; i++) {
			bias[i] = r.nextGaussian();
			for (int d = 0; d < D; d++) {
				w[i][d] = r.nextGaussian();
			}
		}
		try (NDManager m = NDManager.newBaseManager()) {
			TrainingFreeHead head = new TrainingFreeHead(D, c, lambda);
			var params = ParameterNames.of(head);
			params.get("weight").set(m.create(toFloat(w)).reshape(c, D));
			params.get("bias").set(m.create(toFloatVec(bias)));
			NDList out = head.forward(new ParameterStore(m, false), new NDList(features(m, x)),
				false);
			float[] logits = out.get(0).toFloatArray();
			float[] maps = out.get(1).toFloatArray();
			float[] att = out.get(2).toFloatArray();
			// as in checkHead: a map value sums D products plus a bias, |error| <= F (|w| |x| + |bias|);
			// the logit adds the mean over K positions and lambda x the max
			double f = Float32Tolerance.ofNetwork(Float32Tolerance.csraHead(D, K)) / Math.sqrt(2);
			for (int b = 0; b < B; b++) {
				for (int i = 0; i < c; i++) {
					double tolS = f * (euclidean(w[i]) * maxNorm(x[b]) + Math.abs(bias[i]));
					double sum = 0, max = Double.NEGATIVE_INFINITY;
					int arg = 0;
					for (int k = 0; k < K; k++) {
						double s = dot(w[i], x[b], k);
						sum += s;
						if (s > max) {
							max = s;
							arg = k;
						}
						assertClose(s + bias[i], maps[(b * c + i) * K + k], tolS, "map");
					}
					for (int k = 0; k < K; k++) {
						assertEquals(k == arg ? 1f : 0f, att[(b * c + i) * K + k], "one-hot");
					}
					assertClose(sum / K + bias[i] + lambda * max, logits[b * c + i],
						(1 + lambda) * tolS,
						"logit");
				}
			}
		}
	}

	private void checkHead(List<Temperature> temps, double lambda, int c, long seed) {
		Random r = new Random(seed);
		int heads = temps.size();
		double[][][] x = randomFeatures(r);
		double[][][] w = new double[heads][c][D];
		for (double[][] wh : w) {
			for (double[] row : wh) {
				for (int d = 0; d < D; d++) {
					row[d] = r.nextGaussian() * 0.5;
				}
			}
		}
		try (NDManager m = NDManager.newBaseManager()) {
			CsraHead head = new CsraHead(D, c, temps, lambda);
			var params = ParameterNames.of(head);
			for (int h = 0; h < heads; h++) {
				params.get("multi_head." + h + ".head.weight").set(m.create(toFloat(w[h]))
					.reshape(c, D, 1, 1));
			}
			NDList out = head.forward(new ParameterStore(m, false), new NDList(features(m, x)),
				false);
			assertEquals(new Shape(B, heads, c, H, W), out.get(1).getShape());
			assertEquals(new Shape(B, heads, c, H, W), out.get(2).getShape());
			float[] logits = out.get(0).toFloatArray();
			float[] maps = out.get(1).toFloatArray();
			float[] att = out.get(2).toFloatArray();
			// Float32Tolerance, for one float32 computation against exact arithmetic (F / sqrt 2,
			// as there is no second implementation): a score map value sums D products and
			// divides by a norm of D squares; its error is relative to sum |w x| / |w| <= |x|
			// (Cauchy-Schwarz), so it is within tolS = F |x|, |x| the largest feature vector.
			// An attention weight a = softmax(T s) moves by at most 2 T a tolS, plus the K + 2
			// roundings of the softmax; a logit adds, per head, the mean of the map (tolS) and
			// lambda times sum a s (at most tolS + max|s| x sum |d a|).
			double f = Float32Tolerance.ofNetwork(Float32Tolerance.csraHead(2 * D, K))
				/ Math.sqrt(2);
			for (int b = 0; b < B; b++) {
				double tolS = f * maxNorm(x[b]);
				for (int i = 0; i < c; i++) {
					double logit = 0;
					double logitTolerance = 0;
					for (int h = 0; h < heads; h++) {
						double norm = 0;
						for (double v : w[h][i]) {
							norm += v * v;
						}
						norm = Math.sqrt(norm);
						double[] s = new double[K];
						double mean = 0;
						for (int k = 0; k < K; k++) {
							s[k] = dot(w[h][i], x[b], k) / norm;
							mean += s[k] / K;
						}
						double[] a = attention(s, temps.get(h));
						double t = temps.get(h).isInfinite() ? 0 : temps.get(h).value(); // inf: one-hot
						double term = 0;
						double attentionError = 0;
						for (int k = 0; k < K; k++) {
							term += temps.get(h).isInfinite() ? 0 : s[k] * a[k];
							int at = (((b * heads + h) * c) + i) * K + k;
							double tolA = (2 * t * tolS + (K + 2) * Float32Tolerance.U) * a[k];
							attentionError += tolA;
							assertClose(s[k], maps[at], tolS, "score map");
							assertClose(a[k], att[at], tolA, "attention");
						}
						logitTolerance += tolS + lambda * (tolS + max(abs(s)) * attentionError);
						if (temps.get(h).isInfinite()) {
							term = max(s);
						}
						logit += mean + lambda * term;
					}
					assertClose(logit, logits[b * c + i], logitTolerance, "logit");
				}
			}
		}
	}

	private static double[] attention(double[] s, Temperature t) {
		double[] a = new double[s.length];
		if (t.isInfinite()) {
			int arg = 0;
			for (int k = 1; k < s.length; k++) {
				if (s[k] > s[arg]) {
					arg = k;
				}
			}
			a[arg] = 1;
			return a;
		}
		double mx = max(s) * t.value();
		double z = 0;
		for (int k = 0; k < s.length; k++) {
			a[k] = Math.exp(t.value() * s[k] - mx);
			z += a[k];
		}
		for (int k = 0; k < s.length; k++) {
			a[k] /= z;
		}
		return a;
	}

	private static double max(double[] v) {
		double m = Double.NEGATIVE_INFINITY;
		for (double d : v) {
			m = Math.max(m, d);
		}
		return m;
	}

	private static double dot(double[] w, double[][] x, int k) {
		double s = 0;
		for (int d = 0; d < D; d++) {
			s += w[d] * x[d][k];
		}
		return s;
	}

	private static double[][][] randomFeatures(Random r) {
		double[][][] x = new double[B][D][K];
		for (double[][] xb : x) {
			for (double[] row : xb) {
				for (int k = 0; k < K; k++) {
					row[k] = Math.abs(r.nextGaussian()) * 2;
				}
			}
		}
		return x;
	}

	private static NDArray features(NDManager m, double[][][] x) {
		List<Float> flat = new ArrayList<>();
		for (double[][] xb : x) {
			for (double[] row : xb) {
				for (double v : row) {
					flat.add((float) v);
				}
			}
		}
		float[] f = new float[flat.size()];
		for (int i = 0; i < f.length; i++) {
			f[i] = flat.get(i);
		}
		return m.create(f, new Shape(B, D, H, W));
	}

	private static float[] toFloat(double[][] w) {
		float[] f = new float[w.length * w[0].length];
		for (int i = 0; i < w.length; i++) {
			for (int j = 0; j < w[0].length; j++) {
				f[i * w[0].length + j] = (float) w[i][j];
			}
		}
		return f;
	}

	private static float[] toFloatVec(double[] v) {
		float[] f = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			f[i] = (float) v[i];
		}
		return f;
	}

	/** Within the tolerance plus the final rounding to float32 (u of the value). */
	private static void assertClose(double expected, float actual, double tolerance, String what) {
		assertEquals(expected, actual, tolerance + Float32Tolerance.U * Math.abs(expected), what);
	}

	/** @return the largest Euclidean norm of a feature vector x[.][k] */
	private static double maxNorm(double[][] x) {
		double most = 0;
		for (int k = 0; k < x[0].length; k++) {
			double sum = 0;
			for (double[] channel : x)
				sum += channel[k] * channel[k];
			most = Math.max(most, Math.sqrt(sum));
		}
		return most;
	}

	private static double euclidean(double[] v) {
		double sum = 0;
		for (double d : v)
			sum += d * d;
		return Math.sqrt(sum);
	}

	private static double[] abs(double[] v) {
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = Math.abs(v[i]);
		return out;
	}
}
