package org.csrafiji.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link ModelSpec}s as JSON. Keys: name, description, architecture, head
 * ("csra" or "training-free"), heads, temperatures (numbers or "inf"; optional), lambda,
 * input_size, mean, std (on the [0, 1] scale), channels (optional: the image channels for R,
 * G and B) and percentiles (optional: low and high for grey channels), classes (a built-in list name or an array of
 * names), checkpoint (relative to the spec's folder), weights_url, sha256 (of the published weights,
 * whole or a prefix of at least 8 hex digits), reported, threshold, and
 * for architecture "torchscript" backbone (the module file, relative to the spec's folder).
 */
public final class ModelSpecs {

	/** The spec field that consents to running a TorchScript backbone's code. */
	public static final String TRUST_CODE = "trust_code";

	private ModelSpecs() {}

	/**
	 * @param file a spec file
	 * @return the spec, with its checkpoint resolved against the file's folder
	 */
	public static ModelSpec read(Path file) {
		try {
			return readFile(file);
		}
		catch (ModelSpecException e) {
			if (e.file().isPresent()) {
				throw e;
			}
			throw new ModelSpecException(e.getMessage(), e, e.setting().orElse(null), e.value()
				.orElse(null), file);
		}
	}

	private static ModelSpec readFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("Model spec '" + file
				+ "' does not exist; give the path of a .json spec (see the models/ folder).");
		}
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			JsonElement root = JsonParser.parseReader(r);
			if (!root.isJsonObject()) {
				throw new ModelSpecException("Model spec '" + file + "' is not a JSON object.");
			}
			Path folder = file.toAbsolutePath().getParent();
			return fromJson(root.getAsJsonObject(), folder, file.getFileName().toString());
		}
		catch (IOException | JsonParseException e) {
			throw new ModelSpecException("Cannot read model spec '" + file + "': "
				+ e.getMessage() + ". Check that it is valid JSON.", e);
		}
	}

	/**
	 * @param o the JSON object
	 * @param folder folder against which a relative checkpoint is resolved
	 * @param source name used in messages
	 * @return the spec
	 */
	public static ModelSpec fromJson(JsonObject o, Path folder, String source) {
		ModelSpecBuilder b = new ModelSpecBuilder();
		b.name(str(o, "name", stripJson(source)));
		b.description(str(o, "description", ""));
		String arch = str(o, "architecture", null);
		String backbone = str(o, "backbone", null);
		boolean torchScript = Architecture.TorchScript.NAME.equalsIgnoreCase(arch);
		if (backbone != null && !torchScript) {
			throw new ModelSpecException("Spec '" + source + "' names a \"backbone\" file, which"
				+ " only \"architecture\": \"torchscript\" uses.", Setting.BACKBONE_FILE, backbone,
				null);
		}
		if (torchScript && backbone != null) {
			// The TorchScript module file, relative to the spec.
			b.architecture(new Architecture.TorchScript(folder == null
				? Path.of(backbone)
				: folder
					.resolve(backbone),
				false));
		}
		else if (arch == null) {
			throw new ModelSpecException("Model spec '" + source + "' names no architecture; add"
				+ " \"architecture\": \"resnet101\" (or another supported backbone).",
				Setting.ARCHITECTURE, null, null);
		}
		else {
			b.architecture(arch);
		}
		if (o.has("head")) {
			b.head(HeadKind.parse(o.get("head").getAsString()));
		}
		b.heads(num(o, "heads", 1, source).intValue());
		if (o.has("temperatures")) {
			List<Temperature> ts = new ArrayList<>();
			for (JsonElement e : o.getAsJsonArray("temperatures")) {
				ts.add(Temperature.parse(e.getAsString()));
			}
			b.temperatures(ts);
		}
		b.lambda(num(o, "lambda", 0.1, source).doubleValue());
		int size = num(o, "input_size", 448, source).intValue();
		b.input(new InputSpec(size, triple(o, "mean", 0, source), triple(o, "std", 1, source),
			optionalInts(o, "channels", 3, source), optionalDoubles(o, "percentiles", 2, source)));
		if (o.has("classes")) {
			JsonElement c = o.get("classes");
			if (c.isJsonArray()) {
				List<String> names = new ArrayList<>();
				for (JsonElement e : c.getAsJsonArray()) {
					names.add(e.getAsString());
				}
				b.classes(new ClassLabels(names));
			}
			else {
				String v = c.getAsString();
				Path p = folder == null ? Path.of(v) : folder.resolve(v);
				b.classes(Files.isRegularFile(p) ? ClassLabels.fromFile(p) : ClassLabels.parse(v));
			}
		}
		String ckpt = str(o, "checkpoint", null);
		if (ckpt != null) {
			b.checkpoint(folder == null ? Path.of(ckpt) : folder.resolve(ckpt).normalize());
		}
		b.weightsUrl(str(o, "weights_url", null));
		b.sha256(str(o, "sha256", null));
		b.reported(str(o, "reported", null));
		b.threshold(num(o, "threshold", 0.5, source).doubleValue());
		b.trustCode(bool(o, TRUST_CODE, source));
		if (b.classes() == null) {
			throw new ModelSpecException("Model spec '" + source
				+ "' lists no classes; add \"classes\": \"voc2007\" (or coco2014, wider, or an array of names).");
		}
		return b.build(0);
	}

	/**
	 * Writes a spec atomically (a temporary file moved into place).
	 *
	 * @param spec the spec
	 * @param file destination; the checkpoint is written relative to its folder
	 */
	public static void write(ModelSpec spec, Path file) {
		JsonObject o = toJson(spec, file.toAbsolutePath().getParent());
		Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			OutputFiles.write(file, tmp -> Files.writeString(tmp, gson.toJson(o) + "\n",
				StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new ModelSpecException("Cannot write model spec '" + file + "': "
				+ e.getMessage(), e);
		}
	}

	/**
	 * @param spec the spec
	 * @param folder folder the checkpoint path is made relative to, or null
	 * @return its JSON form
	 */
	public static JsonObject toJson(ModelSpec spec, Path folder) {
		JsonObject o = new JsonObject();
		o.addProperty("name", spec.name());
		o.addProperty("description", spec.description());
		o.addProperty("architecture", spec.architecture().name());
		if (spec.architecture() instanceof Architecture.TorchScript t) {
			Path p = t.file();
			o.addProperty("backbone", folder == null
				? p.toString()
				: folder.relativize(p
					.toAbsolutePath()).toString().replace('\\', '/'));
		}
		o.addProperty("head", spec.head().id());
		o.addProperty("heads", spec.heads());
		JsonArray ts = new JsonArray();
		for (Temperature t : spec.temperatures()) {
			ts.add(t.isInfinite() ? new JsonPrimitive("inf") : new JsonPrimitive(t.value()));
		}
		o.add("temperatures", ts);
		o.addProperty("lambda", spec.lambda());
		o.addProperty("input_size", spec.input().size());
		o.add("mean", array(spec.input().mean()));
		o.add("std", array(spec.input().std()));
		if (spec.input().channels() != null) {
			JsonArray c = new JsonArray();
			for (int v : spec.input().channels()) {
				c.add(v);
			}
			o.add("channels", c);
		}
		if (spec.input().percentiles() != null) {
			o.add("percentiles", array(spec.input().percentiles()));
		}
		JsonArray names = new JsonArray();
		spec.classes().names().forEach(names::add);
		o.add("classes", names);
		spec.checkpointFile().ifPresent(p -> o.addProperty("checkpoint", folder == null
			? p
				.toString()
			: folder.relativize(p.toAbsolutePath()).toString().replace('\\', '/')));
		if (spec.weightsUrl() != null) {
			o.addProperty("weights_url", spec.weightsUrl());
		}
		if (spec.sha256() != null) {
			o.addProperty("sha256", spec.sha256());
		}
		if (spec.reported() != null) {
			o.addProperty("reported", spec.reported());
		}
		o.addProperty("threshold", spec.threshold());
		if (spec.trustCode()) {
			o.addProperty(TRUST_CODE, true);
		}
		return o;
	}

	private static JsonArray array(double[] v) {
		JsonArray a = new JsonArray();
		for (double d : v) {
			a.add(d);
		}
		return a;
	}

	private static String stripJson(String s) {
		return s.endsWith(".json") ? s.substring(0, s.length() - 5) : s;
	}

	private static String str(JsonObject o, String key, String def) {
		return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : def;
	}

	private static Number num(JsonObject o, String key, double def, String source) {
		if (!o.has(key)) {
			return def;
		}
		try {
			return o.get(key).getAsDouble();
		}
		catch (RuntimeException e) {
			throw new ModelSpecException("Model spec '" + source + "': \"" + key
				+ "\" must be a number, not " + o.get(key) + ".");
		}
	}

	private static boolean bool(JsonObject o, String key, String source) {
		if (!o.has(key)) {
			return false;
		}
		JsonElement e = o.get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
			throw new ModelSpecException("Model spec '" + source + "': \"" + key
				+ "\" must be true or false, not " + e + ".");
		}
		return e.getAsBoolean();
	}

	private static double[] triple(JsonObject o, String key, double def, String source) {
		if (!o.has(key)) {
			return new double[]{def, def, def};
		}
		JsonArray a = o.getAsJsonArray(key);
		if (a.size() != 3) {
			throw new ModelSpecException("Model spec '" + source + "': \"" + key
				+ "\" needs three values (R, G, B), not " + a.size() + ".");
		}
		return new double[]{a.get(0).getAsDouble(), a.get(1).getAsDouble(), a.get(2)
			.getAsDouble()};
	}

	/** An optional array of {@code n} numbers (channels, percentiles); null when absent. */
	private static double[] optionalDoubles(JsonObject o, String key, int n, String source) {
		if (!o.has(key)) {
			return null;
		}
		JsonElement e = o.get(key);
		if (!e.isJsonArray() || e.getAsJsonArray().size() != n) {
			throw new ModelSpecException("Model spec '" + source + "': \"" + key + "\" needs " + n
				+ " numbers in an array, not " + e + ".");
		}
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			JsonElement v = e.getAsJsonArray().get(i);
			if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
				throw new ModelSpecException("Model spec '" + source + "': \"" + key + "\" needs "
					+ n + " numbers in an array, not " + e + ".");
			}
			out[i] = v.getAsDouble();
		}
		return out;
	}

	private static int[] optionalInts(JsonObject o, String key, int n, String source) {
		double[] d = optionalDoubles(o, key, n, source);
		if (d == null) {
			return null;
		}
		int[] out = new int[n];
		for (int i = 0; i < n; i++) {
			if (d[i] != Math.rint(d[i])) {
				throw new ModelSpecException("Model spec '" + source + "': \"" + key
					+ "\" needs whole numbers, not " + d[i] + ".");
			}
			out[i] = (int) d[i];
		}
		return out;
	}
}
