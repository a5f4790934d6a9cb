{{%AUTOESCAPE context="HTML"}}
<article class="opgv-stack opgv-model">
<h1 class="kern-heading-large">{{M_TITLE}}</h1>
<p class="kern-body opgv-lead">{{M_DESCRIPTION}}</p>
<dl class="kern-description-list">
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Kennung</dt><dd class="kern-description-list-item__value"><code>{{M_SLUG}}</code> (für <code>opgv validate --model {{M_SLUG}}</code>)</dd></div>
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Version</dt><dd class="kern-description-list-item__value">{{M_VERSION}} · <a class="kern-link" href="/daten/modelle/{{M_SLUG}}/versionen">{{VERSION_COUNT}} Version(en) und Änderungen</a></dd></div>
{{#RAUMBEZUG}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Raumbezug</dt><dd class="kern-description-list-item__value">{{TEXT}} {{#FELDER}}(Felder: {{FELDER}}){{/FELDER}}</dd></div>{{/RAUMBEZUG}}
{{#MDK}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Musterdatenkatalog</dt><dd class="kern-description-list-item__value"><ul class="kern-list">{{#ITEMS}}<li><a class="kern-link" href="{{URI}}">{{LABEL}}</a></li>{{/ITEMS}}</ul></dd></div>{{/MDK}}
</dl>
<h2 class="kern-heading-medium">Herunterladen</h2>
<ul class="kern-list">{{#PACKAGE_DOWNLOADS}}<li><a class="kern-link" href="{{URL}}">{{TEXT}}</a></li>{{/PACKAGE_DOWNLOADS}}</ul>
{{#RESOURCES}}<section class="opgv-stack" aria-labelledby="{{R_ID}}">
<h2 class="kern-heading-medium" id="{{R_ID}}">Tabelle „{{R_TITLE}}“ <span class="opgv-meta">(<code>{{R_NAME}}</code>)</span></h2>
<p class="kern-body">{{R_DESCRIPTION}}</p>
{{#KEYS}}<p class="kern-body opgv-meta">{{TEXT}}</p>{{/KEYS}}
<ul class="kern-list">{{#DOWNLOADS}}<li><a class="kern-link" href="{{URL}}">{{TEXT}}</a></li>{{/DOWNLOADS}}</ul>
<div class="opgv-table-wrap" role="region" aria-label="Felder der Tabelle {{R_TITLE}}" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Felder der Tabelle {{R_TITLE}}</caption>
<thead><tr><th scope="col">Feld</th><th scope="col">Typ</th><th scope="col">Pflicht</th><th scope="col">Bedeutung</th><th scope="col">Regeln</th></tr></thead>
<tbody>{{#FIELDS}}<tr><th scope="row"><code>{{F_NAME}}</code><br>{{F_TITLE}}</th><td>{{F_TYPE}}</td><td>{{F_REQUIRED}}</td><td>{{F_DESCRIPTION}}</td><td>{{F_RULES}}</td></tr>{{/FIELDS}}</tbody>
</table>
</div>
</section>
{{/RESOURCES}}
<section aria-labelledby="testdaten" class="opgv-stack">
<h2 class="kern-heading-medium" id="testdaten">Synthetische Testdaten</h2>
<p class="kern-body">Erfundene, aber plausible Daten im Format des Modells, zum Beispiel für eine Sandbox oder ein Angebot eines GovTechs. Sie sind bei gleichem Startwert immer gleich und bestehen die Prüfung gegen das Modell. Orte und Schlüssel sind fiktiv.</p>
<form method="get" action="/daten/modelle/{{M_SLUG}}/testdaten" class="opgv-stack">
<div class="kern-form-input"><label class="kern-label" for="t-ressource">Tabelle</label>
<select class="kern-form-input__select" id="t-ressource" name="ressource">{{#SYNTH_RESOURCES}}<option value="{{VALUE}}">{{LABEL}}</option>{{/SYNTH_RESOURCES}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="t-zeilen">Zeilen</label>
<p class="kern-hint" id="t-zeilen-hint">1 bis 100.000</p>
<input class="kern-form-input__input" id="t-zeilen" name="zeilen" type="number" inputmode="numeric" min="1" max="100000" value="100" aria-describedby="t-zeilen-hint"></div>
<div class="kern-form-input"><label class="kern-label" for="t-startwert">Startwert</label>
<p class="kern-hint" id="t-startwert-hint">Gleicher Startwert, gleiche Daten.</p>
<input class="kern-form-input__input" id="t-startwert" name="startwert" type="number" inputmode="numeric" min="0" value="1" aria-describedby="t-startwert-hint"></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Testdaten als CSV herunterladen</span></button>
</form>
</section>
<section aria-labelledby="aenderungen">
<h2 class="kern-heading-medium" id="aenderungen">Änderungsprotokoll</h2>
<div class="opgv-prose">{{CHANGELOG_MARKDOWN:none}}</div>
</section>
</article>
