// The ViT module; see DESIGN.md's module table.
