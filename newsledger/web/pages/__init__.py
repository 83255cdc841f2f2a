"""The web app's pages and JSON API, one router per page family (see ../app.py)."""
from . import api, claims, doc, docs, entity, home, search

ROUTERS = [home.router, entity.router, claims.router, doc.router, search.router,
           docs.router, api.router]
