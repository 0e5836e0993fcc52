package org.csrafiji.eval;

import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * An {@link EvaluationResult} as JSON, every value in percent:
 * {@code {"mAP", "CP", "CR", "CF1", "OP", "OR", "OF1", "top3": {"CP", "CR", "CF1", "OP", "OR",
 * "OF1"}, "per_class_f1_mean", "ap": {class: value}}}. "CF1" is the official harmonic mean of CP
 * and CR; "per_class_f1_mean" is what mmpretrain calls CF1. Undefined values are null; classes
 * without positives are absent from "ap". The top-k object is named "top" + k.
 */
public final class ResultJson {

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private ResultJson() {}

	/**
	 * @param result an evaluation
	 * @return one line of JSON
	 */
	public static String toJson(EvaluationResult result) {
		JsonObject json = new JsonObject();
		json.add("mAP", percent(result.mAP()));
		addThresholdMetrics(json, result.atThreshold());
		JsonObject top = new JsonObject();
		addThresholdMetrics(top, result.topK());
		json.add("top" + result.options().topK(), top);
		json.add("per_class_f1_mean", percent(result.perClassF1Mean()));
		JsonObject ap = new JsonObject();
		for (Map.Entry<String, Double> e : result.averagePrecision().entrySet()) {
			ap.add(e.getKey(), percent(e.getValue()));
		}
		json.add("ap", ap);
		return GSON.toJson(json);
	}

	private static void addThresholdMetrics(JsonObject json, ThresholdMetrics m) {
		json.add("CP", percent(m.cp()));
		json.add("CR", percent(m.cr()));
		json.add("CF1", percent(m.cf1()));
		json.add("OP", percent(m.op()));
		json.add("OR", percent(m.or()));
		json.add("OF1", percent(m.of1()));
	}

	private static JsonElement percent(double fraction) {
		return Double.isFinite(fraction) ? new JsonPrimitive(100 * fraction) : JsonNull.INSTANCE;
	}
}
