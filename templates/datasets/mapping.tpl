{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Spalten zuordnen</h1>
<p class="kern-body opgv-prose">Datei „{{FILENAME}}“ ({{SIZE}}, {{COLUMN_COUNT}} Spalten) für „{{DATASET_TITLE}}“ im Modell <a class="kern-link" href="/daten/modelle/{{MODEL_SLUG}}">{{MODEL_TITLE}}</a>. Die Plattform hat einen Vorschlag gemacht. Prüfen Sie für jedes Feld des Modells, aus welcher Spalte es seinen Wert bekommt. Die Zuordnung wird als Import-Profil gespeichert und lässt sich für die nächste Lieferung wieder verwenden.</p>
{{#HAS_FORM_ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">{{ERROR_TITLE}}</h2>
<ul class="kern-list">{{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}</ul></div>{{/HAS_FORM_ERRORS}}
<details class="opgv-details"><summary class="kern-body">Spalten der Datei und Begründung des Vorschlags</summary>
<ul class="kern-list">{{#COLUMNS}}<li><code>{{NAME}}</code></li>{{/COLUMNS}}</ul>
{{#HAS_NOTES}}<ul class="kern-list">{{#NOTES}}<li>{{TEXT}}</li>{{/NOTES}}</ul>{{/HAS_NOTES}}
</details>
{{#MODEL_MATCHES}}<section aria-labelledby="modellwahl" class="opgv-stack">
<h2 class="kern-heading-small" id="modellwahl">Passt das Datenmodell?</h2>
<p class="kern-body">So gut passt Ihre Datei zu den Modellen – nach den Spalten, die ein Feld finden, und nach Dateiname und Spaltennamen im Vergleich mit Titel, Schlagworten und den Bezeichnungen des Musterdatenkatalogs:</p>
<ul class="kern-list">{{#ITEMS}}<li><strong>{{TITLE}}</strong> ({{PERCENT}} %): {{REASON}}.{{#CURRENT}} <em>Gewählt.</em>{{/CURRENT}}{{#SWITCH}} <a class="kern-link" href="{{URL}}">Dieses Modell verwenden<span class="kern-sr-only">: {{TITLE}}</span></a>{{/SWITCH}}</li>{{/ITEMS}}</ul>
</section>{{/MODEL_MATCHES}}
<form method="post" action="/daten/datensaetze/hochgeladen/{{UPLOAD_ID}}/zuordnung" class="opgv-form opgv-stack" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#MODEL_MATCHES}}<input type="hidden" name="modell" value="{{CHOICE}}">{{/MODEL_MATCHES}}
{{#PROFILES}}<fieldset class="kern-fieldset"><legend class="kern-label">Gespeicherte Zuordnung verwenden</legend><div class="kern-fieldset__body">
<div class="kern-form-input"><label class="kern-label" for="m-basis">Ausgangspunkt</label>
<select class="kern-form-input__select" id="m-basis" name="profil_id">{{#OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTIONS}}</select></div>
<button type="submit" name="aktion" value="laden" class="kern-btn kern-btn--secondary"><span class="kern-label">Zuordnung laden</span></button>
</div></fieldset>{{/PROFILES}}
{{#BASE_PROFILE}}<input type="hidden" name="profil_id" value="{{ID}}">{{/BASE_PROFILE}}
{{#READING}}<fieldset class="kern-fieldset{{#READ_ERROR}} kern-fieldset--error{{/READ_ERROR}}" id="m-lesen"><legend class="kern-label">Werte der Datei lesen</legend><div class="kern-fieldset__body">
<input type="hidden" name="lesen_angeboten" value="1">
{{#READ_ERROR}}<p class="kern-error" id="m-lesen-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/READ_ERROR}}
<div class="kern-form-input"><label class="kern-label" for="m-fehlend">Zeichen für „kein Wert“</label><p class="kern-hint" id="m-fehlend-hint">Leere Zellen gelten immer als fehlender Wert. Steht in Ihrer Datei dafür etwas anderes, zum Beispiel „-9999“ oder „k. A.“, tragen Sie es hier ein; mehrere durch Semikolon getrennt.</p><input class="kern-form-input__input" id="m-fehlend" name="fehlend" type="text" value="{{MISSING}}" aria-describedby="m-fehlend-hint"></div>
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="m-bedingung" name="bedingung" value="1"{{#CONDITION_CHECKED}} checked{{/CONDITION_CHECKED}} aria-describedby="m-bedingung-hint"><label class="kern-label" for="m-bedingung">Werte einer Zeile nur unter einer Bedingung übernehmen</label></div>
<p class="kern-hint" id="m-bedingung-hint">Zum Beispiel die Gültigkeit im Berliner Monitoring Soziale Stadtentwicklung: Ist die Spalte „KOM“ nicht „gültig“, werden die Werte der Zeile als fehlend übernommen – außer in den Spalten, die Sie unten ankreuzen. Der Bericht nennt, wie viele Werte das betrifft.</p>
<div class="kern-form-input"><label class="kern-label" for="m-bed-spalte">Werte als fehlend übernehmen, wenn die Spalte</label><select class="kern-form-input__select" id="m-bed-spalte" name="bedingung.spalte">{{#COLUMN_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/COLUMN_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-bed-vergleich">Vergleich</label><select class="kern-form-input__select" id="m-bed-vergleich" name="bedingung.vergleich"><option value="ungleich"{{#NOT_EQUAL}} selected{{/NOT_EQUAL}}>nicht diesen Wert hat</option><option value="gleich"{{#EQUAL}} selected{{/EQUAL}}>diesen Wert hat</option></select></div>
<div class="kern-form-input"><label class="kern-label" for="m-bed-wert">Wert</label><input class="kern-form-input__input" id="m-bed-wert" name="bedingung.wert" type="text" value="{{VALUE}}"></div>
<fieldset class="kern-fieldset"><legend class="kern-label">Diese Spalten behalten ihren Wert</legend><div class="kern-fieldset__body">
{{#KEEP}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="{{ID}}" name="bedingung.behalten" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}><label class="kern-label" for="{{ID}}">{{NAME}}</label></div>
{{/KEEP}}</div></fieldset>
{{#FURTHER}}<p class="kern-hint">Das Import-Profil hat {{COUNT}} weitere Bedingungen; sie bleiben erhalten.</p>{{/FURTHER}}
</div></fieldset>{{/READING}}
{{#RESHAPE}}{{#TO_LONG}}<fieldset class="kern-fieldset"><legend class="kern-label">Breite Tabelle umformen</legend><div class="kern-fieldset__body">
<input type="hidden" name="umformen_angeboten" value="1">
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="m-umformen" name="umformen" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="m-umformen-hint"><label class="kern-label" for="m-umformen">{{COUNT}} Spalten zu Zeilen machen</label></div>
<p class="kern-hint" id="m-umformen-hint">Aus jeder dieser Spalten wird je Zeile der Datei eine eigene Zeile: der Spaltenname kommt in „{{NAME_COLUMN}}“, der Wert in „{{VALUE_COLUMN}}“. Spalten: {{#COLUMNS}}<code>{{NAME}}</code> {{/COLUMNS}}. Nach einer Änderung bitte „Vorschau aktualisieren“ wählen.</p>
</div></fieldset>{{/TO_LONG}}{{#TO_WIDE}}<fieldset class="kern-fieldset"><legend class="kern-label">Lange Tabelle umformen</legend><div class="kern-fieldset__body">
<input type="hidden" name="umformen_angeboten" value="1">
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="m-umformen" name="umformen" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="m-umformen-hint"><label class="kern-label" for="m-umformen">Zeilen zu {{COUNT}} Spalten machen</label></div>
<p class="kern-hint" id="m-umformen-hint">Die Datei hat eine Zeile je Wert, das Modell eine Spalte je Wert. Die Zeilen mit diesen Codes in „{{NAME_COLUMN}}“ werden zu Spalten, ihr Wert kommt aus „{{VALUE_COLUMN}}“; Zeilen mit gleichen Werten in den übrigen zugeordneten Spalten werden zu einer Zeile. Codes: {{#COLUMNS}}<code>{{NAME}}</code> {{/COLUMNS}}. Nach einer Änderung bitte „Vorschau aktualisieren“ wählen.</p>
</div></fieldset>{{/TO_WIDE}}{{/RESHAPE}}
<div class="opgv-table-wrap" role="region" aria-label="Zuordnung der Felder" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Zuordnung: je Feld des Modells die Quelle in Ihrer Datei</caption>
<thead><tr><th scope="col">Feld des Modells</th><th scope="col">Quelle</th><th scope="col">Fester Wert</th></tr></thead>
<tbody>{{#FIELDS}}<tr{{#F_ERROR}} class="opgv-row--error"{{/F_ERROR}}><th scope="row"><span class="kern-body"><strong>{{F_TITLE}}</strong></span><br><code>{{F_NAME}}</code> · {{F_TYPE}}{{#F_REQUIRED}} · <strong>Pflichtfeld</strong>{{/F_REQUIRED}}{{#F_ERROR}}<p class="kern-error" id="f-{{F_NAME}}-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/F_ERROR}}</th>
<td><label class="kern-sr-only" for="f-{{F_NAME}}">Quelle für {{F_TITLE}}</label><select class="kern-form-input__select" id="f-{{F_NAME}}" name="quelle.{{F_NAME}}"{{#F_ERROR}} aria-invalid="true" aria-describedby="f-{{F_NAME}}-error"{{/F_ERROR}}>{{#F_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/F_OPTIONS}}</select></td>
<td><label class="kern-sr-only" for="w-{{F_NAME}}">Fester Wert für {{F_TITLE}}</label><input class="kern-form-input__input" id="w-{{F_NAME}}" name="wert.{{F_NAME}}" type="text" value="{{F_CONSTANT}}">
<details class="opgv-details"{{#F_OPEN}} open{{/F_OPEN}}><summary class="kern-body">Umrechnen oder Codes übersetzen<span class="kern-sr-only">: {{F_TITLE}}</span></summary>
{{#F_NUMERIC}}<div class="kern-form-input"><label class="kern-label" for="s-{{F_NAME}}">Faktor für {{F_TITLE}}</label><p class="kern-hint" id="s-{{F_NAME}}-hint">Wert × Faktor, z. B. 0,001 für Euro → Tausend Euro. Leer: unverändert.</p><input class="kern-form-input__input" id="s-{{F_NAME}}" name="faktor.{{F_NAME}}" type="text" inputmode="decimal" value="{{F_SCALE}}" aria-describedby="s-{{F_NAME}}-hint"></div>{{/F_NUMERIC}}
<div class="kern-form-input"><label class="kern-label" for="c-{{F_NAME}}">Codes übersetzen für {{F_TITLE}}</label><p class="kern-hint" id="c-{{F_NAME}}-hint">Je Zeile „alter Wert = neuer Wert“, z. B. „Grundschule = grundschule“. Werte ohne Eintrag bleiben, wie sie sind.</p><textarea class="kern-form-input__input" id="c-{{F_NAME}}" name="codes.{{F_NAME}}" rows="3" aria-describedby="c-{{F_NAME}}-hint">{{F_CODES:pre_escape}}</textarea></div>
</details></td></tr>{{/FIELDS}}</tbody></table></div>
{{#AGGREGATION}}<fieldset class="kern-fieldset{{#AGG_ERROR}} kern-fieldset--error{{/AGG_ERROR}}" id="m-zusammenfassen"><legend class="kern-label">Kleine Gebiete zu größeren zusammenfassen</legend><div class="kern-fieldset__body">
<input type="hidden" name="zusammenfassen_angeboten" value="1">
{{#AGG_ERROR}}<p class="kern-error" id="m-zusammenfassen-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/AGG_ERROR}}
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="m-zus-an" name="zusammenfassen" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="m-zus-hint"><label class="kern-label" for="m-zus-an">Zusammenfassen</label></div>
<p class="kern-hint" id="m-zus-hint">Zum Beispiel Planungsräume zu Prognoseräumen oder Ortsteile zu Stadtbezirken. Werte werden je grobem Gebiet addiert oder gemittelt; alle anderen Felder bilden eigene Gruppen.</p>
<fieldset class="kern-fieldset"><legend class="kern-label">Wie ergibt sich das grobe Gebiet?</legend><div class="kern-fieldset__body">
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="m-zus-nach-praefix" name="zusammenfassen.nach" value="praefix"{{#BY_PREFIX}} checked{{/BY_PREFIX}}><label class="kern-label" for="m-zus-nach-praefix">Aus den ersten Zeichen der Gebietsnummer</label></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-zeichen">Anzahl der Zeichen für das grobe Gebiet</label><p class="kern-hint" id="m-zus-zeichen-hint">Zum Beispiel 4: aus dem Planungsraum 01100101 wird der Prognoseraum 0110.</p><input class="kern-form-input__input" id="m-zus-zeichen" name="zusammenfassen.zeichen" type="text" inputmode="numeric" value="{{PREFIX}}" aria-describedby="m-zus-zeichen-hint"></div>
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="m-zus-nach-tabelle" name="zusammenfassen.nach" value="tabelle"{{#BY_TABLE}} checked{{/BY_TABLE}}><label class="kern-label" for="m-zus-nach-tabelle">Aus einer Zuordnungstabelle</label></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-tabelle">Zuordnungstabelle: feine und grobe Gebietsnummer</label><p class="kern-hint" id="m-zus-tabelle-hint">Je Zeile zwei Werte, getrennt durch Semikolon, z. B. „01100101;0110“. Sie können auch zwei Spalten aus einer Tabellenkalkulation kopieren und hier einfügen. Gebiete, die in der Tabelle fehlen, werden nicht zusammengefasst; der Bericht nennt ihre Zahl.</p><textarea class="kern-form-input__input" id="m-zus-tabelle" name="zusammenfassen.tabelle" rows="6" spellcheck="false" aria-describedby="m-zus-tabelle-hint">{{TABLE:pre_escape}}</textarea></div>
</div></fieldset>
<div class="kern-form-input"><label class="kern-label" for="m-zus-ebene">Name der groben Ebene</label><input class="kern-form-input__input" id="m-zus-ebene" name="zusammenfassen.ebene" type="text" value="{{LEVEL}}"></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-gebiet">Feld mit der Gebietsnummer</label><select class="kern-form-input__select" id="m-zus-gebiet" name="zusammenfassen.gebiet">{{#AREA_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/AREA_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-ebenenfeld">Feld mit der Gebietsebene</label><select class="kern-form-input__select" id="m-zus-ebenenfeld" name="zusammenfassen.ebenenfeld">{{#LEVEL_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LEVEL_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-wert">Feld mit dem Wert</label><select class="kern-form-input__select" id="m-zus-wert" name="zusammenfassen.wert">{{#VALUE_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/VALUE_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-methode">Rechnung</label><select class="kern-form-input__select" id="m-zus-methode" name="zusammenfassen.methode">{{#METHOD_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/METHOD_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-gewicht">Spalte mit dem Gewicht (für den gewichteten Mittelwert)</label><select class="kern-form-input__select" id="m-zus-gewicht" name="zusammenfassen.gewicht">{{#WEIGHT_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/WEIGHT_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-methode-nach">Abweichende Rechnung je Wert des Feldes</label><p class="kern-hint" id="m-zus-methode-nach-hint">Zum Beispiel „Indikator-Code“: Einwohnerzahlen werden addiert, Anteile mit der Einwohnerzahl gewichtet.</p><select class="kern-form-input__select" id="m-zus-methode-nach" name="zusammenfassen.methode_nach" aria-describedby="m-zus-methode-nach-hint">{{#METHOD_BY_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/METHOD_BY_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="m-zus-methoden">Abweichende Rechnungen</label><p class="kern-hint" id="m-zus-methoden-hint">Je Zeile „Wert = Rechnung“, zum Beispiel „EW = summe“. Rechnungen: summe, mittelwert, gewichteter_mittelwert, keine (der Wert lässt sich nicht zusammenfassen und fehlt im Ergebnis). Für alle anderen Werte gilt die Rechnung oben.</p><textarea class="kern-form-input__input" id="m-zus-methoden" name="zusammenfassen.methoden" rows="3" spellcheck="false" aria-describedby="m-zus-methoden-hint">{{METHODS:pre_escape}}</textarea></div>
</div></fieldset>{{/AGGREGATION}}
<div class="kern-form-input{{#PROFILE_ERROR}} kern-form-input--error{{/PROFILE_ERROR}}"><label class="kern-label" for="m-profil">Speichern als Import-Profil</label>
<p class="kern-hint" id="m-profil-hint">Kleinbuchstaben, Ziffern und Bindestriche. Unter einem vorhandenen Namen entsteht eine neue Fassung.</p>
{{#PROFILE_ERROR}}<p class="kern-error" id="m-profil-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/PROFILE_ERROR}}
<input class="kern-form-input__input" id="m-profil" name="profil" type="text" maxlength="80" value="{{PROFILE_NAME}}" aria-describedby="m-profil-hint{{#PROFILE_ERROR}} m-profil-error{{/PROFILE_ERROR}}"{{#PROFILE_ERROR}} aria-invalid="true"{{/PROFILE_ERROR}}></div>
<p class="opgv-actions"><button type="submit" name="aktion" value="importieren" class="kern-btn kern-btn--primary"><span class="kern-label">Importieren und prüfen</span></button>
<button type="submit" name="aktion" value="aktualisieren" class="kern-btn kern-btn--secondary"><span class="kern-label">Vorschau aktualisieren</span></button></p>
</form>
</div>
