"""The seed's media_url, js, css and css_print, rendered from the manifest `mediasync sync` writes.

Plain Python (no Django import) so it can be tested on its own; templatetags/media.py wires it
into Django templates. The rules match the mediasync library's (src/render/tags.ts).
"""
import json
from html import escape
from urllib.parse import quote

DEFAULT_CSS_MEDIA = "screen, projection"
# Left as they are by JavaScript's encodeURIComponent, besides letters, digits and "-_.~".
_UNRESERVED = "!*'()"

_LINK = {
    "html4": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}">',
    "html5": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}">',
    "xhtml": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}" />',
}
_SCRIPT = {
    "html4": '<script type="text/javascript" charset="utf-8" src="{src}"></script>',
    "html5": '<script src="{src}"></script>',
    "xhtml": '<script type="text/javascript" charset="utf-8" src="{src}"></script>',
}


def load_manifest(path):
    with open(path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    if manifest.get("version") != 1:
        raise ValueError(f"{path} is not a mediasync manifest (version 1); write it again with mediasync sync")
    return manifest


def _encode(rel_path):
    # Each segment as encodeURIComponent encodes it, slashes kept.
    return "/".join(quote(segment, safe=_UNRESERVED) for segment in rel_path.lstrip("/").split("/"))


def _attr(value):
    return escape(value, quote=True).replace("&#x27;", "'")


class MediaTags:
    """The tags for one page: `remote` defaults to the manifest's SERVE_REMOTE; `secure` is the page's https."""

    def __init__(self, manifest, remote=None, secure=True):
        self.manifest = manifest
        self.remote = manifest["serveRemote"] if remote is None else remote
        self.secure = secure

    def _base(self):
        if not self.remote:
            return self.manifest["localMediaUrl"].rstrip("/")
        if self.secure:
            return self.manifest["mediaUrl"].rstrip("/")
        return self.manifest.get("insecureMediaUrl", self.manifest["mediaUrl"]).rstrip("/")

    def media_url(self, path=None):
        base = self._base()
        if not path:
            return base
        url = f"{base}/{_encode(path)}"
        # A CACHE_BUSTER function gave each synced file its own value.
        buster = self.manifest.get("cacheBusters", {}).get(path.lstrip("/"), self.manifest["cacheBuster"])
        return f"{url}?{quote(buster, safe=_UNRESERVED)}" if buster else url

    def _urls(self, shortcut, path):
        rel_path = f"{shortcut.rstrip('/')}/{path.lstrip('/')}" if shortcut else path.lstrip("/")
        parts = self.manifest["joined"].get(rel_path)
        expand = parts is not None and not self.remote and not self.manifest.get("emulateCombo", False)
        return [self.media_url(part) for part in (parts if expand else [rel_path])]

    def js(self, path):
        script = _SCRIPT[self.manifest["doctype"]]
        return "\n".join(script.format(src=_attr(url)) for url in self._urls(self.manifest["jsPath"], path))

    def css(self, path, media=DEFAULT_CSS_MEDIA):
        link = _LINK[self.manifest["doctype"]]
        return "\n".join(link.format(href=_attr(url), media=_attr(media)) for url in self._urls(self.manifest["cssPath"], path))

    def css_print(self, path):
        return self.css(path, "print")
