"""The demo data of ``danvan demo`` (``make run``): a province, its villages and officers, initiatives, reception
and cases — apart from the runtime apps, which never import it. Its modules are imported only when the command
runs; the app is installed so that Django finds the command."""
