"""The web: the JSON API, the pages and live updates, over the service (see `app.create_app`)."""
