// @proximite/content: filled by its issue (see README). An empty module keeps `tsc -b` valid meanwhile.
export {};
