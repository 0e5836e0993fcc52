// Classify the current image with a CSRA model (Plugins > CSRA > CSRA Classify).
// The labels and every class's score go to the "CSRA Results" table, one row per image
// (or per slice with all_slices). Rows append across runs.
//
// Usage: open an image, then Plugins > Macros > Run... this file. Pass the model file as the
// macro argument (e.g. -macro classify_current_image.ijm /path/to/model.json), or choose it.

model = getArgument();
if (model == "")
	model = File.openDialog("Choose a CSRA model spec (.json) or checkpoint (.pth)");

// model=[other file] uses model_file; to use a spec installed in Fiji.app/models/csra,
// give its name instead, e.g. model=[resnet101_voc07_head1_lam0.1] (model_file is then ignored).
// Every input is named (check boxes as key=true or key=false), so no dialog opens and no value
// remembered from an earlier session is used; all_slices=true classifies every slice.
run("CSRA Classify", "model=[other file] model_file=[" + model + "] device=auto threshold=0.5 scaling=[display range] all_slices=false use_selection=true");
