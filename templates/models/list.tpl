{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Datenmodelle</h1>
<p class="kern-body opgv-prose">Harmonisierte Datenmodelle beschreiben, wie Daten einer Fachaufgabe aufgebaut sind: welche Spalten es gibt, was sie bedeuten und welche Werte erlaubt sind. Liefern mehrere Kommunen ihre Daten im selben Modell, kann ein GovTech ein Produkt für alle bauen. Jedes Modell ist ein <a class="kern-link" href="https://datapackage.org/">Data Package</a> mit Table Schema; Sie können es herunterladen, eine leere Vorlage ausfüllen und Ihre Datei gegen das Modell prüfen lassen.</p>
<h2 class="kern-heading-medium">{{MODEL_COUNT}} Modelle</h2>
<ul class="opgv-uc-list" role="list">
{{#MODELS}}<li class="opgv-uc-item">
<h3 class="kern-heading-small"><a class="kern-link" href="/daten/modelle/{{M_SLUG}}">{{M_TITLE}}</a></h3>
<p class="kern-body">{{M_DESCRIPTION}}</p>
<p class="kern-body opgv-meta">Version {{M_VERSION}} · {{M_RESOURCES}} Tabelle(n) · {{M_FIELDS}} Felder · Kennung <code>{{M_SLUG}}</code></p>
</li>
{{/MODELS}}
</ul>
