{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack opgv-prose">
<h1 class="kern-heading-large">Datensatz löschen?</h1>
<div class="kern-alert kern-alert--warning" role="note"><div class="kern-alert__body"><p class="kern-body">„{{D_TITLE}}“ wird mit allen {{D_VERSIONS}} Versionen, {{D_ROWS}} gespeicherten Zeilen, Prüfberichten und abgelehnten Zeilen endgültig gelöscht. Das lässt sich nicht rückgängig machen. Laden Sie die Daten vorher herunter, wenn Sie sie noch brauchen. Die Import-Profile bleiben erhalten.</p></div></div>
<form method="post" action="/daten/datensaetze/{{D_ID}}/loeschen">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="opgv-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Ja, endgültig löschen</span></button>
<a class="kern-link" href="/daten/datensaetze/{{D_ID}}">Nein, zurück zum Datensatz</a></p>
</form>
</div>
