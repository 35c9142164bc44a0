<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>ArticleListPanel</name>
    <message numerus="yes">
        <source>%n résultat(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticlePresenter</name>
    <message numerus="yes">
        <source>%n entité(s)</source>
        <translation>
            <numerusform>%n entité</numerusform>
            <numerusform>%n entités</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookmarkService</name>
    <message numerus="yes">
        <source>Le fichier des marque-pages était endommagé : %n marque-page(s) récupéré(s) ; l&apos;original est conservé dans {path}.</source>
        <translation>
            <numerusform>Le fichier des marque-pages était endommagé : %n marque-page récupéré ; l&apos;original est conservé dans {path}.</numerusform>
            <numerusform>Le fichier des marque-pages était endommagé : %n marque-pages récupérés ; l&apos;original est conservé dans {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Supprimer %n marque-page(s)</source>
        <translation>
            <numerusform>Supprimer %n marque-page</numerusform>
            <numerusform>Supprimer %n marque-pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) marqué(s) introuvable(s) dans la nouvelle version de « {title} » : sélectionnez le passage et choisissez « Rattacher à la sélection », ou supprimez le marque-page.</source>
        <translation>
            <numerusform>%n passage marqué introuvable dans la nouvelle version de « {title} » : sélectionnez le passage et choisissez « Rattacher à la sélection », ou supprimez le marque-page.</numerusform>
            <numerusform>%n passages marqués introuvables dans la nouvelle version de « {title} » : sélectionnez chaque passage et choisissez « Rattacher à la sélection », ou supprimez les marque-pages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n marque-page(s) exporté(s) vers {path}</source>
        <translation>
            <numerusform>%n marque-page exporté vers {path}</numerusform>
            <numerusform>%n marque-pages exportés vers {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadStateService</name>
    <message numerus="yes">
        <source>Marquer %n article(s) comme lu(s)</source>
        <translation>
            <numerusform>Marquer %n article comme lu</numerusform>
            <numerusform>Marquer %n articles comme lus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marquer %n article(s) comme non lu(s)</source>
        <translation>
            <numerusform>Marquer %n article comme non lu</numerusform>
            <numerusform>Marquer %n articles comme non lus</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) illisible(s)</source>
        <translation>
            <numerusform>%n fichier illisible</numerusform>
            <numerusform>%n fichiers illisibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problème(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n non lu(s)</source>
        <translation>
            <numerusform>%n non lu</numerusform>
            <numerusform>%n non lus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suivi(s)</source>
        <translation>
            <numerusform>%n suivi</numerusform>
            <numerusform>%n suivis</numerusform>
        </translation>
    </message>
</context>
</TS>
