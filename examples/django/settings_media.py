"""Media settings for a Django app deployed by examples/workflows/django.yml (an excerpt of settings.py).

The workflow's mediasync step writes mysite/media.env (loaded into the environment before Django
starts) and mysite/mediasync-manifest.json. Locally neither exists and media is served from
MEDIA_ROOT at /devmedia/, as with django-mediasync.
"""

import os
from pathlib import Path

SETTINGS_DIR = Path(__file__).resolve().parent

MEDIASYNC = {
    "MEDIA_ROOT": "media",
    "SERVE_REMOTE": os.environ.get("MEDIASYNC_SERVE_REMOTE", "false") == "true",
    # The workflow's media-url output: https://my-site-media.s3.eu-west-1.amazonaws.com/site/media
    "MEDIA_URL_REMOTE": os.environ.get("MEDIASYNC_MEDIA_URL", ""),
    # The cache-buster output: the same value until the media changes.
    "CACHE_BUSTER": os.environ.get("MEDIASYNC_CACHE_BUSTER", ""),
}

MEDIA_URL = MEDIASYNC["MEDIA_URL_REMOTE"] + "/" if MEDIASYNC["SERVE_REMOTE"] else "/devmedia/"

# The path of the manifest the sync wrote (every synced file with its URL and cache-buster, and the
# JOINED bundles with their parts), which the template tags read; MEDIASYNC_SERVE_REMOTE flips them
# between the remote copy and MEDIA_URL.
MEDIASYNC_MANIFEST = os.environ.get("MEDIASYNC_MANIFEST_PATH", str(SETTINGS_DIR / "mediasync-manifest.json"))
MEDIASYNC_SERVE_REMOTE = MEDIASYNC["SERVE_REMOTE"]
