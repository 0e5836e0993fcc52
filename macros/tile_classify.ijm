// Classify a large image tile by tile at native resolution (Plugins > CSRA > CSRA Tile Classify):
// a "CSRA Tiles" table with one row per tile (x, y, w, h, labels, a score per class), a score
// map at tile resolution and a stitched map of the classes, both calibrated like the image and
// holding one channel per class.
//
// Usage: open the image (a slide, a tile scan; the current plane is tiled), then run this
// macro; pass the model file as the macro argument or choose it.

model = getArgument();
if (model == "")
	model = File.openDialog("Choose a CSRA model spec (.json) or checkpoint (.pth)");
title = getTitle();

// tile_size=0 tiles at the model's input size (scale 1); overlap and map_step are image pixels.
// channels=[2,1,0] feeds channel 2 to red, 1 to green and nothing to blue; percentiles=[1,99.8]
// windows intensities as StarDist does. Every input is named, so no dialog opens.
run("CSRA Tile Classify", "model=[other file] model_file=[" + model + "] device=auto threshold=0.5 scaling=[display range] all_slices=false channels=[] percentiles=[] batch=8 tile_size=0 overlap=32 map_step=16");

// The maps are ordinary image windows:
selectImage("CSRA Tile Map of " + title);
print("Stitched map: " + getWidth() + " x " + getHeight() + " pixels, " + nSlices + " classes");
