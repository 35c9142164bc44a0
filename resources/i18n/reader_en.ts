<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>sans date</source>
        <translation>undated</translation>
    </message>
</context>
<context>
    <name>EntitiesPanel</name>
    <message>
        <source>Entités de l&apos;article</source>
        <translation>Article entities</translation>
    </message>
    <message>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>%1 — %2 (%3) — activer pour aller à la mention suivante</source>
        <translation>%1 — %2 (%3) — activate to go to the next mention</translation>
    </message>
</context>
<context>
    <name>EntityStyle</name>
    <message>
        <source>Personne</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Personnes</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Lieux</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Nombres</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <source>Divers</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Comme le &amp;système</source>
        <translation>Same as the &amp;system</translation>
    </message>
    <message>
        <source>La langue choisie s&apos;appliquera au prochain démarrage.</source>
        <translation>The chosen language will apply at the next start.</translation>
    </message>
</context>
<context>
    <name>LegendBar</name>
    <message>
        <source>Entités :</source>
        <translation>Entities:</translation>
    </message>
    <message>
        <source>Afficher ou masquer : %1 (%2)</source>
        <translation>Show or hide: %1 (%2)</translation>
    </message>
    <message>
        <source>Surligner les entités de type %1</source>
        <translation>Highlight entities of type %1</translation>
    </message>
    <message>
        <source>Occurrence %1 sur %2 de la recherche</source>
        <translation>Search match %1 of %2</translation>
    </message>
    <message>
        <source>%1 occurrence(s) de la recherche</source>
        <translation>%1 search match(es)</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>1 mot</source>
        <translation>1 word</translation>
    </message>
    <message>
        <source>%1 mots</source>
        <translation>%1 words</translation>
    </message>
    <message>
        <source>Navigation au curseur</source>
        <translation>Caret browsing</translation>
    </message>
    <message>
        <source>Un curseur dans l&apos;article : Maj+flèches sélectionnent un passage</source>
        <translation>A caret in the article: Shift+arrows select a passage</translation>
    </message>
    <message>
        <source>Aucun article sélectionné</source>
        <translation>No article selected</translation>
    </message>
    <message>
        <source>%1. %2 entités surlignées : %3</source>
        <translation>%1. %2 highlighted entities: %3</translation>
    </message>
    <message>
        <source>Navigation au curseur activée</source>
        <translation>Caret browsing on</translation>
    </message>
    <message>
        <source>Navigation au curseur désactivée</source>
        <translation>Caret browsing off</translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Occurrence %1 sur %2 : %3</source>
        <translation>Match %1 of %2: %3</translation>
    </message>
    <message>
        <source>Marque-page : %1</source>
        <translation>Bookmark: %1</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Filtrer (action ou touche)</source>
        <translation>Filter (action or key)</translation>
    </message>
    <message>
        <source>&amp;Filtrer :</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Raccourci</source>
        <translation>Shortcut</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Comme le &amp;système</source>
        <translation>Same as the &amp;system</translation>
    </message>
    <message>
        <source>&amp;Clair</source>
        <translation>&amp;Light</translation>
    </message>
    <message>
        <source>&amp;Sombre</source>
        <translation>&amp;Dark</translation>
    </message>
</context>
</TS>
