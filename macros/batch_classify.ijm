// Classify every image of a folder with a CSRA model (Plugins > CSRA > CSRA Batch Classify)
// into a CSV: file, c, z, t, labels, error, then one score column per class. Safe headless;
// run it again after a stop and it resumes (files already in the CSV are skipped). A file
// that cannot be read gets an error row and the batch goes on.
//
// Argument (optional): model|input folder|output CSV|attention folder (may be empty), e.g.
//   ImageJ-linux64 --headless --console -macro batch_classify.ijm \
//     "/models/voc.json|/data/images|/data/labels.csv|"
// Without an argument the macro asks for each.

arg = getArgument();
if (arg != "") {
	parts = split(arg, "|");
	model = parts[0];
	dir = parts[1];
	csv = parts[2];
	att = "";
	if (parts.length > 3)
		att = parts[3];
} else {
	model = File.openDialog("Choose a CSRA model spec (.json) or checkpoint (.pth)");
	dir = getDirectory("Choose the folder of images");
	csv = dir + "csra_results.csv";
	att = "";
}

// model=[other file] uses model_file; to use a spec installed in Fiji.app/models/csra,
// give its name instead, e.g. model=[resnet101_voc07_head1_lam0.1] (model_file is then ignored).
// Every input is named (check boxes as key=true or key=false), so no dialog opens.
run("CSRA Batch Classify", "model=[other file] model_file=[" + model + "] device=auto threshold=0.5 scaling=[display range] all_slices=false input_dir=[" + dir + "] recursive=true file_pattern=[*.{tif,tiff,png,jpg,jpeg}] output_csv=[" + csv + "] attention_dir=[" + att + "] shard=[]");
