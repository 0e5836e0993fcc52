package org.csrafiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads and writes db.xml.gz, the ImageJ Updater's index of an update site: gzip, UTF-8
 * XML with the updater's inline DTD, root {@code <pluginRecords>}, one {@code <plugin>}
 * per file.
 */
public final class SiteDatabase {

	/** The index's name at the root of a site. */
	public static final String FILE_NAME = "db.xml.gz";

	/** The document type the updater writes and validates against. */
	static final String DTD = """
		<!DOCTYPE pluginRecords [
		<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>
		<!ELEMENT update-site EMPTY>
		<!ELEMENT disabled-update-site EMPTY>
		<!ELEMENT plugin (platform*, category*, version?, previous-version*)>
		<!ELEMENT version (description?, dependency*, link*, author*)>
		<!ELEMENT previous-version EMPTY>
		<!ELEMENT description (#PCDATA)>
		<!ELEMENT dependency EMPTY>
		<!ELEMENT link (#PCDATA)>
		<!ELEMENT author (#PCDATA)>
		<!ELEMENT platform (#PCDATA)>
		<!ELEMENT category (#PCDATA)>
		<!ATTLIST update-site name CDATA #REQUIRED>
		<!ATTLIST update-site url CDATA #REQUIRED>
		<!ATTLIST update-site keep-url CDATA #IMPLIED>
		<!ATTLIST update-site official CDATA #IMPLIED>
		<!ATTLIST update-site ssh-host CDATA #IMPLIED>
		<!ATTLIST update-site upload-directory CDATA #IMPLIED>
		<!ATTLIST update-site description CDATA #IMPLIED>
		<!ATTLIST update-site maintainer CDATA #IMPLIED>
		<!ATTLIST update-site timestamp CDATA #REQUIRED>
		<!ATTLIST disabled-update-site name CDATA #REQUIRED>
		<!ATTLIST disabled-update-site url CDATA #REQUIRED>
		<!ATTLIST disabled-update-site keep-url CDATA #IMPLIED>
		<!ATTLIST disabled-update-site official CDATA #IMPLIED>
		<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>
		<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>
		<!ATTLIST disabled-update-site description CDATA #IMPLIED>
		<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>
		<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>
		<!ATTLIST plugin update-site CDATA #IMPLIED>
		<!ATTLIST plugin filename CDATA #REQUIRED>
		<!ATTLIST plugin executable CDATA #IMPLIED>
		<!ATTLIST dependency filename CDATA #REQUIRED>
		<!ATTLIST dependency timestamp CDATA #IMPLIED>
		<!ATTLIST dependency overrides CDATA #IMPLIED>
		<!ATTLIST version timestamp CDATA #REQUIRED>
		<!ATTLIST version checksum CDATA #REQUIRED>
		<!ATTLIST version filesize CDATA #REQUIRED>
		<!ATTLIST previous-version filename CDATA #IMPLIED>
		<!ATTLIST previous-version timestamp CDATA #REQUIRED>
		<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>
		<!ATTLIST previous-version checksum CDATA #REQUIRED>]>""";

	private SiteDatabase() {}

	/**
	 * @param site a site folder
	 * @return the records of its db.xml.gz, or an empty list when it has none yet
	 * @throws UpdateSiteException when the file exists but cannot be read
	 */
	public static List<FileRecord> read(Path site) {
		Path db = site.resolve(FILE_NAME);
		if (!Files.exists(db)) return List.of();
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			Element root = parser().parse(in).getDocumentElement();
			List<FileRecord> records = new ArrayList<>();
			for (Element plugin : children(root, "plugin")) {
				records.add(readPlugin(plugin));
			}
			return records;
		}
		catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
			throw new UpdateSiteException("Cannot read the existing " + db + " (" + e.getMessage()
				+ "); restore it from the published site, or delete it to start the site afresh "
				+ "(its earlier versions are then forgotten).", e);
		}
	}

	/**
	 * Writes db.xml.gz at the root of the site, replacing what was there.
	 *
	 * @param site the site folder
	 * @param records the files, in the order to list them
	 */
	public static void write(Path site, List<FileRecord> records) {
		Path db = site.resolve(FILE_NAME);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(db))) {
			writeXml(out, records);
		}
		catch (IOException | XMLStreamException e) {
			throw new UpdateSiteException("Cannot write " + db + ": " + e.getMessage()
				+ ". Check that the folder is writable and the disk not full.", e);
		}
	}

	private static FileRecord readPlugin(Element plugin) {
		List<String> platforms = texts(plugin, "platform");
		List<String> categories = texts(plugin, "category");
		FileRecord.Version current = null;
		for (Element version : children(plugin, "version")) {
			List<FileRecord.Dependency> dependencies = new ArrayList<>();
			for (Element d : children(version, "dependency")) {
				dependencies.add(new FileRecord.Dependency(d.getAttribute("filename"),
					number(d, "timestamp")));
			}
			List<String> descriptions = texts(version, "description");
			current = new FileRecord.Version(version.getAttribute("checksum"),
				number(version, "timestamp"), number(version, "filesize"),
				descriptions.isEmpty() ? null : descriptions.get(0), dependencies,
				texts(version, "author"));
		}
		List<FileRecord.PreviousVersion> previous = new ArrayList<>();
		for (Element p : children(plugin, "previous-version")) {
			previous.add(new FileRecord.PreviousVersion(p.getAttribute("checksum"),
				number(p, "timestamp"), number(p, "timestamp-obsolete"),
				p.hasAttribute("filename") ? p.getAttribute("filename") : null));
		}
		return new FileRecord(plugin.getAttribute("filename"), platforms, categories, current,
			previous);
	}

	private static void writeXml(OutputStream out, List<FileRecord> records)
		throws XMLStreamException, IOException
	{
		out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
		out.write((DTD + "\n").getBytes(StandardCharsets.UTF_8));
		XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
		xml.writeStartElement("pluginRecords");
		for (FileRecord record : records) {
			xml.writeCharacters("\n    ");
			xml.writeStartElement("plugin");
			xml.writeAttribute("filename", record.filename());
			for (String platform : record.platforms())
				textElement(xml, 8, "platform", platform);
			for (String category : record.categories())
				textElement(xml, 8, "category", category);
			if (record.current() != null) writeVersion(xml, record.current());
			for (FileRecord.PreviousVersion p : record.previous()) {
				xml.writeCharacters("\n        ");
				xml.writeEmptyElement("previous-version");
				xml.writeAttribute("timestamp", Long.toString(p.timestamp()));
				if (p.timestampObsolete() > 0) {
					xml.writeAttribute("timestamp-obsolete", Long.toString(p.timestampObsolete()));
				}
				xml.writeAttribute("checksum", p.checksum());
				if (p.filename() != null) xml.writeAttribute("filename", p.filename());
			}
			xml.writeCharacters("\n    ");
			xml.writeEndElement();
		}
		xml.writeCharacters("\n");
		xml.writeEndElement();
		xml.writeCharacters("\n");
		xml.flush();
		xml.close();
	}

	private static void writeVersion(XMLStreamWriter xml, FileRecord.Version v)
		throws XMLStreamException
	{
		xml.writeCharacters("\n        ");
		xml.writeStartElement("version");
		xml.writeAttribute("checksum", v.checksum());
		xml.writeAttribute("timestamp", Long.toString(v.timestamp()));
		xml.writeAttribute("filesize", Long.toString(v.filesize()));
		if (v.description() != null) textElement(xml, 12, "description", v.description());
		for (FileRecord.Dependency d : v.dependencies()) {
			xml.writeCharacters("\n            ");
			xml.writeEmptyElement("dependency");
			xml.writeAttribute("filename", d.filename());
			xml.writeAttribute("timestamp", Long.toString(d.timestamp()));
		}
		for (String author : v.authors())
			textElement(xml, 12, "author", author);
		xml.writeCharacters("\n        ");
		xml.writeEndElement();
	}

	private static void textElement(XMLStreamWriter xml, int indent, String name, String text)
		throws XMLStreamException
	{
		xml.writeCharacters("\n" + " ".repeat(indent));
		xml.writeStartElement(name);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	private static DocumentBuilder parser() throws ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setExpandEntityReferences(false);
		factory.setXIncludeAware(false);
		return factory.newDocumentBuilder();
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(name)) found.add(e);
		}
		return found;
	}

	private static List<String> texts(Element parent, String name) {
		return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
	}

	private static long number(Element element, String attribute) {
		String value = element.getAttribute(attribute);
		return value.isEmpty() ? 0 : Long.parseLong(value.trim());
	}
}
