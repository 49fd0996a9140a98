"""The pages of the app, one module per subject; urls.py names them."""
