<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>About</name>
    <message>
        <source>Reader %1
Un lecteur de bibliothèques d&apos;articles de presse.
Données : %2
Cache : %3</source>
        <translation>Reader %1
A reader for libraries of press articles.
Data: %2
Cache: %3</translation>
    </message>
    <message>
        <source>À propos de Reader</source>
        <translation>About Reader</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Ouvrir un dossier…</source>
        <translation>&amp;Open folder…</translation>
    </message>
    <message>
        <source>&amp;Actualiser la bibliothèque</source>
        <translation>Re&amp;load library</translation>
    </message>
    <message>
        <source>Fichiers illisi&amp;bles…</source>
        <translation>&amp;Unreadable files…</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Rec&amp;hercher dans la bibliothèque</source>
        <translation>&amp;Find in library</translation>
    </message>
    <message>
        <source>Article &amp;suivant</source>
        <translation>&amp;Next article</translation>
    </message>
    <message>
        <source>Article &amp;précédent</source>
        <translation>&amp;Previous article</translation>
    </message>
    <message>
        <source>Chercher dans l&apos;&amp;article</source>
        <translation>Find in &amp;article</translation>
    </message>
    <message>
        <source>Occurrence suivante</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Occurrence précédente</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Mention suivante de l&apos;entité</source>
        <translation>Next mention of the entity</translation>
    </message>
    <message>
        <source>Mention précédente de l&apos;entité</source>
        <translation>Previous mention of the entity</translation>
    </message>
    <message>
        <source>&amp;Marquer le passage…</source>
        <translation>&amp;Bookmark passage…</translation>
    </message>
    <message>
        <source>Ajouter un marque-page sur le passage sélectionné</source>
        <translation>Add a bookmark on the selected passage</translation>
    </message>
    <message>
        <source>Agrandir le texte</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Réduire le texte</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Taille normale</source>
        <translation>Normal size</translation>
    </message>
    <message>
        <source>À &amp;propos de Reader</source>
        <translation>&amp;About Reader</translation>
    </message>
    <message>
        <source>&amp;Raccourcis clavier</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;Imprimer l&apos;article…</source>
        <translation>&amp;Print article…</translation>
    </message>
    <message>
        <source>Exporter l&apos;article en &amp;PDF…</source>
        <translation>Export article as P&amp;DF…</translation>
    </message>
    <message>
        <source>Copier avec la &amp;référence</source>
        <translation>&amp;Copy with citation</translation>
    </message>
    <message>
        <source>Copier le passage avec son titre, sa source et sa date (texte et Markdown)</source>
        <translation>Copy the passage with its title, source and date (text and Markdown)</translation>
    </message>
    <message>
        <source>Copier le &amp;lien du passage</source>
        <translation>Copy &amp;link to passage</translation>
    </message>
    <message>
        <source>Copier un lien reader:// qui rouvre ce passage</source>
        <translation>Copy a reader:// link that reopens this passage</translation>
    </message>
    <message>
        <source>Marquer comme l&amp;u / non lu</source>
        <translation>Mark as &amp;read / unread</translation>
    </message>
    <message>
        <source>&amp;Suivre / ne plus suivre</source>
        <translation>&amp;Star / unstar</translation>
    </message>
    <message>
        <source>Tout marquer comme lu</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <source>Marquer comme lus les articles affichés (annulable)</source>
        <translation>Mark the articles shown as read (can be undone)</translation>
    </message>
    <message>
        <source>&amp;Justifier le texte</source>
        <translation>&amp;Justify text</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Rétablir</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Annulé : %1</source>
        <translation>Undone: %1</translation>
    </message>
    <message>
        <source>Rétabli : %1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Affic&amp;hage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Types d&apos;&amp;entités</source>
        <translation>&amp;Entity types</translation>
    </message>
    <message>
        <source>&amp;Thème</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <source>&amp;Langue</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>A&amp;ller</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Main</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Reader ne peut pas démarrer : %1 (dossier de cache %2)</source>
        <translation>Reader cannot start: %1 (cache folder %2)</translation>
    </message>
    <message>
        <source>la bibliothèque ne contient aucun article lisible</source>
        <translation>the library contains no readable articles</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>Rechercher : mots, &quot;expression&quot;, ukrain*, OR, NOT…</source>
        <translation>Search: words, &quot;phrase&quot;, ukrain*, OR, NOT…</translation>
    </message>
    <message>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Rechercher dans la bibliothèque</source>
        <translation>Search the library</translation>
    </message>
    <message>
        <source>&amp;Trier :</source>
        <translation>&amp;Sort:</translation>
    </message>
    <message>
        <source>Trier par</source>
        <translation>Sort by</translation>
    </message>
    <message>
        <source>Non lus</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>Afficher seulement les articles non lus</source>
        <translation>Show only unread articles</translation>
    </message>
    <message>
        <source>Suivis</source>
        <translation>Starred</translation>
    </message>
    <message>
        <source>Afficher seulement les articles suivis</source>
        <translation>Show only starred articles</translation>
    </message>
    <message>
        <source>Tout afficher</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message numerus="yes">
        <source>%n résultat(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>entité : %1</source>
        <translation>entity: %1</translation>
    </message>
    <message>
        <source>période : %1</source>
        <translation>period: %1</translation>
    </message>
    <message>
        <source>non lus</source>
        <translation>unread</translation>
    </message>
    <message>
        <source>suivis</source>
        <translation>starred</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Tri de la liste…</source>
        <translation>Sorting the list…</translation>
    </message>
    <message>
        <source>Tri impossible</source>
        <translation>Could not sort</translation>
    </message>
    <message>
        <source>Date (récent d&apos;abord)</source>
        <translation>Date (newest first)</translation>
    </message>
    <message>
        <source>Date (ancien d&apos;abord)</source>
        <translation>Date (oldest first)</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Pertinence</source>
        <translation>Relevance</translation>
    </message>
</context>
<context>
    <name>ArticlePresenter</name>
    <message>
        <source>Impossible d&apos;afficher cet article : %1</source>
        <translation>Cannot show this article: %1</translation>
    </message>
    <message>
        <source>Article illisible</source>
        <translation>Unreadable article</translation>
    </message>
    <message>
        <source>entités : en attente du modèle…</source>
        <translation>entities: waiting for the model…</translation>
    </message>
    <message>
        <source>entités : analyse…</source>
        <translation>entities: analysing…</translation>
    </message>
    <message>
        <source>Analyse des entités…</source>
        <translation>Analysing entities…</translation>
    </message>
    <message>
        <source>entités : échec</source>
        <translation>entities: failed</translation>
    </message>
    <message>
        <source>Analyse impossible : %1</source>
        <translation>Could not analyse: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entité(s)</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
    <message>
        <source>Chargement du modèle d&apos;entités…</source>
        <translation>Loading the entity model…</translation>
    </message>
    <message>
        <source>Entités : %1 prêt</source>
        <translation>Entities: %1 ready</translation>
    </message>
    <message>
        <source>Entités indisponibles</source>
        <translation>Entities unavailable</translation>
    </message>
    <message>
        <source>entités indisponibles</source>
        <translation>entities unavailable</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Mots</source>
        <translation>Words</translation>
    </message>
    <message>
        <source>non lu</source>
        <translation>unread</translation>
    </message>
    <message>
        <source>suivi</source>
        <translation>starred</translation>
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
        <translation>Add bookmark</translation>
    </message>
    <message>
        <source>Supprimer un marque-page</source>
        <translation>Delete bookmark</translation>
    </message>
</context>
<context>
    <name>BookmarkDialogs</name>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON Reader (*.json)</source>
        <translation>Reader JSON (*.json)</translation>
    </message>
    <message>
        <source>W3C Web Annotation (*.jsonld *.json)</source>
        <translation>W3C Web Annotation (*.jsonld *.json)</translation>
    </message>
    <message>
        <source>Étiquettes</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Étiquettes (séparées par des espaces ou des virgules) :</source>
        <translation>Tags (separated by spaces or commas):</translation>
    </message>
    <message>
        <source>Exporter les marque-pages</source>
        <translation>Export bookmarks</translation>
    </message>
    <message>
        <source>marque-pages.md</source>
        <translation>bookmarks.md</translation>
    </message>
    <message>
        <source>Importer des marque-pages</source>
        <translation>Import bookmarks</translation>
    </message>
    <message>
        <source>Marque-pages (*.json *.jsonld);;Tous les fichiers (*)</source>
        <translation>Bookmarks (*.json *.jsonld);;All files (*)</translation>
    </message>
</context>
<context>
    <name>BookmarkModel</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Étiquettes</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>passage modifié : à vérifier</source>
        <translation>passage changed: check it</translation>
    </message>
    <message>
        <source>passage introuvable dans l&apos;article actuel</source>
        <translation>passage not found in the current article</translation>
    </message>
    <message>
        <source>sans date</source>
        <translation>undated</translation>
    </message>
    <message>
        <source>Note : {note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>{title} — {source}, {date}</source>
        <translation>{title} — {source}, {date}</translation>
    </message>
    <message>
        <source>source inconnue</source>
        <translation>unknown source</translation>
    </message>
    <message>
        <source>Étiquettes : {tags}</source>
        <translation>Tags: {tags}</translation>
    </message>
    <message>
        <source>Couleur : {colour}</source>
        <translation>Colour: {colour}</translation>
    </message>
</context>
<context>
    <name>BookmarkPalette</name>
    <message>
        <source>jaune</source>
        <translation>yellow</translation>
    </message>
    <message>
        <source>vert</source>
        <translation>green</translation>
    </message>
    <message>
        <source>bleu</source>
        <translation>blue</translation>
    </message>
    <message>
        <source>rose</source>
        <translation>pink</translation>
    </message>
    <message>
        <source>violet</source>
        <translation>purple</translation>
    </message>
</context>
<context>
    <name>BookmarkPassages</name>
    <message>
        <source>Sélectionnez d&apos;abord un passage à marquer.</source>
        <translation>Select a passage to bookmark first.</translation>
    </message>
    <message>
        <source>Passage marqué.</source>
        <translation>Passage bookmarked.</translation>
    </message>
    <message>
        <source>L&apos;article « %1 » n&apos;est pas dans cette bibliothèque.</source>
        <translation>The article ‘%1’ is not in this library.</translation>
    </message>
</context>
<context>
    <name>BookmarkService</name>
    <message>
        <source>Marque-pages indisponibles</source>
        <translation>Bookmarks unavailable</translation>
    </message>
    <message>
        <source>Les marque-pages sont en lecture seule : ils sont affichés mais aucune modification ne sera enregistrée.</source>
        <translation>Bookmarks are read-only: they are shown but no changes will be saved.</translation>
    </message>
    <message numerus="yes">
        <source>Le fichier des marque-pages était endommagé : %n marque-page(s) récupéré(s) ; l&apos;original est conservé dans {path}.</source>
        <translation>
            <numerusform>The bookmarks file was damaged: %n bookmark recovered; the original is kept in {path}.</numerusform>
            <numerusform>The bookmarks file was damaged: %n bookmarks recovered; the original is kept in {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Le fichier des marque-pages était endommagé : il a été conservé sous le nom {name} et un nouveau fichier a été commencé.</source>
        <translation>The bookmarks file was damaged: it has been kept as {name} and a new file has been started.</translation>
    </message>
    <message>
        <source>Impossible de lire les marque-pages</source>
        <translation>Could not read the bookmarks</translation>
    </message>
    <message>
        <source>Marque-page non enregistré : les marque-pages sont indisponibles</source>
        <translation>Bookmark not saved: bookmarks are unavailable</translation>
    </message>
    <message>
        <source>Marque-page non enregistré</source>
        <translation>Bookmark not saved</translation>
    </message>
    <message>
        <source>Modifier la note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <source>Changer la couleur</source>
        <translation>Change colour</translation>
    </message>
    <message>
        <source>Modifier les étiquettes</source>
        <translation>Edit tags</translation>
    </message>
    <message>
        <source>Modifier le marque-page</source>
        <translation>Edit bookmark</translation>
    </message>
    <message>
        <source>Suppression impossible</source>
        <translation>Could not delete</translation>
    </message>
    <message numerus="yes">
        <source>Supprimer %n marque-page(s)</source>
        <translation>
            <numerusform>Delete %n bookmark</numerusform>
            <numerusform>Delete %n bookmarks</numerusform>
        </translation>
    </message>
    <message>
        <source>Rattachement non enregistré</source>
        <translation>Reattachment not saved</translation>
    </message>
    <message>
        <source>Sélection inutilisable</source>
        <translation>Selection cannot be used</translation>
    </message>
    <message>
        <source>Rattacher le marque-page</source>
        <translation>Reattach bookmark</translation>
    </message>
    <message>
        <source>Modification non enregistrée</source>
        <translation>Change not saved</translation>
    </message>
    <message>
        <source>Annulation impossible : les marque-pages sont indisponibles</source>
        <translation>Cannot undo: bookmarks are unavailable</translation>
    </message>
    <message>
        <source>Annulation impossible</source>
        <translation>Cannot undo</translation>
    </message>
    <message>
        <source>Marque-pages non recalés</source>
        <translation>Bookmarks not re-anchored</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) marqué(s) introuvable(s) dans la nouvelle version de « {title} » : sélectionnez le passage et choisissez « Rattacher à la sélection », ou supprimez le marque-page.</source>
        <translation>
            <numerusform>%n bookmarked passage could not be found in the new version of ‘{title}’: select the passage and choose ‘Reattach to selection’, or delete the bookmark.</numerusform>
            <numerusform>%n bookmarked passages could not be found in the new version of ‘{title}’: select each passage and choose ‘Reattach to selection’, or delete the bookmarks.</numerusform>
        </translation>
    </message>
    <message>
        <source>Marque-pages non rattachés</source>
        <translation>Bookmarks not reattached</translation>
    </message>
    <message>
        <source>{name} : {added} marque-page(s) récupéré(s), {updated} mis à jour, {unchanged} déjà présent(s), {lost} illisible(s).</source>
        <translation>{name}: {added} bookmark(s) recovered, {updated} updated, {unchanged} already present, {lost} unreadable.</translation>
    </message>
    <message>
        <source>Récupération impossible depuis {name}</source>
        <translation>Could not recover from {name}</translation>
    </message>
    <message numerus="yes">
        <source>%n marque-page(s) exporté(s) vers {path}</source>
        <translation>
            <numerusform>%n bookmark exported to {path}</numerusform>
            <numerusform>%n bookmarks exported to {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export impossible vers {path}</source>
        <translation>Could not export to {path}</translation>
    </message>
    <message>
        <source>les marque-pages ne peuvent pas être modifiés</source>
        <translation>bookmarks cannot be modified</translation>
    </message>
    <message>
        <source>{name} : {added} ajouté(s), {updated} mis à jour, {unchanged} déjà présent(s).</source>
        <translation>{name}: {added} added, {updated} updated, {unchanged} already present.</translation>
    </message>
    <message>
        <source>Import impossible de {name}</source>
        <translation>Could not import {name}</translation>
    </message>
    <message>
        <source>Ce marque-page a été supprimé entre-temps (autre fenêtre ?).</source>
        <translation>This bookmark has been deleted in the meantime (another window?).</translation>
    </message>
    <message>
        <source>le fichier ne peut pas être lu</source>
        <translation>the file cannot be read</translation>
    </message>
    <message>
        <source>le fichier n&apos;est pas en UTF-8</source>
        <translation>the file is not UTF-8</translation>
    </message>
    <message>
        <source>ce n&apos;est pas un fichier JSON valide</source>
        <translation>this is not a valid JSON file</translation>
    </message>
    <message>
        <source>le fichier est trop imbriqué pour être un export de marque-pages</source>
        <translation>the file is too deeply nested to be a bookmarks export</translation>
    </message>
    <message>
        <source>ce fichier ne contient pas de marque-pages</source>
        <translation>this file contains no bookmarks</translation>
    </message>
    <message>
        <source>le fichier vient d&apos;une version plus récente de Reader</source>
        <translation>the file comes from a newer version of Reader</translation>
    </message>
    <message>
        <source>la version du fichier est illisible</source>
        <translation>the file version cannot be read</translation>
    </message>
    <message>
        <source>format de fichier inconnu</source>
        <translation>unknown file format</translation>
    </message>
    <message>
        <source>marque-page n° %1 invalide (champ « %2 »)</source>
        <translation>bookmark no. %1 is invalid (field ‘%2’)</translation>
    </message>
    <message>
        <source>fichier invalide</source>
        <translation>invalid file</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>Marque-pages</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>Filtrer (passage, note, titre)…</source>
        <translation>Filter (passage, note, title)…</translation>
    </message>
    <message>
        <source>Filtrer les marque-pages</source>
        <translation>Filter bookmarks</translation>
    </message>
    <message>
        <source>Filtrer par étiquette</source>
        <translation>Filter by tag</translation>
    </message>
    <message>
        <source>Filtrer par couleur</source>
        <translation>Filter by colour</translation>
    </message>
    <message>
        <source>Toutes couleurs</source>
        <translation>All colours</translation>
    </message>
    <message>
        <source>Cet article</source>
        <translation>This article</translation>
    </message>
    <message>
        <source>Seulement les marque-pages de l&apos;article affiché</source>
        <translation>Only the bookmarks of the article shown</translation>
    </message>
    <message>
        <source>Trier les marque-pages</source>
        <translation>Sort bookmarks</translation>
    </message>
    <message>
        <source>Plus récents</source>
        <translation>Most recent</translation>
    </message>
    <message>
        <source>Ordre de lecture</source>
        <translation>Reading order</translation>
    </message>
    <message>
        <source>Étiquette</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Ordre</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Aucun marque-page. Sélectionnez un passage et choisissez « Marquer le passage » (Ctrl+D).</source>
        <translation>No bookmarks. Select a passage and choose ‘Bookmark passage’ (Ctrl+D).</translation>
    </message>
    <message>
        <source>Actions des marque-pages</source>
        <translation>Bookmark actions</translation>
    </message>
    <message>
        <source>Autres actions</source>
        <translation>More actions</translation>
    </message>
    <message>
        <source>Modifier la note…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <source>Étiquettes…</source>
        <translation>Tags…</translation>
    </message>
    <message>
        <source>Couleur</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Rattacher à la sélection</source>
        <translation>Reattach to selection</translation>
    </message>
    <message>
        <source>Exporter les marque-pages…</source>
        <translation>Export bookmarks…</translation>
    </message>
    <message>
        <source>Exporter les marque-pages affichés (le filtre s&apos;applique) en Markdown, JSON ou annotations W3C</source>
        <translation>Export the bookmarks shown (the filter applies) as Markdown, JSON or W3C annotations</translation>
    </message>
    <message>
        <source>Importer des marque-pages…</source>
        <translation>Import bookmarks…</translation>
    </message>
    <message>
        <source>Importer un export JSON ou W3C (les marque-pages déjà présents ne sont pas dupliqués)</source>
        <translation>Import a JSON or W3C export (bookmarks already present are not duplicated)</translation>
    </message>
    <message>
        <source>Récupérer des marque-pages depuis…</source>
        <translation>Recover bookmarks from…</translation>
    </message>
    <message>
        <source>Récupérer les marque-pages lisibles d&apos;un fichier endommagé mis de côté (*.damaged-*)</source>
        <translation>Recover the readable bookmarks from a damaged file that was set aside (*.damaged-*)</translation>
    </message>
    <message>
        <source>Réessayer d&apos;enregistrer</source>
        <translation>Retry saving</translation>
    </message>
    <message>
        <source>Rouvrir les marque-pages (disque plein, dossier en lecture seule…) : rien n&apos;a été déplacé</source>
        <translation>Reopen the bookmarks (disk full, read-only folder…): nothing has been moved</translation>
    </message>
    <message>
        <source>Recharger</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Relire les marque-pages (écrits par une autre fenêtre)</source>
        <translation>Reload the bookmarks (written by another window)</translation>
    </message>
    <message>
        <source>Modifier le marque-page</source>
        <translation>Edit bookmark</translation>
    </message>
    <message>
        <source>Sélectionnez d&apos;abord, dans l&apos;article, le passage auquel rattacher ce marque-page.</source>
        <translation>First select, in the article, the passage to reattach this bookmark to.</translation>
    </message>
    <message>
        <source>Marque-pages mis de côté (*.damaged-* *.sqlite3);;Tous les fichiers (*)</source>
        <translation>Set-aside bookmarks (*.damaged-* *.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>Toutes étiquettes</source>
        <translation>All tags</translation>
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
        <translation>entity extraction stopped (code {code})</translation>
    </message>
    <message>
        <source>impossible de lancer l&apos;extraction des entités ({exe})</source>
        <translation>could not start entity extraction ({exe})</translation>
    </message>
</context>
<context>
    <name>EntityListModel</name>
    <message>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Décompte provisoire : l&apos;analyse de la bibliothèque est en cours</source>
        <translation>Provisional count: the library is still being analysed</translation>
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
    <name>FindBar</name>
    <message>
        <source>Chercher dans l&apos;article</source>
        <translation>Find in article</translation>
    </message>
    <message>
        <source>Occurrence précédente</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Occurrence suivante</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Fermer la recherche dans l&apos;article (Échap)</source>
        <translation>Close find in article (Esc)</translation>
    </message>
    <message>
        <source>Fermer la recherche dans l&apos;article</source>
        <translation>Close find in article</translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FocusCycle</name>
    <message>
        <source>Zone suivante</source>
        <translation>Next pane</translation>
    </message>
    <message>
        <source>Zone précédente</source>
        <translation>Previous pane</translation>
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
        <translation>Library entities</translation>
    </message>
    <message>
        <source>État des entités de la bibliothèque</source>
        <translation>Library entities status</translation>
    </message>
    <message>
        <source>Entités les plus citées</source>
        <translation>Most cited entities</translation>
    </message>
    <message>
        <source>Aucune entité choisie</source>
        <translation>No entity chosen</translation>
    </message>
    <message>
        <source>Entité choisie</source>
        <translation>Chosen entity</translation>
    </message>
    <message>
        <source>Cités avec l&apos;entité choisie</source>
        <translation>Cited with the chosen entity</translation>
    </message>
    <message>
        <source>Entités citées dans les mêmes articles</source>
        <translation>Entities cited in the same articles</translation>
    </message>
    <message>
        <source>Tous les types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Personnes (PER)</source>
        <translation>People (PER)</translation>
    </message>
    <message>
        <source>Lieux (LOC)</source>
        <translation>Places (LOC)</translation>
    </message>
    <message>
        <source>Organisations (ORG)</source>
        <translation>Organisations (ORG)</translation>
    </message>
    <message>
        <source>Dates (DATE)</source>
        <translation>Dates (DATE)</translation>
    </message>
    <message>
        <source>Divers (MISC)</source>
        <translation>Other (MISC)</translation>
    </message>
    <message>
        <source>Type d&apos;entité</source>
        <translation>Entity type</translation>
    </message>
    <message>
        <source>Limiter la liste à un type d&apos;entité</source>
        <translation>Restrict the list to one entity type</translation>
    </message>
    <message>
        <source>Filtrer les entités…</source>
        <translation>Filter entities…</translation>
    </message>
    <message>
        <source>Filtrer les entités</source>
        <translation>Filter entities</translation>
    </message>
    <message>
        <source>Filtre sur le nom, sans tenir compte des accents ni des majuscules</source>
        <translation>Filters on the name, ignoring accents and case</translation>
    </message>
    <message>
        <source>Type :</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Progression de l&apos;extraction des entités</source>
        <translation>Entity extraction progress</translation>
    </message>
    <message>
        <source>Analyse : %v / %m articles</source>
        <translation>Analysing: %v / %m articles</translation>
    </message>
    <message>
        <source>Arrêter l&apos;analyse (elle reprendra à la prochaine ouverture)</source>
        <translation>Stop the analysis (it will resume the next time the library is opened)</translation>
    </message>
    <message>
        <source>Arrêter l&apos;analyse des entités</source>
        <translation>Stop the entity analysis</translation>
    </message>
    <message>
        <source>Fusionner</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Regrouper les entités sélectionnées sous la plus citée</source>
        <translation>Group the selected entities under the most cited one</translation>
    </message>
    <message>
        <source>Fusionner les entités sélectionnées</source>
        <translation>Merge the selected entities</translation>
    </message>
    <message>
        <source>Séparer</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>Défaire le regroupement de l&apos;entité sélectionnée</source>
        <translation>Undo the grouping of the selected entity</translation>
    </message>
    <message>
        <source>Séparer l&apos;entité sélectionnée</source>
        <translation>Split the selected entity</translation>
    </message>
    <message>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Ne plus filtrer les articles sur une entité</source>
        <translation>Stop filtering the articles by an entity</translation>
    </message>
    <message>
        <source>Effacer le choix d&apos;entité</source>
        <translation>Clear the entity choice</translation>
    </message>
    <message>
        <source>Nom, type (PER, LOC, ORG…), nombre d&apos;articles et de mentions ; Entrée choisit l&apos;entité</source>
        <translation>Name, type (PER, LOC, ORG…), number of articles and mentions; Enter chooses the entity</translation>
    </message>
    <message>
        <source>{name} : {n} article(s)</source>
        <translation>{name}: {n} article(s)</translation>
    </message>
    <message>
        <source>{name} ({type}, {label}) : {n} article(s), {m} mention(s)</source>
        <translation>{name} ({type}, {label}): {n} article(s), {m} mention(s)</translation>
    </message>
    <message>
        <source>regroupe aussi : {keys}</source>
        <translation>also groups: {keys}</translation>
    </message>
    <message>
        <source> et {n} autre(s)</source>
        <translation> and {n} other(s)</translation>
    </message>
    <message>
        <source>Cités avec {name}</source>
        <translation>Cited with {name}</translation>
    </message>
    <message>
        <source>Cités avec… (calcul en cours)</source>
        <translation>Cited with… (calculating)</translation>
    </message>
</context>
<context>
    <name>LibraryEntityService</name>
    <message>
        <source>Entités de la bibliothèque indisponibles : {error}</source>
        <translation>Library entities unavailable: {error}</translation>
    </message>
    <message>
        <source>Fusion impossible : {error}</source>
        <translation>Could not merge: {error}</translation>
    </message>
    <message>
        <source>Séparation impossible : {error}</source>
        <translation>Could not split: {error}</translation>
    </message>
    <message>
        <source>Requête sur les entités impossible : {error}</source>
        <translation>Could not query the entities: {error}</translation>
    </message>
    <message>
        <source>Modèle d&apos;entités {model} introuvable : entités de la bibliothèque indisponibles.</source>
        <translation>Entity model {model} not found: library entities unavailable.</translation>
    </message>
    <message>
        <source>Analyse des entités de {n} article(s) en arrière-plan (décomptes provisoires)…</source>
        <translation>Analysing the entities of {n} article(s) in the background (provisional counts)…</translation>
    </message>
    <message>
        <source>Entités de la bibliothèque à jour ({extracted} analysé(s), {cached} depuis le cache)</source>
        <translation>Library entities up to date ({extracted} analysed, {cached} from the cache)</translation>
    </message>
    <message>
        <source> ; {n} fichier(s) illisible(s)</source>
        <translation>; {n} unreadable file(s)</translation>
    </message>
    <message>
        <source>Analyse interrompue : {error}</source>
        <translation>Analysis interrupted: {error}</translation>
    </message>
    <message>
        <source>Analyse arrêtée ; elle reprendra à la prochaine ouverture.</source>
        <translation>Analysis stopped; it will resume the next time the library is opened.</translation>
    </message>
    <message>
        <source>Aucune entité pour ce filtre.</source>
        <translation>No entities match this filter.</translation>
    </message>
    <message>
        <source>Cette entité n&apos;est plus dans la bibliothèque.</source>
        <translation>This entity is no longer in the library.</translation>
    </message>
    <message>
        <source>{n} entités regroupées sous « {name} ».</source>
        <translation>{n} entities grouped under ‘{name}’.</translation>
    </message>
    <message>
        <source>« {name} » ne regroupe aucune autre forme.</source>
        <translation>‘{name}’ does not group any other form.</translation>
    </message>
    <message>
        <source>« {name} » séparé de : {others}</source>
        <translation>‘{name}’ split from: {others}</translation>
    </message>
</context>
<context>
    <name>LibrarySession</name>
    <message>
        <source>Cache inutilisable (%1) : cache temporaire pour cette session</source>
        <translation>Cache unusable (%1): a temporary cache is used for this session</translation>
    </message>
    <message>
        <source>L&apos;index de la bibliothèque était illisible (%1) : il a été reconstruit à partir des fichiers.</source>
        <translation>The library index was unreadable (%1): it was rebuilt from the files.</translation>
    </message>
    <message>
        <source>Cache des entités indisponible</source>
        <translation>Entity cache unavailable</translation>
    </message>
    <message>
        <source>Impossible d&apos;ouvrir la bibliothèque</source>
        <translation>Could not open the library</translation>
    </message>
    <message>
        <source>Recherche impossible</source>
        <translation>Could not search</translation>
    </message>
    <message>
        <source>Le modèle d&apos;entités n&apos;a pas pu être chargé</source>
        <translation>The entity model could not be loaded</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ouvrir une bibliothèque</source>
        <translation>Open a library</translation>
    </message>
    <message>
        <source>Ce dossier n&apos;est pas lisible</source>
        <translation>This folder cannot be read</translation>
    </message>
    <message>
        <source>Ouverture de la bibliothèque…</source>
        <translation>Opening the library…</translation>
    </message>
    <message>
        <source>Ouverture de %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <source>Cette bibliothèque ne contient aucun article lisible.</source>
        <translation>This library contains no readable articles.</translation>
    </message>
    <message>
        <source>Tous les fichiers ont été lus.</source>
        <translation>All files were read.</translation>
    </message>
    <message>
        <source>L&apos;article du lien n&apos;est pas dans cette bibliothèque.</source>
        <translation>The linked article is not in this library.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Marque-page</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Le passage marqué</source>
        <translation>The bookmarked passage</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Note (facultative)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>&amp;Note :</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Couleur</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>&amp;Couleur :</source>
        <translation>&amp;Colour:</translation>
    </message>
    <message>
        <source>Étiquettes</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>séparées par des espaces ou des virgules</source>
        <translation>separated by spaces or commas</translation>
    </message>
    <message>
        <source>É&amp;tiquettes :</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Ctrl+Entrée pour enregistrer, Échap pour annuler</source>
        <translation>Ctrl+Enter to save, Esc to cancel</translation>
    </message>
</context>
<context>
    <name>PassageCommands</name>
    <message>
        <source>Sélectionnez d&apos;abord un passage.</source>
        <translation>Select a passage first.</translation>
    </message>
    <message>
        <source>Rechercher « %1 » dans la bibliothèque</source>
        <translation>Search the library for ‘%1’</translation>
    </message>
    <message>
        <source>Passage copié avec sa référence.</source>
        <translation>Passage copied with its citation.</translation>
    </message>
    <message>
        <source>Lien impossible</source>
        <translation>Could not create the link</translation>
    </message>
    <message>
        <source>Lien copié : %1</source>
        <translation>Link copied: %1</translation>
    </message>
    <message>
        <source>Ce lien Reader n&apos;est pas valide</source>
        <translation>This Reader link is not valid</translation>
    </message>
    <message>
        <source>Le passage du lien n&apos;a pas été retrouvé dans l&apos;article.</source>
        <translation>The linked passage was not found in the article.</translation>
    </message>
    <message>
        <source>Article envoyé à l&apos;impression.</source>
        <translation>Article sent to the printer.</translation>
    </message>
    <message>
        <source>Exporter l&apos;article en PDF</source>
        <translation>Export article as PDF</translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Le PDF n&apos;a pas été écrit</source>
        <translation>The PDF was not written</translation>
    </message>
    <message>
        <source>Article exporté en PDF : %1</source>
        <translation>Article exported as PDF: %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(passage introuvable)</source>
        <translation>(passage not found)</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>un tube nommé (FIFO)</source>
        <translation>a named pipe (FIFO)</translation>
    </message>
    <message>
        <source>un périphérique</source>
        <translation>a device</translation>
    </message>
    <message>
        <source>un dossier</source>
        <translation>a folder</translation>
    </message>
    <message>
        <source>un fichier spécial</source>
        <translation>a special file</translation>
    </message>
    <message>
        <source>une socket</source>
        <translation>a socket</translation>
    </message>
    <message>
        <source>fichier vide</source>
        <translation>empty file</translation>
    </message>
    <message>
        <source>fichier binaire, pas un article</source>
        <translation>binary file, not an article</translation>
    </message>
    <message>
        <source>caractère invalide à l&apos;octet {byte} (le fichier n&apos;est pas en UTF-8)</source>
        <translation>invalid character at byte {byte} (the file is not UTF-8)</translation>
    </message>
    <message>
        <source>texte UTF-16 invalide à l&apos;octet {byte}</source>
        <translation>invalid UTF-16 text at byte {byte}</translation>
    </message>
    <message>
        <source>aucun texte</source>
        <translation>no text</translation>
    </message>
    <message>
        <source>aucun texte après l&apos;en-tête</source>
        <translation>no text after the header</translation>
    </message>
    <message>
        <source>fichier trop gros ({size} Mo, limite {limit} Mo)</source>
        <translation>file too large ({size} MB, limit {limit} MB)</translation>
    </message>
    <message>
        <source>fichier illisible ({error})</source>
        <translation>unreadable file ({error})</translation>
    </message>
    <message>
        <source>pas un fichier ordinaire : {kind}</source>
        <translation>not a regular file: {kind}</translation>
    </message>
    <message>
        <source>le fichier a disparu pendant l&apos;analyse</source>
        <translation>the file disappeared during the scan</translation>
    </message>
    <message>
        <source>lien symbolique vers un fichier hors de la bibliothèque (ignoré)</source>
        <translation>symbolic link to a file outside the library (ignored)</translation>
    </message>
    <message>
        <source>dossier illisible ({error}) : son contenu n&apos;a pas été lu</source>
        <translation>unreadable folder ({error}): its contents were not read</translation>
    </message>
    <message>
        <source>fichier illisible</source>
        <translation>unreadable file</translation>
    </message>
</context>
<context>
    <name>ReadStateService</name>
    <message>
        <source>Impossible de lire les articles lus et suivis</source>
        <translation>Could not read the read and starred articles</translation>
    </message>
    <message>
        <source>Lus et suivis non enregistrés</source>
        <translation>Read and starred articles not saved</translation>
    </message>
    <message>
        <source>Marquer comme lu</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>Marquer comme non lu</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <source>Suivre l&apos;article</source>
        <translation>Star article</translation>
    </message>
    <message>
        <source>Ne plus suivre l&apos;article</source>
        <translation>Unstar article</translation>
    </message>
    <message numerus="yes">
        <source>Marquer %n article(s) comme lu(s)</source>
        <translation>
            <numerusform>Mark %n article as read</numerusform>
            <numerusform>Mark %n articles as read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marquer %n article(s) comme non lu(s)</source>
        <translation>
            <numerusform>Mark %n article as unread</numerusform>
            <numerusform>Mark %n articles as unread</numerusform>
        </translation>
    </message>
    <message>
        <source>L&apos;état lu/suivi n&apos;a pas pu être enregistré</source>
        <translation>The read/starred state could not be saved</translation>
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
        <source>(sans note)</source>
        <translation>(no note)</translation>
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
    <name>RecentLibraries</name>
    <message>
        <source>Dossier introuvable</source>
        <translation>Folder not found</translation>
    </message>
    <message>
        <source>N&apos;est pas un dossier</source>
        <translation>Not a folder</translation>
    </message>
    <message>
        <source>Accès refusé</source>
        <translation>Access denied</translation>
    </message>
    <message>
        <source>Dossier illisible ({error})</source>
        <translation>Unreadable folder ({error})</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>&amp;Récents</source>
        <translation>&amp;Recent</translation>
    </message>
    <message>
        <source>Aucune bibliothèque récente</source>
        <translation>No recent libraries</translation>
    </message>
    <message>
        <source>Effacer la liste</source>
        <translation>Clear list</translation>
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
        <translation>Indexing</translation>
    </message>
    <message>
        <source>Arrêter l&apos;indexation</source>
        <translation>Stop indexing</translation>
    </message>
    <message>
        <source>Indexation %v / %m</source>
        <translation>Indexing %v / %m</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>indexation interrompue (reprendra à la prochaine ouverture)</source>
        <translation>indexing interrupted (will resume the next time the library is opened)</translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) illisible(s)</source>
        <translation>
            <numerusform>%n unreadable file</numerusform>
            <numerusform>%n unreadable files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problème(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Voir les fichiers qui n&apos;ont pas pu être lus</source>
        <translation>Show the files that could not be read</translation>
    </message>
    <message numerus="yes">
        <source>%n non lu(s)</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suivi(s)</source>
        <translation>
            <numerusform>%n starred</numerusform>
            <numerusform>%n starred</numerusform>
        </translation>
    </message>
    <message>
        <source>Entités de la bibliothèque : %1/%2</source>
        <translation>Library entities: %1/%2</translation>
    </message>
</context>
<context>
    <name>StorageErrors</name>
    <message>
        <source>le fichier {name} est endommagé</source>
        <translation>the file {name} is damaged</translation>
    </message>
    <message>
        <source>le disque est plein : rien n&apos;a été enregistré (rien n&apos;est perdu)</source>
        <translation>the disk is full: nothing has been saved (nothing is lost)</translation>
    </message>
    <message>
        <source>le dossier de {name} est en lecture seule : les modifications ne peuvent pas être enregistrées</source>
        <translation>the folder containing {name} is read-only: changes cannot be saved</translation>
    </message>
    <message>
        <source>{name} est occupé par une autre fenêtre : réessayez</source>
        <translation>{name} is in use by another window: try again</translation>
    </message>
    <message>
        <source>erreur d&apos;entrée/sortie sur {name} (disque défaillant ou retiré ?)</source>
        <translation>input/output error on {name} (failing or removed disk?)</translation>
    </message>
    <message>
        <source>impossible d&apos;ouvrir {name}</source>
        <translation>cannot open {name}</translation>
    </message>
    <message>
        <source>{name} a été écrit par une version plus récente de Reader : il n&apos;a pas été modifié</source>
        <translation>{name} was written by a newer version of Reader: it has not been modified</translation>
    </message>
    <message>
        <source>{name} n&apos;a pas le format attendu par Reader : il n&apos;a pas été modifié</source>
        <translation>{name} is not in the format Reader expects: it has not been modified</translation>
    </message>
    <message>
        <source>erreur de stockage sur {name}</source>
        <translation>storage error on {name}</translation>
    </message>
    <message>
        <source>la base de données</source>
        <translation>the database</translation>
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
        <translation>Article timeline</translation>
    </message>
    <message>
        <source>Nombre d&apos;articles par période pour le filtre courant ; les flèches passent d&apos;une barre à l&apos;autre, Entrée filtre la liste sur la période.</source>
        <translation>Number of articles per period for the current filter; the arrow keys move from one bar to the next, Enter filters the list on the period.</translation>
    </message>
    <message>
        <source>Histogramme des articles par période</source>
        <translation>Histogram of articles per period</translation>
    </message>
    <message>
        <source>Résumé de la chronologie</source>
        <translation>Timeline summary</translation>
    </message>
    <message>
        <source>Toute la période</source>
        <translation>Whole period</translation>
    </message>
    <message>
        <source>Effacer le filtre de période</source>
        <translation>Clear the period filter</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Articles par période</source>
        <translation>Articles per period</translation>
    </message>
    <message>
        <source>Période : années (plus de {n} mois)</source>
        <translation>Period: years (more than {n} months)</translation>
    </message>
    <message>
        <source>Période : mois</source>
        <translation>Period: months</translation>
    </message>
    <message>
        <source>{period} : {n} article(s) — cliquer pour filtrer</source>
        <translation>{period}: {n} article(s) — click to filter</translation>
    </message>
    <message>
        <source>{n} article(s) sur le graphique</source>
        <translation>{n} article(s) on the chart</translation>
    </message>
    <message>
        <source>{n} daté(s) à l&apos;année seulement</source>
        <translation>{n} dated to the year only</translation>
    </message>
    <message>
        <source>{n} sans date</source>
        <translation>{n} undated</translation>
    </message>
    <message>
        <source>barre : {period}, {n} article(s)</source>
        <translation>bar: {period}, {n} article(s)</translation>
    </message>
    <message>
        <source>période choisie : {period}</source>
        <translation>chosen period: {period}</translation>
    </message>
</context>
<context>
    <name>a11y</name>
    <message>
        <source>Effacer le texte</source>
        <translation>Clear text</translation>
    </message>
</context>
</TS>
