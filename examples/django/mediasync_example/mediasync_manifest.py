"""The seed's media_url, js, css and css_print, and importmap, rendered from the manifest `mediasync sync` writes.

Plain Python (no Django import) so it can be tested on its own; templatetags/media.py wires it
into Django templates. The rules match the mediasync library's (src/render/tags.ts).
"""
import json
from html import escape
from urllib.parse import quote

DEFAULT_CSS_MEDIA = "screen, projection"
# Left as they are by JavaScript's encodeURIComponent, besides letters, digits and "-_.~".
_UNRESERVED = "!*'()"

# {sri} is the SRI attributes (or nothing), written after the seed's own.
_LINK = {
    "html4": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}"{sri}>',
    "html5": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}"{sri}>',
    "xhtml": '<link rel="stylesheet" href="{href}" type="text/css" media="{media}"{sri} />',
}
_SCRIPT = {
    "html4": '<script type="text/javascript" charset="utf-8" src="{src}"{sri}></script>',
    "html5": '<script src="{src}"{sri}></script>',
    "xhtml": '<script type="text/javascript" charset="utf-8" src="{src}"{sri}></script>',
}
# A module needs type="module" whatever the doctype, so the classic type and charset go.
_MODULE_SCRIPT = '<script type="module" src="{src}"{sri}></script>'


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


def _sri(integrity):
    # crossorigin too: the browser checks integrity only on a CORS response.
    return f' integrity="{_attr(integrity)}" crossorigin="anonymous"' if integrity else ""


def _script_json(value):
    # As JSON.stringify writes it, with every "<" escaped so "</script>" cannot end the tag early.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


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

    def _file(self, rel_path):
        return self.manifest.get("files", {}).get(rel_path, {})

    def media_url(self, path=None):
        base = self._base()
        if not path:
            return base
        rel_path = path.lstrip("/")
        # A remote file the sync fingerprinted is at its content-hashed key, which needs no cache-buster.
        key = self._file(rel_path).get("key") if self.remote else None
        if key is not None:
            return f"{base}/{_encode(key)}"
        url = f"{base}/{_encode(rel_path)}"
        # A CACHE_BUSTER function gave each synced file its own value.
        buster = self.manifest.get("cacheBusters", {}).get(rel_path, self.manifest["cacheBuster"])
        return f"{url}?{quote(buster, safe=_UNRESERVED)}" if buster else url

    def _targets(self, shortcut, path):
        """(url, SRI attributes, is an ES module) for each tag a path stands for."""
        rel_path = f"{shortcut.rstrip('/')}/{path.lstrip('/')}" if shortcut else path.lstrip("/")
        parts = self.manifest["joined"].get(rel_path)
        expand = parts is not None and not self.remote and not self.manifest.get("emulateCombo", False)
        return [self._target(part) for part in (parts if expand else [rel_path])]

    def _target(self, rel_path):
        file = self._file(rel_path)
        # The integrity is of the synced bytes: local files are the unminified sources.
        sri = _sri(file.get("integrity")) if self.remote else ""
        return _attr(self.media_url(rel_path)), sri, file.get("module") is True

    def js(self, path):
        script = _SCRIPT[self.manifest["doctype"]]
        return "\n".join(
            (_MODULE_SCRIPT if module else script).format(src=url, sri=sri)
            for url, sri, module in self._targets(self.manifest["jsPath"], path)
        )

    def css(self, path, media=DEFAULT_CSS_MEDIA):
        link = _LINK[self.manifest["doctype"]]
        return "\n".join(
            link.format(href=url, media=_attr(media), sri=sri) for url, sri, _module in self._targets(self.manifest["cssPath"], path)
        )

    def css_print(self, path):
        return self.css(path, "print")

    def importmap(self):
        """Each fingerprinted ES module's, and imported file's, logical URL mapped to its stored one (a
        relative import inside a hashed module then finds the hashed file), with their integrity;
        locally an empty map."""
        imports, integrity = {}, {}
        if self.remote:
            base = self._base()
            for rel_path, file in self.manifest.get("files", {}).items():
                if (file.get("module") is not True and file.get("imported") is not True) or file.get("key") is None:
                    continue
                url = f"{base}/{_encode(file['key'])}"
                imports[f"{base}/{_encode(rel_path)}"] = url
                if file.get("integrity"):
                    integrity[url] = file["integrity"]
        importmap = {"imports": dict(sorted(imports.items()))}
        if integrity:
            importmap["integrity"] = dict(sorted(integrity.items()))
        return f'<script type="importmap">{_script_json(importmap)}</script>'
