"""{% load media %} then {% media_url 'images/x.png' %}, {% js 'joined.js' %}, {% css 'joined.css' %},
{% css_print 'print.css' %}, as in django-mediasync, and {% importmap %} (FINGERPRINT's ES modules),
rendered from MEDIASYNC_MANIFEST (the path of the manifest `mediasync sync` wrote). Add
'django.template.context_processors.request' so https pages get https media."""
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from ..mediasync_manifest import DEFAULT_CSS_MEDIA, MediaTags, load_manifest

register = template.Library()


@lru_cache(maxsize=1)
def _manifest():
    return load_manifest(settings.MEDIASYNC_MANIFEST)


def _tags(context):
    request = context.get("request")
    # MEDIASYNC_SERVE_REMOTE, when set, flips local/remote without a new sync (e.g. = not DEBUG).
    return MediaTags(
        _manifest(),
        remote=getattr(settings, "MEDIASYNC_SERVE_REMOTE", None),
        secure=request.is_secure() if request is not None else False,
    )


@register.simple_tag(takes_context=True)
def media_url(context, path=None):
    return _tags(context).media_url(path)


@register.simple_tag(takes_context=True)
def js(context, path):
    return mark_safe(_tags(context).js(path))


@register.simple_tag(takes_context=True)
def css(context, path, media=DEFAULT_CSS_MEDIA):
    return mark_safe(_tags(context).css(path, media))


@register.simple_tag(takes_context=True)
def css_print(context, path):
    return mark_safe(_tags(context).css_print(path))


@register.simple_tag(takes_context=True)
def importmap(context):
    return mark_safe(_tags(context).importmap())
