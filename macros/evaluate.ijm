// Evaluate saved predictions against labels (Plugins > CSRA > CSRA Evaluate): the paper's
// metrics in the "CSRA Metrics" table, the AP of each class in "CSRA AP per class", and the
// precision-recall curves in the "CSRA Precision-Recall" plot; all three are also saved as
// CSV and PNG in a folder.
//
// Usage: run it and choose the predictions CSV (header image,<class...>, as Batch Classify or
// `csra.jar evaluate --predictions-out` write it), the labels (label CSV, prepared JSON list,
// COCO/WIDER annotation file; a VOC folder can be typed in the dialog) and an output folder.
// To run a model over a dataset instead: scores=model model=[other file] model_file=[spec.json]
// dataset_kind=voc2007 dataset_path=[.../VOCdevkit] predictions_out=[scores.csv] batch=8.

predictions = File.openDialog("Choose the predictions CSV");
labels = File.openDialog("Choose the labels (CSV or JSON)");
out = getDirectory("Choose a folder for the tables and the plot");

// Every input is named (the model ones empty), so no dialog opens.
run("CSRA Evaluate", "scores=predictions_csv predictions_csv=[" + predictions + "] labels_file=[" + labels + "] model=[other file] model_file=[] device=auto dataset_kind=voc2007 dataset_path=[] predictions_out=[] batch=8 threshold=0.5 convention=auto output_dir=[" + out + "]");

selectWindow("CSRA Metrics");
print("mAP: " + d2s(Table.get("mAP", 0), 2) + "  OF1: " + d2s(Table.get("OF1", 0), 2) + "  CF1: " + d2s(Table.get("CF1", 0), 2));
