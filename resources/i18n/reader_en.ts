<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name></name>
    <message>
        <source>le fichier ne peut pas être lu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>le fichier n&apos;est pas en UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ce n&apos;est pas un fichier JSON valide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>le fichier est trop imbriqué pour être un export de marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ce fichier ne contient pas de marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>le fichier vient d&apos;une version plus récente de Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>la version du fichier est illisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format de fichier inconnu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marque-page n° %1 invalide (champ « %2 »)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fichier invalide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (récent d&apos;abord)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (ancien d&apos;abord)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pertinence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader %1
Un lecteur de bibliothèques d&apos;articles de presse.
Données : %2
Cache : %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À propos de Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ouvrir un dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actualiser la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fichiers &amp;illisibles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rechercher dans la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article &amp;suivant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article &amp;précédent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurrence suivante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurrence précédente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mention suivante de l&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mention précédente de l&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Marquer le passage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ajouter un marque-page sur le passage sélectionné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrandir le texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réduire le texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taille normale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À &amp;propos de Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Raccourcis clavier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Imprimer l&apos;article…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporter l&apos;article en &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier avec la &amp;référence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier le passage avec son titre, sa source et sa date (texte et Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier le &amp;lien du passage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier un lien reader:// qui rouvre ce passage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marquer comme &amp;lu / non lu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suivre / ne plus suivre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tout marquer comme lu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marquer comme lus les articles affichés (annulable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Justifier le texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rétablir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>É&amp;dition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affic&amp;hage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types d&apos;&amp;entités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thème</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Langue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Reader ne peut pas démarrer : %1 (dossier de cache %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>Rechercher : mots, &quot;expression&quot;, ukrain*, OR, NOT…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechercher dans la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trier :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trier par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tout afficher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n résultat(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>entité : %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>période : %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tri de la liste…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tri impossible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
</context>
<context>
    <name>BookmarkCommand</name>
    <message>
        <source>Ajouter un marque-page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supprimer un marque-page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkPalette</name>
    <message>
        <source>jaune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bleu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>violet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkPassages</name>
    <message>
        <source>Sélectionnez d&apos;abord un passage à marquer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passage marqué.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&apos;article « %1 » n&apos;est pas dans cette bibliothèque.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkService</name>
    <message>
        <source>Marque-pages indisponibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les marque-pages sont en lecture seule : ils sont affichés mais aucune modification ne sera enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le fichier des marque-pages était endommagé : il a été conservé sous le nom {name} et un nouveau fichier a été commencé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impossible de lire les marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque-page non enregistré : les marque-pages sont indisponibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque-page non enregistré</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier la note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changer la couleur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier les étiquettes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier le marque-page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Supprimer %n marque-page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rattachement non enregistré</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sélection inutilisable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rattacher le marque-page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modification non enregistrée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annulation impossible : les marque-pages sont indisponibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annulation impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque-pages non recalés</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) marqué(s) introuvable(s) dans la nouvelle version de « {title} » : sélectionnez le passage et choisissez « Rattacher à la sélection », ou supprimez le marque-page.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Marque-pages non rattachés</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n marque-page(s) exporté(s) vers {path}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export impossible vers {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>les marque-pages ne peuvent pas être modifiés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} : {added} ajouté(s), {updated} mis à jour, {unchanged} déjà présent(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import impossible de {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ce marque-page a été supprimé entre-temps (autre fenêtre ?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>Marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer (passage, note, titre)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer les marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer par étiquette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer par couleur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toutes couleurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cet article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seulement les marque-pages de l&apos;article affiché</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trier les marque-pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus récents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordre de lecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucun marque-page. Sélectionnez un passage et choisissez « Marquer le passage » (Ctrl+D).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier la note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étiquettes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Couleur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rattacher à la sélection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporter les marque-pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporter les marque-pages affichés (le filtre s&apos;applique) en Markdown, JSON ou annotations W3C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importer des marque-pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importer un export JSON ou W3C (les marque-pages déjà présents ne sont pas dupliqués)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recharger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relire les marque-pages (écrits par une autre fenêtre)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier le marque-page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sélectionnez d&apos;abord, dans l&apos;article, le passage auquel rattacher ce marque-page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toutes étiquettes</source>
        <translation type="unfinished"></translation>
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
    <name>EntityBatchProcess</name>
    <message>
        <source>l&apos;extraction des entités s&apos;est arrêtée (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impossible de lancer l&apos;extraction des entités ({exe})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityListModel</name>
    <message>
        <source>Entité</source>
        <translation type="unfinished">Entity</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation type="unfinished">Mentions</translation>
    </message>
    <message>
        <source>Décompte provisoire : l&apos;analyse de la bibliothèque est en cours</source>
        <translation type="unfinished"></translation>
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
    <name>FocusCycle</name>
    <message>
        <source>Zone suivante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone précédente</source>
        <translation type="unfinished"></translation>
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
    <name>LibraryEntitiesPanel</name>
    <message>
        <source>Entités de la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>État des entités de la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entités les plus citées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucune entité choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entité choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cités avec l&apos;entité choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entités citées dans les mêmes articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tous les types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personnes (PER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lieux (LOC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations (ORG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates (DATE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divers (MISC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type d&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limiter la liste à un type d&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer les entités…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer les entités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtre sur le nom, sans tenir compte des accents ni des majuscules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progression de l&apos;extraction des entités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse : %v / %m articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrêter l&apos;analyse (elle reprendra à la prochaine ouverture)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrêter l&apos;analyse des entités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fusionner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regrouper les entités sélectionnées sous la plus citée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fusionner les entités sélectionnées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Séparer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Défaire le regroupement de l&apos;entité sélectionnée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Séparer l&apos;entité sélectionnée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne plus filtrer les articles sur une entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effacer le choix d&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nom, type (PER, LOC, ORG…), nombre d&apos;articles et de mentions ; Entrée choisit l&apos;entité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} : {n} article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({type}, {label}) : {n} article(s), {m} mention(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regroupe aussi : {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> et {n} autre(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cités avec {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cités avec… (calcul en cours)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryEntityService</name>
    <message>
        <source>Entités de la bibliothèque indisponibles : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fusion impossible : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Séparation impossible : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requête sur les entités impossible : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modèle d&apos;entités {model} introuvable : entités de la bibliothèque indisponibles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse des entités de {n} article(s) en arrière-plan (décomptes provisoires)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entités de la bibliothèque à jour ({extracted} analysé(s), {cached} depuis le cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ; {n} fichier(s) illisible(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse interrompue : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse arrêtée ; elle reprendra à la prochaine ouverture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucune entité pour ce filtre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cette entité n&apos;est plus dans la bibliothèque.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} entités regroupées sous « {name} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>« {name} » ne regroupe aucune autre forme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>« {name} » séparé de : {others}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ouvrir une bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ce dossier n&apos;est pas lisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouverture de la bibliothèque…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouverture de %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cette bibliothèque ne contient aucun article lisible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tous les fichiers ont été lus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&apos;article du lien n&apos;est pas dans cette bibliothèque.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Marque-page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le passage marqué</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (facultative)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Couleur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Couleur :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étiquettes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>séparées par des espaces ou des virgules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>É&amp;tiquettes :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Entrée pour enregistrer, Échap pour annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassageCommands</name>
    <message>
        <source>Sélectionnez d&apos;abord un passage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechercher « %1 » dans la bibliothèque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passage copié avec sa référence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lien impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lien copié : %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ce lien Reader n&apos;est pas valide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le passage du lien n&apos;a pas été retrouvé dans l&apos;article.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article envoyé à l&apos;impression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporter l&apos;article en PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le PDF n&apos;a pas été écrit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article exporté en PDF : %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadStateService</name>
    <message>
        <source>Impossible de lire les articles lus et suivis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lus et suivis non enregistrés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marquer comme lu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marquer comme non lu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suivre l&apos;article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne plus suivre l&apos;article</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Marquer %n article(s) comme lu(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marquer %n article(s) comme non lu(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>L&apos;état lu/suivi n&apos;a pas pu être enregistré</source>
        <translation type="unfinished"></translation>
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
    <name>RecentMenu</name>
    <message>
        <source>&amp;Récents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucune bibliothèque récente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effacer la liste</source>
        <translation type="unfinished"></translation>
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
    <name>StatusBar</name>
    <message>
        <source>Indexation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrêter l&apos;indexation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexation %v / %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>indexation interrompue (reprendra à la prochaine ouverture)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) illisible(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problème(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Voir les fichiers qui n&apos;ont pas pu être lus</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n non lu(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suivi(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Entités de la bibliothèque : %1/%2</source>
        <translation type="unfinished"></translation>
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
<context>
    <name>TimelineChart</name>
    <message>
        <source>Chronologie des articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre d&apos;articles par période pour le filtre courant ; les flèches passent d&apos;une barre à l&apos;autre, Entrée filtre la liste sur la période.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogramme des articles par période</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Résumé de la chronologie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toute la période</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effacer le filtre de période</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Période : années (plus de {n} mois)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Période : mois</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} : {n} article(s) — cliquer pour filtrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} article(s) sur le graphique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} daté(s) à l&apos;année seulement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} sans date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barre : {period}, {n} article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>période choisie : {period}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
