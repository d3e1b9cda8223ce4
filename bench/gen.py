#!/usr/bin/env python3
"""Generates the synthetic benchmark corpus (issue 7).

For N outages it writes two equivalent sites under OUT:

  OUT/varsel/  varsel.yaml (the repository's), content/ (the repository's
               pages plus PAGES synthetic pages under content/sider/) and
               outages/<id>.yaml: planned outages on working days whose
               windows contain NOW, each with a ~4 KB Markdown description,
               three municipalities and one update.
  OUT/hugo/    the same Markdown bodies as Hugo content (content/outages/,
               content/sider/), front matter with the same fields, data files
               for systems and municipalities, and single/list/index
               templates of the same shape as varsel's default theme.
               RSS on (home and sections), taxonomies and sitemap off.
  OUT/zola/    the same for Zola: TOML front matter with the same fields,
               systems and municipalities in config.extra, base/index/
               section/page templates of the same shape; feeds on (home and
               the outages section), taxonomies off (Zola always writes a
               sitemap, robots.txt and 404 page).

With --ledger K it also writes OUT/ledger.jsonl: K ledger records (the
announce and reminder of every outage, sending + sent, then history for
outages no longer on disk) for timing `varsel plan`.

Deterministic: the same arguments give byte-identical files.
Standard library only.
"""

import argparse
import json
import os
import random
import shutil
from datetime import datetime, timedelta

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The benchmark's `now`: a Wednesday, no Norwegian holiday near it.
NOW = "2027-03-10 12:00"
NOW_DT = datetime(2027, 3, 10, 12, 0)
OFFSET = "+01:00"  # Europe/Oslo in March before DST

MUNICIPALITIES = [
    "fredrikstad", "sarpsborg", "halden", "moss", "indre-ostfold", "rade",
    "rakkestad", "marker", "aremark", "skiptvet", "valer", "hvaler",
]
SYSTEMS = ["plo", "dialogmeldinger", "epikrise"]

WORDS = (
    "meldingene sykehuset kommunen pasienten koordinatortelefonen nødrutinen "
    "utskrivningsklar innleggelsesrapport helseopplysninger sykepleier "
    "avdelingen vakthavende journal dokumentasjon telefon samhandling "
    "PLO-meldinger dialogmeldinger epikriser integrasjonen meldingstjeneren "
    "oppgraderingen vedlikeholdet leverandøren driftsavdelingen kontrollert "
    "sendt mottatt registrert ringt notert avklart ventet viktig raskt "
    "senere igjen fortsatt alltid aldri samme neste forrige hver alle noen "
    "og eller men for med uten etter før under når hvis slik at som det den"
).split()


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def plain(rng, lo, hi):
    """Words without markup (titles are plain text)."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    while len(" ".join(words)) > 60:  # titles stay well under 120 characters
        words.pop()
    return " ".join(words)


def paragraph(rng, sentences=(3, 6)):
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def markdown_body(rng, target):
    """Markdown of about `target` bytes: headings, paragraphs, lists, a link."""
    parts = []
    headings = ["Hva skjer", "Hva du gjør", "Hvem som er berørt", "Etterpå", "Spørsmål"]
    h = 0
    while sum(len(p) + 2 for p in parts) < target:
        kind = len(parts) % 5
        if kind == 0:
            parts.append(f"## {headings[h % len(headings)]}")
            h += 1
        elif kind == 2:
            parts.append("\n".join(f"- {sentence(rng, 4, 9)}" for _ in range(4)))
        elif kind == 4:
            parts.append("\n".join(f"{i}. {sentence(rng, 5, 10)}" for i in range(1, 4)))
        else:
            text = paragraph(rng)
            if rng.random() < 0.3:
                text += " Se [nødrutinen](https://intranett.example.org/nedetid/nodrutiner/plo/)."
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def outage(i):
    """Fields of outage `i` (deterministic)."""
    rng = random.Random(i)
    start = datetime(2027, 3, 10, 7, 0) + timedelta(minutes=i % 240)
    end = start + timedelta(hours=8)
    return {
        "id": f"2027-03-10-bench-{i:06d}",
        "title": f"Planlagt vedlikehold {i}: {plain(rng, 3, 6)}",
        "start": start,
        "end": end,
        "systems": sorted(rng.sample(SYSTEMS, rng.randint(1, 2))),
        "municipalities": sorted(rng.sample(MUNICIPALITIES, 3)),
        "routine": "nodrutiner/plo",
        "update_at": start + timedelta(minutes=5),
        "update": sentence(rng),
        "description": markdown_body(rng, 4000),
    }


def page(i):
    rng = random.Random(1_000_000 + i)
    return {
        "path": f"sider/side-{i:03d}",
        "title": f"Side {i}: {plain(rng, 2, 4)}",
        "description": sentence(rng, 6, 10),
        "weight": i,
        "body": markdown_body(rng, 2000),
    }


def hm(dt):
    return dt.strftime("%Y-%m-%d %H:%M")


def rfc(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + OFFSET


def indent(text, prefix="  "):
    return "".join(prefix + line if line.strip() else "\n" for line in text.splitlines(True))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def quoted(text):
    """A double-quoted string literal, valid in YAML and in TOML."""
    return json.dumps(text, ensure_ascii=False)


def fresh_dir(out, name):
    """OUT/NAME, emptied."""
    root = os.path.join(out, name)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    return root


def write_varsel(out, n, pages):
    root = fresh_dir(out, "varsel")
    shutil.copy(os.path.join(REPO, "varsel.yaml"), root)
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(root, "content"))
    os.makedirs(os.path.join(root, "outages"))
    for i in range(n):
        o = outage(i)
        write(
            os.path.join(root, "outages", o["id"] + ".yaml"),
            f"title: {quoted(o['title'])}\n"
            "kind: planned\n"
            f"start: {hm(o['start'])}\n"
            f"end: {hm(o['end'])}\n"
            f"systems: [{', '.join(o['systems'])}]\n"
            f"municipalities: [{', '.join(o['municipalities'])}]\n"
            f"routine: {o['routine']}\n"
            "description: |\n"
            + indent(o["description"])
            + "updates:\n"
            f"  - {{ at: {hm(o['update_at'])}, text: {quoted(o['update'])} }}\n",
        )
    for i in range(pages):
        p = page(i)
        write(
            os.path.join(root, "content", p["path"] + ".md"),
            f"---\ntitle: {quoted(p['title'])}\ndescription: {quoted(p['description'])}\n"
            f"weight: {p['weight']}\n---\n\n{p['body']}",
        )


HUGO_CONFIG = """baseURL = "https://intranett.example.org/nedetid/"
languageCode = "nb"
title = "Nedetid i elektronisk meldingsutveksling"
buildFuture = true
disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
page = ["HTML"]
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#main">Hopp til innholdet</a>
<header class="site-header"><div class="wrap">
<p class="site-title"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
<nav aria-label="Hovedmeny"><ul>
<li><a href="{{ "/" | relURL }}">Forside</a></li>
{{ partialCached "nav.html" . }}<li><a href="{{ "kommuner/" | relURL }}">Kommuner</a></li>
</ul></nav>
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
{{ block "main" . }}{{ end }}
</div></main>
<footer class="site-footer"><div class="wrap">
<p>Generert: <time datetime="{{ now.Format "2006-01-02T15:04:05Z07:00" }}">{{ now.Format "2. January 2006 15:04" }}</time></p>
</div></footer>
</body>
</html>
"""

HUGO_CARD = """<article class="notice notice-ongoing" data-notice data-start="{{ .Params.start }}" aria-labelledby="n-{{ .File.BaseFileName }}">
  <h3 id="n-{{ .File.BaseFileName }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="meta"><span class="status status-ongoing">Pågår</span> <span class="kind">Planlagt</span></p>
  <dl class="times">
    <div><dt>Startet</dt><dd><time datetime="{{ .Params.start }}">{{ (time .Params.start).Format "2. January 2006 15:04" }}</time></dd></div>
    <div><dt>Slutt</dt><dd><time datetime="{{ .Params.end }}">{{ (time .Params.end).Format "2. January 2006 15:04" }}</time></dd></div>
  </dl>
  <p class="affected">{{ range $i, $s := .Params.systems }}{{ if $i }}, {{ end }}{{ (index site.Data.systems $s).name }}{{ end }} –
    {{ range $i, $m := .Params.municipalities }}{{ if $i }}, {{ end }}{{ (index site.Data.municipalities $m).name }}{{ end }}</p>
  <p><a href="{{ .RelPermalink }}">Les mer<span class="visually-hidden">: {{ .Title }}</span></a></p>
</article>
"""

# The navigation (top-level pages) is the same on every page: computed once.
HUGO_NAV = """{{ range site.Home.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}"""

HUGO_SINGLE = """{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "main" }}
{{ if eq .Section "outages" }}
<article class="notice notice-page notice-ongoing" data-notice data-start="{{ .Params.start }}" aria-labelledby="title">
  <p class="meta"><span class="status status-ongoing">Pågår</span> <span class="kind">Planlagt</span></p>
  <h1 id="title">{{ .Title }}</h1>
  <dl class="times times-large">
    <div><dt>Startet</dt><dd><time datetime="{{ .Params.start }}">{{ (time .Params.start).Format "2. January 2006 15:04" }}</time></dd></div>
    <div><dt>Slutt</dt><dd><time datetime="{{ .Params.end }}">{{ (time .Params.end).Format "2. January 2006 15:04" }}</time></dd></div>
  </dl>
  <p class="pass-on"><strong>Gi beskjed videre til kolleger som trenger det.</strong></p>
  <section aria-labelledby="h-systems"><h2 id="h-systems">Hva er nede</h2>
    <ul class="systems">
      {{ range .Params.systems }}{{ $s := index site.Data.systems . }}<li><strong>{{ $s.name }}</strong> – {{ $s.description }}</li>
      {{ end }}
    </ul>
  </section>
  <section aria-labelledby="h-routine" class="routine"><h2 id="h-routine">Nødrutine</h2>
    {{ with site.GetPage (printf "/%s" .Params.routine) }}<p class="no-print"><a href="{{ .RelPermalink }}">Les hele nødrutinen: {{ .Title }}</a></p>{{ end }}
  </section>
  <section aria-labelledby="h-phones" class="phones"><h2 id="h-phones">Koordinatortelefoner</h2>
    <table><thead><tr><th scope="col">Kommune</th><th scope="col">Telefon</th></tr></thead><tbody>
      {{ range .Params.municipalities }}{{ $m := index site.Data.municipalities . }}<tr><th scope="row">{{ $m.name }}</th><td><a href="tel:{{ replace $m.coordinator_phone " " "" }}">{{ $m.coordinator_phone }}</a></td></tr>
      {{ end }}
    </tbody></table>
  </section>
  <section aria-labelledby="h-description" class="description"><h2 id="h-description">Beskrivelse</h2>
    {{ .Content }}
  </section>
  {{ with .Params.updates }}<section aria-labelledby="h-updates" class="updates"><h2 id="h-updates">Oppdateringer</h2>
    <ol class="timeline">{{ range . }}<li><time datetime="{{ .at }}">{{ (time .at).Format "2. January 2006 15:04" }}</time><div>{{ .text | markdownify }}</div></li>{{ end }}</ol>
  </section>{{ end }}
</article>
{{ else }}
<article class="content">
  <h1>{{ .Title }}</h1>
  {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
  {{ .Content }}
</article>
{{ end }}
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

HUGO_INDEX = """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<section aria-labelledby="h-ongoing">
  <h2 id="h-ongoing">Pågår nå</h2>
  {{ range (where site.RegularPages "Section" "outages").ByDate }}{{ partial "card.html" . }}{{ end }}
</section>
{{ end }}
"""


def write_hugo(out, n, pages):
    root = fresh_dir(out, "hugo")
    write(os.path.join(root, "config.toml"), HUGO_CONFIG)
    layouts = os.path.join(root, "layouts")
    write(os.path.join(layouts, "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(layouts, "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(layouts, "_default", "list.html"), HUGO_LIST)
    write(os.path.join(layouts, "index.html"), HUGO_INDEX)
    write(os.path.join(layouts, "partials", "card.html"), HUGO_CARD)
    write(os.path.join(layouts, "partials", "nav.html"), HUGO_NAV)
    shutil.copytree(
        os.path.join(REPO, "themes", "default", "static"), os.path.join(root, "static", "static")
    )
    # Data: the same systems and municipalities as varsel.yaml (names, phones).
    data = os.path.join(root, "data")
    os.makedirs(data)
    munis = {m: {"name": m.capitalize(), "coordinator_phone": f"+47 00 00 01 {k + 1:02d}"}
             for k, m in enumerate(MUNICIPALITIES)}
    systems = {s: {"name": s, "description": sentence(random.Random(s), 12, 20)} for s in SYSTEMS}
    write(os.path.join(data, "municipalities.json"), json.dumps(munis, ensure_ascii=False))
    write(os.path.join(data, "systems.json"), json.dumps(systems, ensure_ascii=False))
    # The repository's own pages (the routine pages the outages link to).
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(root, "content"))
    write(os.path.join(root, "content", "outages", "_index.md"), "---\ntitle: Nedetid\n---\n")
    write(os.path.join(root, "content", "sider", "_index.md"), "---\ntitle: Sider\n---\n")
    for i in range(n):
        o = outage(i)
        write(
            os.path.join(root, "content", "outages", o["id"] + ".md"),
            "---\n"
            f"title: {quoted(o['title'])}\n"
            f"date: {rfc(o['start'])}\n"
            "kind: planned\n"
            f"start: {rfc(o['start'])}\n"
            f"end: {rfc(o['end'])}\n"
            f"systems: [{', '.join(o['systems'])}]\n"
            f"municipalities: [{', '.join(o['municipalities'])}]\n"
            f"routine: {o['routine']}\n"
            "updates:\n"
            f"  - {{ at: {rfc(o['update_at'])}, text: {quoted(o['update'])} }}\n"
            "---\n\n" + o["description"],
        )
    for i in range(pages):
        p = page(i)
        write(
            os.path.join(root, "content", p["path"] + ".md"),
            f"---\ntitle: {quoted(p['title'])}\ndescription: {quoted(p['description'])}\n"
            f"weight: {p['weight']}\n---\n\n{p['body']}",
        )


ZOLA_CONFIG = """base_url = "https://intranett.example.org/nedetid"
title = "Nedetid i meldingsutvekslingen"
default_language = "nb"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["rss.xml"]
taxonomies = []

[extra]
"""

ZOLA_BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ get_url(path='static/style.css') }}">
<link rel="alternate" type="application/rss+xml" href="{{ get_url(path='rss.xml', trailing_slash=false) }}">
</head>
<body>
<a class="skip-link" href="#main">Hopp til innholdet</a>
<header class="site-header"><div class="wrap">
<p class="site-title"><a href="{{ get_url(path='/') }}">{{ config.title }}</a></p>
<nav aria-label="Hovedmeny"><ul>
<li><a href="{{ get_url(path='/') }}">Forside</a></li>
{% set home = get_section(path="_index.md") %}{% for p in home.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>
{% endfor %}<li><a href="{{ get_url(path='kommuner/') }}">Kommuner</a></li>
</ul></nav>
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
{% block main %}{% endblock main %}
</div></main>
<footer class="site-footer"><div class="wrap">
<p>Generert: <time datetime="{{ now() | date(format='%Y-%m-%dT%H:%M:%S%:z') }}">{{ now() | date(format='%-d. %B %Y %H:%M') }}</time></p>
</div></footer>
</body>
</html>
"""

ZOLA_CARD = """<article class="notice notice-ongoing" data-notice data-start="{{ page.extra.start }}" aria-labelledby="n-{{ page.slug }}">
  <h3 id="n-{{ page.slug }}"><a href="{{ page.permalink }}">{{ page.title }}</a></h3>
  <p class="meta"><span class="status status-ongoing">Pågår</span> <span class="kind">Planlagt</span></p>
  <dl class="times">
    <div><dt>Startet</dt><dd><time datetime="{{ page.extra.start }}">{{ page.extra.start | date(format='%-d. %B %Y %H:%M') }}</time></dd></div>
    <div><dt>Slutt</dt><dd><time datetime="{{ page.extra.end }}">{{ page.extra.end | date(format='%-d. %B %Y %H:%M') }}</time></dd></div>
  </dl>
  <p class="affected">{% for s in page.extra.systems %}{% if not loop.first %}, {% endif %}{{ config.extra.systems[s].name }}{% endfor %} –
    {% for m in page.extra.municipalities %}{% if not loop.first %}, {% endif %}{{ config.extra.municipalities[m].name }}{% endfor %}</p>
  <p><a href="{{ page.permalink }}">Les mer<span class="visually-hidden">: {{ page.title }}</span></a></p>
</article>
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} – {{ config.title }}{% endblock title %}
{% block main %}
{% if page.components and page.components[0] == "outages" %}
<article class="notice notice-page notice-ongoing" data-notice data-start="{{ page.extra.start }}" aria-labelledby="title">
  <p class="meta"><span class="status status-ongoing">Pågår</span> <span class="kind">Planlagt</span></p>
  <h1 id="title">{{ page.title }}</h1>
  <dl class="times times-large">
    <div><dt>Startet</dt><dd><time datetime="{{ page.extra.start }}">{{ page.extra.start | date(format='%-d. %B %Y %H:%M') }}</time></dd></div>
    <div><dt>Slutt</dt><dd><time datetime="{{ page.extra.end }}">{{ page.extra.end | date(format='%-d. %B %Y %H:%M') }}</time></dd></div>
  </dl>
  <p class="pass-on"><strong>Gi beskjed videre til kolleger som trenger det.</strong></p>
  <section aria-labelledby="h-systems"><h2 id="h-systems">Hva er nede</h2>
    <ul class="systems">
      {% for s in page.extra.systems %}{% set sys = config.extra.systems[s] %}<li><strong>{{ sys.name }}</strong> – {{ sys.description }}</li>
      {% endfor %}
    </ul>
  </section>
  <section aria-labelledby="h-routine" class="routine"><h2 id="h-routine">Nødrutine</h2>
    {% set routine = get_page(path=page.extra.routine ~ ".md", metadata_only=true) %}<p class="no-print"><a href="{{ routine.permalink }}">Les hele nødrutinen: {{ routine.title }}</a></p>
  </section>
  <section aria-labelledby="h-phones" class="phones"><h2 id="h-phones">Koordinatortelefoner</h2>
    <table><thead><tr><th scope="col">Kommune</th><th scope="col">Telefon</th></tr></thead><tbody>
      {% for m in page.extra.municipalities %}{% set mu = config.extra.municipalities[m] %}<tr><th scope="row">{{ mu.name }}</th><td><a href="tel:{{ mu.coordinator_phone | replace(from=' ', to='') }}">{{ mu.coordinator_phone }}</a></td></tr>
      {% endfor %}
    </tbody></table>
  </section>
  <section aria-labelledby="h-description" class="description"><h2 id="h-description">Beskrivelse</h2>
    {{ page.content | safe }}
  </section>
  {% if page.extra.updates %}<section aria-labelledby="h-updates" class="updates"><h2 id="h-updates">Oppdateringer</h2>
    <ol class="timeline">{% for u in page.extra.updates %}<li><time datetime="{{ u.at }}">{{ u.at | date(format='%-d. %B %Y %H:%M') }}</time><div>{{ u.text | markdown(inline=true) | safe }}</div></li>{% endfor %}</ol>
  </section>{% endif %}
</article>
{% else %}
<article class="content">
  <h1>{{ page.title }}</h1>
  {% if page.description %}<p class="lead">{{ page.description }}</p>{% endif %}
  {{ page.content | safe }}
</article>
{% endif %}
{% endblock main %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block main %}
<h1>{{ section.title }}</h1>
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock main %}
"""

ZOLA_INDEX = """{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
<section aria-labelledby="h-ongoing">
  <h2 id="h-ongoing">Pågår nå</h2>
  {% set outages = get_section(path="outages/_index.md") %}{% for page in outages.pages %}{% include "card.html" %}{% endfor %}
</section>
{% endblock main %}
"""


def write_zola(out, n, pages):
    """The Zola site: the same content, fields and template shapes as Hugo's."""
    root = fresh_dir(out, "zola")
    # Systems and municipalities in config.extra (Hugo: data files).
    extra = ["[extra.systems]"]
    for s in SYSTEMS:
        extra.append(f"{s} = {{ name = {quoted(s)}, description = "
                     f"{quoted(sentence(random.Random(s), 12, 20))} }}")
    extra.append("[extra.municipalities]")
    for k, m in enumerate(MUNICIPALITIES):
        extra.append(f"{quoted(m)} = {{ name = {quoted(m.capitalize())}, "
                     f"coordinator_phone = \"+47 00 00 01 {k + 1:02d}\" }}")
    write(os.path.join(root, "config.toml"), ZOLA_CONFIG + "\n".join(extra) + "\n")
    templates = os.path.join(root, "templates")
    write(os.path.join(templates, "base.html"), ZOLA_BASE)
    write(os.path.join(templates, "card.html"), ZOLA_CARD)
    write(os.path.join(templates, "page.html"), ZOLA_PAGE)
    write(os.path.join(templates, "section.html"), ZOLA_SECTION)
    write(os.path.join(templates, "index.html"), ZOLA_INDEX)
    shutil.copytree(
        os.path.join(REPO, "themes", "default", "static"), os.path.join(root, "static", "static")
    )
    content = os.path.join(root, "content")
    shutil.copytree(os.path.join(REPO, "content"), content)
    write(os.path.join(content, "_index.md"), "+++\nsort_by = \"weight\"\n+++\n")
    write(os.path.join(content, "nodrutiner", "_index.md"), "+++\ntitle = \"Nødrutiner\"\n+++\n")
    write(os.path.join(content, "outages", "_index.md"),
          "+++\ntitle = \"Nedetid\"\nsort_by = \"date\"\ngenerate_feeds = true\n+++\n")
    write(os.path.join(content, "sider", "_index.md"), "+++\ntitle = \"Sider\"\n+++\n")
    for i in range(n):
        o = outage(i)
        write(
            os.path.join(content, "outages", o["id"] + ".md"),
            "+++\n"
            f"title = {quoted(o['title'])}\n"
            f"date = {rfc(o['start'])}\n"
            "[extra]\n"
            "kind = \"planned\"\n"
            f"start = {quoted(rfc(o['start']))}\n"
            f"end = {quoted(rfc(o['end']))}\n"
            f"systems = {json.dumps(o['systems'])}\n"
            f"municipalities = {json.dumps(o['municipalities'])}\n"
            f"routine = {quoted(o['routine'])}\n"
            f"updates = [{{ at = {quoted(rfc(o['update_at']))}, text = {quoted(o['update'])} }}]\n"
            "+++\n\n" + o["description"],
        )
    for i in range(pages):
        p = page(i)
        write(
            os.path.join(content, p["path"] + ".md"),
            f"+++\ntitle = {quoted(p['title'])}\ndescription = {quoted(p['description'])}\n"
            f"weight = {p['weight']}\n+++\n\n{p['body']}",
        )


def write_ledger(out, n, records):
    """`records` ledger lines: notices of the site's outages, then history."""
    lines = []

    def notice(oid, kind, start, end, at):
        for state in ("sending", "sent"):
            lines.append(json.dumps({
                "v": 1, "outage": oid, "kind": kind, "state": state,
                "start": rfc(start), "end": rfc(end), "at": rfc(at),
                "message_id": f"<{oid}.{kind}@example.org>",
            }))

    for i in range(n):
        if len(lines) >= records:
            break
        o = outage(i)
        day_before = (o["start"] - timedelta(days=1)).replace(hour=11, minute=0)
        notice(o["id"], "announce", o["start"], o["end"], day_before)
        notice(o["id"], "reminder", o["start"], o["end"], o["start"].replace(hour=7, minute=0))
    k = 0
    while len(lines) < records:
        start = datetime(2020, 1, 6, 9, 0) + timedelta(days=k // 20, minutes=k % 20)
        oid = f"{start:%Y-%m-%d}-history-{k:06d}"
        notice(oid, "announce", start, start + timedelta(hours=4), start - timedelta(hours=22))
        k += 1
    with open(os.path.join(out, "ledger.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:records]) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of outages")
    ap.add_argument("out", help="output folder (varsel/, hugo/ and zola/ are replaced)")
    ap.add_argument("--pages", type=int, default=200, help="synthetic content pages (200)")
    ap.add_argument("--ledger", type=int, default=0, metavar="K", help="also write K ledger records")
    ap.add_argument("--only", choices=["varsel", "hugo", "zola", "ledger"], help="write only this")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.only in (None, "varsel"):
        write_varsel(args.out, args.n, args.pages)
    if args.only in (None, "hugo"):
        write_hugo(args.out, args.n, args.pages)
    if args.only in (None, "zola"):
        write_zola(args.out, args.n, args.pages)
    if args.ledger:
        write_ledger(args.out, args.n, args.ledger)
    print(f"bench/gen.py: {args.n} outages, {args.pages} pages -> {args.out} (now {NOW})")


if __name__ == "__main__":
    main()
