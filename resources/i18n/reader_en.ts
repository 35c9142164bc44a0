<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>sans date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityStyle</name>
    <message>
        <source>Personne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personnes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lieux</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegendBar</name>
    <message>
        <source>Entités :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Afficher ou masquer : %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surligner les entités de type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurrence %1 sur %2 de la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 occurrence(s) de la recherche</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>1 mot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation au curseur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un curseur dans l&apos;article : Maj+flèches sélectionnent un passage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucun article sélectionné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2 entités surlignées : %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation au curseur activée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation au curseur désactivée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurrence %1 sur %2 : %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque-page : %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
