package org.csrafiji.app.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) that serves one body at {@code /weights.pth}
 * and honours {@code Range: bytes=N-} with 206 and Content-Range, as download servers do. It
 * can drop the connection part way through its first answer, serve another content type, or
 * ignore ranges, and records every request's Range header.
 */
public final class WeightsServer implements AutoCloseable {

	private static final int PIECE = 8192;

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

	private final HttpServer server;
	private final byte[] body;
	private final String contentType;
	private final long dropFirstAfter;
	private volatile long pauseMillis;
	private final List<String> ranges = new CopyOnWriteArrayList<>();

	/**
	 * @param body what is served
	 * @param contentType its Content-Type
	 * @param dropFirstAfter bytes the first answer sends before the connection is dropped, or -1
	 *        to send everything
	 */
	public WeightsServer(byte[] body, String contentType, long dropFirstAfter) throws IOException {
		this.body = body;
		this.contentType = contentType;
		this.dropFirstAfter = dropFirstAfter;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/weights.pth", this::serve);
		server.createContext("/missing.pth", e -> {
			e.sendResponseHeaders(404, -1);
			e.close();
		});
		server.start();
	}

	/**
	 * Sends the body from now on in 8 KB pieces with a pause after each, like a slow network.
	 *
	 * @param millis the pause
	 * @return this
	 */
	public WeightsServer slow(long millis) {
		pauseMillis = millis;
		return this;
	}

	/** @return the address of the weights */
	public URI uri() {
		return uri("/weights.pth");
	}

	/**
	 * @param path a path on this server
	 * @return its address
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	/** @return the Range header of every request so far ("" when absent), in order */
	public List<String> ranges() {
		return List.copyOf(ranges);
	}

	private void serve(HttpExchange e) throws IOException {
		String range = e.getRequestHeaders().getFirst("Range");
		ranges.add(range == null ? "" : range);
		int start = 0;
		Matcher m = RANGE.matcher(range == null ? "" : range);
		e.getResponseHeaders().add("Content-Type", contentType);
		if (m.matches()) {
			start = Integer.parseInt(m.group(1));
			if (start >= body.length) {
				e.sendResponseHeaders(416, -1);
				e.close();
				return;
			}
			e.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1)
				+ "/" + body.length);
			e.sendResponseHeaders(206, body.length - start);
		}
		else {
			e.sendResponseHeaders(200, body.length);
		}
		boolean drop = ranges.size() == 1 && dropFirstAfter >= 0;
		OutputStream out = e.getResponseBody();
		if (drop) {
			out.write(body, start, (int) dropFirstAfter - start);
			out.flush();
			// A handler that throws makes the server close the connection at once: the client
			// has the bytes so far and then an early end of stream, as when a network drops.
			throw new IOException("dropped on purpose after " + dropFirstAfter + " bytes");
		}
		for (int at = start; at < body.length; at += PIECE) {
			out.write(body, at, Math.min(PIECE, body.length - at));
			out.flush();
			pause();
		}
		out.close();
		e.close();
	}

	private void pause() {
		if (pauseMillis > 0) {
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
