package org.csrafiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Reads a site's db.xml.gz with a validating DOM parser, independently of SiteDatabase. */
final class SiteXml {

	private SiteXml() {}

	/** Parses db.xml.gz, validating it against its inline DTD; any DTD error fails. */
	static Document parse(Path site) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setValidating(true);
		var builder = factory.newDocumentBuilder();
		builder.setErrorHandler(new ErrorHandler() {

			@Override
			public void warning(SAXParseException e) {}

			@Override
			public void error(SAXParseException e) throws SAXParseException {
				throw e;
			}

			@Override
			public void fatalError(SAXParseException e) throws SAXParseException {
				throw e;
			}
		});
		try (
			InputStream in = new GZIPInputStream(Files.newInputStream(site.resolve("db.xml.gz"))))
		{
			return builder.parse(in);
		}
	}

	static Element plugin(Document db, String filename) {
		for (Element e : elements(db.getDocumentElement(), "plugin")) {
			if (e.getAttribute("filename").equals(filename)) return e;
		}
		throw new AssertionError(filename + " not in db.xml.gz");
	}

	static List<Element> elements(Element parent, String tag) {
		List<Element> found = new ArrayList<>();
		NodeList list = parent.getElementsByTagName(tag);
		for (int i = 0; i < list.getLength(); i++)
			found.add((Element) list.item(i));
		return found;
	}

	static List<String> texts(Element parent, String tag) {
		return elements(parent, tag).stream().map(Element::getTextContent).toList();
	}

	static Element version(Document db, String filename) {
		List<Element> v = elements(plugin(db, filename), "version");
		if (v.size() != 1) throw new AssertionError(filename + " has " + v.size() + " <version>");
		return v.get(0);
	}

	static byte[] bytes(Path file) throws IOException {
		return Files.readAllBytes(file);
	}
}
