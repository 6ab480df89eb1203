"""What is written back: the table of kinds, templates rendered into messages, one path to place them."""
