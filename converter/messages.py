"""The message catalogue: every word the tool generates inside an edition, in French and English.

Place in the pipeline: used by transforms (the reader's note) and writers (navigation labels, note
backlinks, page labels, accessibility summary). The language is the document's: ``meta.lang``; any
language other than English falls back to French, the carnets' language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the catalogue is imported by tree-free code (the CLI's help); keep it light
    from .tree import Meta

MESSAGES: dict[str, dict[str, str]] = {
    "toc": {"fr": "Table des matières", "en": "Table of contents"},
    "notes": {"fr": "Notes", "en": "Notes"},
    "skip_link": {"fr": "Aller au contenu", "en": "Skip to content"},
    "backlink": {"fr": "Retour à l’appel de note {n}", "en": "Back to note reference {n}"},
    "noteref": {"fr": "Note {n}", "en": "Note {n}"},
    "page": {"fr": "Page {n}", "en": "Page {n}"},
    "page_list": {"fr": "Liste des pages", "en": "List of pages"},
    "landmarks": {"fr": "Repères", "en": "Landmarks"},
    "glossary": {"fr": "Lexique", "en": "Glossary"},
    "start": {"fr": "Début du contenu", "en": "Start of content"},
    "credit": {"fr": "Crédit\u202f: {credit}", "en": "Credit: {credit}"},
    "question": {"fr": "Question", "en": "Question"},
    "speaker_label": {"fr": "{name}\u202f:", "en": "{name}:"},
    "pullquote": {"fr": "Citation en exergue", "en": "Pull quote"},
    "sidebar": {"fr": "Encadré", "en": "Sidebar"},
    "about": {"fr": "À propos du document", "en": "About this document"},
    "about_missing": {"fr": "Les auteurs, l’éditeur et la licence de ce document ne sont pas indiqués.",
                      "en": "The authors, publisher and licence of this document are not given."},
    "licence": {"fr": "Licence\u202f: {rights}", "en": "Licence: {rights}"},
    "source": {"fr": "Source\u202f: {source}", "en": "Source: {source}"},
    "authors": {"fr": "Auteurs et autrices\u202f: {authors}", "en": "Authors: {authors}"},
    "publisher": {"fr": "Éditeurs\u202f: {publisher}", "en": "Publishers: {publisher}"},
    "reader_note_title": {"fr": "Note sur cette édition accessible", "en": "About this accessible edition"},
    "reader_note_what": {
        "fr": "Cette édition de « {title} » est une version accessible du carnet imprimé, faite pour la lecture "
              "avec un lecteur d’écran, une plage braille, une liseuse ou un agrandissement de l’affichage. "
              "Elle contient tout le texte du carnet, dans l’ordre de lecture.",
        "en": "This edition of “{title}” is an accessible version of the printed notebook, made to be read "
              "with a screen reader, a braille display, an e-reader or a magnified display. It holds all the "
              "text of the notebook, in reading order.",
    },
    "reader_note_headings": {
        "fr": "Les titres sont balisés comme tels : la navigation par titres de votre logiciel permet de "
              "passer d’une partie à l’autre, et la table des matières y renvoie. Les encadrés sont signalés "
              "comme tels, avec leur propre titre.",
        "en": "Headings are marked as headings: your software's heading navigation moves from part to part, "
              "and the table of contents links to them. Boxed sidebars are marked as such, with their own "
              "heading.",
    },
    "reader_note_notes": {
        "fr": "Chaque appel de note renvoie à sa note, en fin de chapitre ou de document, ou en bas de page "
              "selon le format ; la note permet de revenir à son appel.",
        "en": "Each note reference links to its note, at the end of the chapter or document, or at the foot "
              "of the page depending on the format; the note leads back to its reference.",
    },
    "reader_note_glossary": {
        "fr": "Les termes techniques sont définis dans le lexique.",
        "en": "Technical terms are defined in the glossary.",
    },
    "reader_note_inclusive": {
        "fr": "L’écriture inclusive est rendue par des doublets complets (« les citoyens et les citoyennes ») "
              "plutôt que par le point médian, que la synthèse vocale lit mal.",
        "en": "Inclusive French forms are spelled out in full (“les citoyens et les citoyennes”) rather than "
              "with the middle dot, which speech synthesis reads badly.",
    },
    "reader_note_inclusive_kept": {
        "fr": "L’écriture inclusive est reproduite telle qu’elle figure dans le carnet imprimé.",
        "en": "Inclusive French forms are kept as printed in the notebook.",
    },
    "reader_note_pages": {
        "fr": "Les numéros de page de l’édition imprimée sont signalés à leur place, pour citer le carnet ou le "
              "suivre avec d’autres lecteurs.",
        "en": "The page numbers of the printed edition are marked where they fall, to cite the notebook or "
              "follow it with other readers.",
    },
    "report_title": {"fr": "Rapport d’accessibilité", "en": "Accessibility report"},
    "report_claim": {
        "fr": "Conformité déclarée : {claim}. Déclaration faite par {certifier}, l’outil qui a produit cette "
              "édition ; aucune certification par un tiers.",
        "en": "Claimed conformance: {claim}. The claim is made by {certifier}, the tool that produced this "
              "edition; there is no third-party certification.",
    },
    "report_checks": {
        "fr": "Chaque version de l’outil est vérifiée sur ses éditions de référence par EPUBCheck, Ace by "
              "DAISY, axe-core et le validateur HTML du W3C, sans aucune erreur ni avertissement.",
        "en": "Every version of the tool is checked on its reference editions by EPUBCheck, Ace by DAISY, "
              "axe-core and the W3C HTML validator, with no error and no warning.",
    },
    "report_features": {"fr": "Ce que cette édition offre :", "en": "What this edition offers:"},
    "credential": {
        "fr": "Auto-déclaration vérifiée automatiquement, sans certification par un tiers",
        "en": "Self-declaration checked automatically, without third-party certification",
    },
    "summary": {
        "fr": "Publication conforme à EPUB Accessibility 1.1 et WCAG 2.2 niveau AA. {parts}",
        "en": "This publication meets EPUB Accessibility 1.1 and WCAG 2.2 Level AA. {parts}",
    },
    "summary_structure": {
        "fr": "Navigation structurée par titres, table des matières et repères ; ordre de lecture logique.",
        "en": "Structured navigation by headings, table of contents and landmarks; logical reading order.",
    },
    "summary_notes": {
        "fr": "Notes liées à leurs appels, avec liens de retour.",
        "en": "Notes linked to their references, with back links.",
    },
    "summary_pages": {
        "fr": "Numéros de page de l’édition imprimée balisés et liste des pages.",
        "en": "Print page numbers marked, with a page list.",
    },
    "summary_images": {
        "fr": "Chaque image a une alternative textuelle.",
        "en": "Every image has a text alternative.",
    },
    "summary_glossary": {"fr": "Lexique balisé.", "en": "Marked-up glossary."},
    "summary_language": {
        "fr": "Changements de langue indiqués.",
        "en": "Changes of language are marked.",
    },
    "summary_no_hazard": {
        "fr": "Aucun risque connu (ni clignotement, ni son, ni mouvement).",
        "en": "No known hazards (no flashing, sound or motion).",
    },
}


def series_label(meta: Meta) -> str:
    """The series and the number as printed on the carnets: "Les Carnets NEC[S] locaux #9"."""
    return " ".join(part for part in (meta.series, f"#{meta.number}" if meta.number else "") if part)


def about_lines(meta: Meta, lang: str) -> list[str]:
    """The lines that say who made the edition and under which licence (every writer shows them)."""
    lines = []
    if meta.authors:
        lines.append(message("authors", lang, authors=", ".join(meta.authors)))
    if meta.publisher:
        lines.append(message("publisher", lang, publisher=", ".join(meta.publisher)))
    if meta.rights:
        lines.append(message("licence", lang, rights=meta.rights))
    if meta.source:
        lines.append(message("source", lang, source=meta.source))
    return lines


def message(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (French unless the language is English), formatted with ``values``."""
    texts = MESSAGES[key]
    language = "en" if lang.lower().startswith("en") else "fr"
    text = texts[language]
    return text.format(**values) if values else text
