package org.csrafiji.app;

import ij.ImagePlus;

import org.csrafiji.app.pipeline.Prefetcher;
import org.csrafiji.core.EngineException;
import org.csrafiji.runtime.PassLanes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The batch path of every front end that classifies a list of images one by one (Batch
 * Classify, {@code classify}): each image is opened and its first slices converted on a reader
 * thread ahead ({@link Prefetcher}), classified on a lane of {@link PassLanes} (on the CPU,
 * passes side by side, each with its share of the cores), and handed out in input order.
 * Memory stays bounded whatever the list's length and the images' sizes: one image is prepared
 * ahead, and at most {@code lanes} are being classified, fewer when their pixels would pass a
 * budget (a quarter of the Java heap): a further image starts only while the images under way
 * plus one more of the last one's size fit in it, so a batch of huge images runs one at a time
 * and holds two, as a batch without lanes does. An image that cannot be opened or classified
 * comes out as its failure, in its place.
 *
 * @param <I> what names an image (a path, a file name)
 */
public final class ClassificationStream<I> implements AutoCloseable {

	/**
	 * One image's outcome.
	 *
	 * @param <I> what names an image
	 * @param item the image's name, as given
	 * @param image what the model said, null when it failed
	 * @param failure why it failed, null when it did not
	 */
	public record Result<I>(I item, ClassifiedImage image, RuntimeException failure) {}

	/** An image submitted to a lane, or its failure to open. */
	private record Pending<I>(I item, Future<ClassifiedImage> work, RuntimeException failure,
		long bytes)
	{}

	private final ImageClassifier classifier;
	private final List<I> items;
	private final PassLanes lanes;
	private final Progress perSlice;
	private final Prefetcher<I, ImageClassification.Prepared> ahead;
	private final Deque<Pending<I>> inFlight = new ArrayDeque<>();
	private final long budget;
	private int submitted;
	private boolean stopped;
	/** Bytes of the images under way, and of the last one started. */
	private long inFlightBytes, lastBytes;

	/**
	 * Starts reading ahead.
	 *
	 * @param classifier the model and conversion
	 * @param items the images, in order; not copied, so not to be changed
	 * @param open opens one image (on the reader thread); throws when it cannot
	 * @param lanes where the passes run; left open
	 * @param perSlice told of each slice (from the lanes' threads) and asked whether to stop
	 *          between slices
	 */
	public ClassificationStream(ImageClassifier classifier, List<I> items,
		Function<? super I, ImagePlus> open, PassLanes lanes, Progress perSlice)
	{
		this(classifier, items, open, lanes, perSlice, Runtime.getRuntime().maxMemory() / 4);
	}

	/**
	 * @param budget the most bytes of pixels and converted input the images under way may hold
	 *          together (one image may exceed it alone)
	 */
	ClassificationStream(ImageClassifier classifier, List<I> items,
		Function<? super I, ImagePlus> open, PassLanes lanes, Progress perSlice, long budget)
	{
		this.classifier = classifier;
		this.items = items;
		this.lanes = lanes;
		this.perSlice = perSlice;
		this.budget = budget;
		int slices = ImageClassification.slicesAhead(classifier);
		this.ahead = new Prefetcher<>(items, i -> ImageClassification.prepare(classifier, open
			.apply(i), slices), 1, 1, "csra-batch-images");
	}

	/** @return whether an image remains to be taken */
	public boolean hasNext() {
		return !inFlight.isEmpty() || (!stopped && submitted < items.size());
	}

	/**
	 * Starts no further image: reading ahead stops, and only the images under way on the lanes
	 * remain to be taken (for a cancelled batch, which keeps the files it completed).
	 */
	public void stop() {
		stopped = true;
		ahead.close();
	}

	/**
	 * Waits for the next image, in input order, keeping every lane busy meanwhile.
	 *
	 * @return its outcome
	 * @throws NoSuchElementException when every image was taken
	 * @throws EngineException when interrupted while waiting
	 * @throws Error what a lane threw that is not an exception
	 */
	public Result<I> next() {
		fill();
		Pending<I> p = inFlight.poll();
		if (p == null) {
			throw new NoSuchElementException("All " + items.size() + " images were taken.");
		}
		inFlightBytes -= p.bytes();
		Result<I> r;
		if (p.failure() != null) {
			r = new Result<>(p.item(), null, p.failure());
		}
		else {
			try {
				r = new Result<>(p.item(), PassLanes.await(p.work(), "the model ran"), null);
			}
			catch (EngineException e) {
				if (Thread.currentThread().isInterrupted()) {
					throw e;
				}
				r = new Result<>(p.item(), null, e);
			}
			catch (RuntimeException e) {
				r = new Result<>(p.item(), null, e);
			}
		}
		if (lanes.lanes() > 1) {
			fill(); // the lane just freed starts the next image while the caller writes this one
		}
		return r;
	}

	/**
	 * Submits images until every lane has one, none remains, or another of the last one's size
	 * would pass the budget.
	 */
	private void fill() {
		while (!stopped && inFlight.size() < lanes.lanes() && submitted < items.size()
			&& (inFlight.isEmpty() || inFlightBytes + lastBytes <= budget))
		{
			Prefetcher.Outcome<ImageClassification.Prepared> o;
			try {
				o = ahead.next();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new EngineException("Interrupted while reading images; run again to"
					+ " resume.", e);
			}
			I item = items.get(submitted++);
			ImageClassification.Prepared prepared;
			try {
				prepared = o.get(); // an Error the reader met is thrown here
			}
			catch (RuntimeException e) {
				inFlight.add(new Pending<>(item, null, e, 0));
				continue;
			}
			lastBytes = bytes(prepared);
			inFlightBytes += lastBytes;
			inFlight.add(new Pending<>(item, lanes.submit(() -> ImageClassification.run(
				classifier, prepared, perSlice)), null, lastBytes));
		}
	}

	/** @return the bytes an image holds while it is classified: its pixels and converted input */
	static long bytes(ImageClassification.Prepared p) {
		long b = (long) p.image().getSizeInBytes();
		for (float[] chw : p.converted()) {
			b += 4L * chw.length;
		}
		return b;
	}

	/**
	 * Stops reading ahead and waits for the images being classified (a lane stops between
	 * slices when the progress says cancelled); their results are dropped and their pixels
	 * flushed.
	 */
	@Override
	public void close() {
		ahead.close();
		for (Pending<I> p : inFlight) {
			if (p.work() == null) {
				continue;
			}
			try {
				ClassifiedImage ci = PassLanes.await(p.work(), "the model ran");
				ci.image().flush();
			}
			catch (RuntimeException e) {
				// dropped with its image
			}
		}
		inFlight.clear();
	}
}
