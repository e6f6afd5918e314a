# Copied into the environment's etc/ipython by `make install`: every kernel of the collection
# loads the extension that turns the errors a student meets into plain instructions.
c = get_config()  # noqa: F821
c.InteractiveShellApp.extensions = ["balkans_ipython"]
