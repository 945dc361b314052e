"""Working as a team: the layer selector (whose annotations are shown), adjudication and its model, the agreement window and the thread that computes them."""
