package org.csrafiji.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.CsraException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PyTorch's own eager forward of the same network, in a Python process kept running beside
 * the benchmark ({@code bench_pytorch.py --serve}): each {@link #forwardMs()} asks it for one
 * forward pass, so the benchmark interleaves Java and PyTorch iterations and both see the
 * same machine load.
 */
final class PyTorchPeer implements AutoCloseable {

	private final Process process;
	private final BufferedReader in;
	private final Writer out;
	private final String python;
	private final String torch;
	private final int threads;

	/**
	 * Starts the process and waits until its network is built and warmed up.
	 *
	 * @param python interpreter, e.g. python3
	 * @param command the script and its arguments
	 */
	PyTorchPeer(String python, List<String> command) throws IOException {
		this.python = python;
		process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		in = new BufferedReader(new InputStreamReader(process.getInputStream(),
			StandardCharsets.UTF_8));
		out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		String first = in.readLine();
		if (first == null) {
			close();
			throw new CsraException(python + " could not run the PyTorch benchmark (is torch"
				+ " installed for it?).");
		}
		JsonObject ready = JsonParser.parseString(first).getAsJsonObject();
		torch = ready.get("torch").getAsString();
		threads = ready.get("threads").getAsInt();
	}

	/** @return one forward pass's time in ms, measured inside Python */
	double forwardMs() throws IOException {
		out.write("run\n");
		out.flush();
		String line = in.readLine();
		if (line == null) {
			throw new CsraException(python + " stopped during the PyTorch benchmark.");
		}
		return Double.parseDouble(line.strip());
	}

	/** @return the interpreter */
	String python() {
		return python;
	}

	/** @return torch.__version__ */
	String torch() {
		return torch;
	}

	/** @return torch.get_num_threads() */
	int threads() {
		return threads;
	}

	@Override
	public void close() throws IOException {
		try {
			out.close();
		}
		catch (IOException e) {
			// the process is gone already
		}
		process.destroy();
	}
}
