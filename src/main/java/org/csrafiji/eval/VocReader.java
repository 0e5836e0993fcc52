package org.csrafiji.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Reads PASCAL VOC 2007 as the official CSRA preparation does: the image ids of
 * {@code ImageSets/Main/<split>.txt}, and for each id {@code Annotations/<id>.xml}, whose
 * {@code <object>}s give the classes. A class is {@link LabelState#POSITIVE} when at least one
 * of its objects is not marked difficult, {@link LabelState#IGNORED} when all of its objects
 * are difficult (the official test list writes 0), {@link LabelState#NEGATIVE} otherwise. (For
 * training the official trainval list turns difficult-only classes into negatives.) Images are
 * {@code JPEGImages/<id>.jpg}, keyed by id.
 */
public final class VocReader {

	private static final ClassLabels CLASSES = new ClassLabels(ClassLabels.VOC2007);

	/** One {@code <object>} of an annotation. */
	private record VocObject(String name, boolean difficult, int line) {}

	private VocReader() {}

	/**
	 * @param root VOCdevkit (holding VOC2007) or the VOC2007 folder itself
	 * @param split a file name in ImageSets/Main without .txt: test, trainval, train, val
	 * @return the dataset, in the split file's order
	 */
	public static Dataset read(Path root, String split) {
		Path voc = Files.isDirectory(root.resolve("VOC2007")) ? root.resolve("VOC2007") : root;
		InputFiles.requireDirectory(voc.resolve("Annotations"), "The VOC annotation folder");
		Path ids = voc.resolve("ImageSets").resolve("Main").resolve(split + ".txt");
		InputFiles.requireFile(ids, "The VOC split file");
		List<String> lines = readLines(ids);
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String id = line.split("\\s+")[0];
			Path xml = voc.resolve("Annotations").resolve(id + ".xml");
			if (!Files.isRegularFile(xml)) {
				throw new DatasetException(
					ids + " line " + (i + 1) + " names image '" + id + "' but "
						+ xml + " does not exist; check that the annotations are complete.");
			}
			samples.add(new Sample(id, voc.resolve("JPEGImages").resolve(id + ".jpg"),
				Optional.empty(), labels(xml, objects(xml))));
		}
		if (samples.isEmpty()) {
			throw new DatasetException(
				ids + " names no image; choose a split file with image ids.");
		}
		return new Dataset(voc.toString(), CLASSES, samples, IgnoredLabelCounting.DROP, List.of());
	}

	private static LabelRow labels(Path xml, List<VocObject> objects) {
		LabelState[] states = new LabelState[CLASSES.size()];
		Arrays.fill(states, LabelState.NEGATIVE);
		for (VocObject o : objects) {
			int c = CLASSES.indexOf(o.name());
			if (c < 0) {
				throw new DatasetException(xml + " line " + o.line() + ": object class '" + o.name()
					+ "' is not a VOC 2007 class; the classes are " + CLASSES.names() + ".");
			}
			if (!o.difficult()) {
				states[c] = LabelState.POSITIVE;
			}
			else if (states[c] == LabelState.NEGATIVE) {
				states[c] = LabelState.IGNORED;
			}
		}
		return LabelRow.of(states);
	}

	private static List<VocObject> objects(Path xml) {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		try (InputStream in = Files.newInputStream(xml)) {
			XMLStreamReader reader = factory.createXMLStreamReader(in);
			try {
				return objects(xml, reader);
			}
			finally {
				reader.close();
			}
		}
		catch (XMLStreamException e) {
			int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
			throw new DatasetException(xml + (line > 0 ? " line " + line : "") + ": malformed XML ("
				+ e.getMessage().replaceAll(
					"(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "")
				+ "); replace the file with the original annotation.", e);
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + xml + ": " + e.getMessage() + ".", e);
		}
	}

	/** Collects each object's own name and difficult flag, skipping nested parts. */
	private static List<VocObject> objects(Path xml, XMLStreamReader reader)
		throws XMLStreamException
	{
		List<VocObject> objects = new ArrayList<>();
		int depth = 0;
		int objectDepth = -1;
		int objectLine = 0;
		String name = null;
		String difficult = null;
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
				String tag = reader.getLocalName();
				if (objectDepth < 0 && tag.equals("object")) {
					objectDepth = depth;
					objectLine = reader.getLocation().getLineNumber();
					name = null;
					difficult = null;
				}
				else if (depth == objectDepth + 1 && tag.equals("name")) {
					name = reader.getElementText().strip();
					depth--;
				}
				else if (depth == objectDepth + 1 && tag.equals("difficult")) {
					difficult = reader.getElementText().strip();
					depth--;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if (depth == objectDepth) {
					objects.add(object(xml, objectLine, name, difficult));
					objectDepth = -1;
				}
				depth--;
			}
		}
		return objects;
	}

	private static VocObject object(Path xml, int line, String name, String difficult) {
		if (name == null || name.isEmpty()) {
			throw new DatasetException(
				xml + " line " + line + ": an <object> has no <name>; every object"
					+ " needs its class name.");
		}
		if (difficult != null && !difficult.equals("0") && !difficult.equals("1")) {
			throw new DatasetException(xml + " line " + line + ": <difficult> is '" + difficult
				+ "'; it must be 0 or 1.");
		}
		return new VocObject(name, "1".equals(difficult), line);
	}

	private static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new DatasetException("Cannot read " + file + ": " + e.getMessage() + ".", e);
		}
	}
}
