// The Tensor module; see DESIGN.md's module table.
