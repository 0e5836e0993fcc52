package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * 200 images x 10 classes with random ignored entries, compared with scikit-learn's
 * average_precision_score and a numpy transcription of the official metrics, both run by
 * src/test/python/make_metric_fixtures.py.
 */
class RandomMetricsFixtureTest {

	/**
	 * Metrics in double (IEEE strict) against scikit-learn's in float64 over 200 samples:
	 * sums of at most 200 terms <= 1 in other orders, within 200 x 2^-53 = 2.2e-14 each.
	 */
	private static final double EPS = 1e-12;

	private static JsonObject fixture() throws IOException {
		try (InputStream in = RandomMetricsFixtureTest.class
			.getResourceAsStream("/eval/random_metrics.json"))
		{
			return new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8),
				JsonObject.class);
		}
	}

	@ParameterizedTest
	@CsvSource({"drop, DROP", "as_negative, AS_NEGATIVE"})
	void matchesScikitLearnAndNumpy(String key, IgnoredLabelCounting counting) throws IOException {
		JsonObject f = fixture();
		List<String> names = new ArrayList<>();
		f.getAsJsonArray("classes").forEach(e -> names.add(e.getAsString()));
		ClassLabels classes = new ClassLabels(names);
		JsonArray labelRows = f.getAsJsonArray("labels");
		JsonArray scoreRows = f.getAsJsonArray("scores");
		List<LabelRow> rows = new ArrayList<>();
		double[][] scores = new double[scoreRows.size()][];
		for (int i = 0; i < labelRows.size(); i++) {
			JsonArray l = labelRows.get(i).getAsJsonArray();
			LabelState[] states = new LabelState[l.size()];
			for (int c = 0; c < l.size(); c++) {
				int v = l.get(c).getAsInt();
				states[c] = v == 1
					? LabelState.POSITIVE
					: v == 0 ? LabelState.NEGATIVE : LabelState.IGNORED;
			}
			rows.add(LabelRow.of(states));
			scores[i] = new Gson().fromJson(scoreRows.get(i), double[].class);
		}
		EvaluationOptions options = EvaluationOptions.atThreshold(f.get("threshold").getAsDouble())
			.withIgnoredInCounts(counting);
		EvaluationResult r = Evaluator.evaluate(new LabelMatrix(classes, rows),
			new ScoreMatrix(classes, scores), options);

		JsonObject e = f.getAsJsonObject(key);
		JsonArray ap = e.getAsJsonArray("ap");
		for (int c = 0; c < names.size(); c++) {
			assertEquals(ap.get(c).getAsDouble(), r.averagePrecision().get(names.get(c)), EPS,
				names.get(c));
		}
		assertEquals(e.get("mAP").getAsDouble(), r.mAP(), EPS);
		assertMetrics(e, r.atThreshold());
		assertMetrics(e.getAsJsonObject("top3"), r.topK());
		assertEquals(List.of(), r.warnings());
	}

	private static void assertMetrics(JsonObject e, ThresholdMetrics m) {
		assertEquals(e.get("CP").getAsDouble(), m.cp(), EPS, "CP");
		assertEquals(e.get("CR").getAsDouble(), m.cr(), EPS, "CR");
		assertEquals(e.get("CF1").getAsDouble(), m.cf1(), EPS, "CF1");
		assertEquals(e.get("OP").getAsDouble(), m.op(), EPS, "OP");
		assertEquals(e.get("OR").getAsDouble(), m.or(), EPS, "OR");
		assertEquals(e.get("OF1").getAsDouble(), m.of1(), EPS, "OF1");
		assertEquals(e.get("per_class_f1_mean").getAsDouble(), m.perClassF1Mean(), EPS, "F1 mean");
		JsonArray predicted = e.getAsJsonArray("predicted");
		for (int c = 0; c < predicted.size(); c++) {
			JsonElement p = predicted.get(c);
			assertEquals(p.getAsInt(), Math.max(1, m.counts().get(c).predicted()),
				"predicted " + c);
		}
	}
}
