{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">{{#IS_NEW}}Use Case einreichen{{/IS_NEW}}{{#IS_EDIT}}Use Case bearbeiten{{/IS_EDIT}}</h1>
<p class="kern-body opgv-prose">Beschreiben Sie Ihr Projekt so, dass eine Kollegin in einer anderen Kommune es ihrer Amtsleitung vorlegen kann: konkret, kurze Abschnitte, mit Zahlen und Quellen. Texte schreiben Sie in Markdown (z. B. <code>**fett**</code>, Listen mit <code>-</code>). Speichern Sie jederzeit als Entwurf; zur Prüfung eingereicht wird erst, wenn Sie es wollen.</p>
{{#FORM_MESSAGE}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">{{TEXT}}</p></div></div>{{/FORM_MESSAGE}}
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte prüfen Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
{{#HAS_COMMENTS}}<section class="opgv-panel" aria-labelledby="kommentare"><h2 class="kern-heading-small" id="kommentare">Kommentare der Redaktion</h2><ul class="opgv-list">{{/HAS_COMMENTS}}
{{#COMMENTS}}<li><strong>{{C_SECTION}}</strong> ({{C_AUTHOR}}, {{C_DATE}}): {{C_BODY}}</li>{{/COMMENTS}}
{{#HAS_COMMENTS}}</ul></section>{{/HAS_COMMENTS}}
{{#PREVIEW}}<section class="opgv-preview" aria-labelledby="vorschau"><h2 class="kern-heading-medium" id="vorschau">Vorschau: {{UC_TITLE}}</h2>
<p class="kern-body opgv-lead">{{UC_SUMMARY}}</p>
{{#SECTIONS}}<h3 class="kern-heading-small">{{SECTION_HEADING}}</h3><div class="opgv-prose opgv-markdown">{{SECTION_MARKDOWN:none}}</div>{{/SECTIONS}}
{{#HAS_KPIS}}<h3 class="kern-heading-small">Kennzahlen</h3><ul class="kern-list">{{/HAS_KPIS}}{{#KPIS}}<li>{{KENNZAHL}}: {{VORHER}} → {{NACHHER}} {{EINHEIT}} (Quelle: {{QUELLE}})</li>{{/KPIS}}{{#HAS_KPIS}}</ul>{{/HAS_KPIS}}
{{#HAS_PATH}}<h3 class="kern-heading-small">Projektweg</h3><ol class="opgv-timeline">{{/HAS_PATH}}{{#PATH}}<li>{{DATUM}} · {{PHASE}}: {{TEXT}}</li>{{/PATH}}{{#HAS_PATH}}</ol>{{/HAS_PATH}}
</section>{{/PREVIEW}}
<form method="post" action="{{FORM_ACTION}}" novalidate class="opgv-form opgv-uc-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<h2 class="kern-heading-medium">Überblick</h2>
<div class="kern-form-input{{#FIELD_TITLE_ERROR}} kern-form-input--error{{/FIELD_TITLE_ERROR}}">
  <label class="kern-label" for="title">Titel</label>
  <p class="kern-hint" id="title-hint">Was wurde gelöst? 5 bis 200 Zeichen, z. B. „Kita-Platzplanung mit Geburtenprognose“.</p>
  {{#FIELD_TITLE_ERROR}}<p class="kern-error" id="title-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_TITLE_ERROR}}
  <input class="kern-form-input__input" id="title" name="title" type="text" value="{{FIELD_TITLE_VALUE}}" required aria-describedby="title-hint{{#FIELD_TITLE_ERROR}} title-error{{/FIELD_TITLE_ERROR}}"{{#FIELD_TITLE_ERROR}} aria-invalid="true"{{/FIELD_TITLE_ERROR}}>
</div>
<div class="kern-form-input{{#FIELD_SUMMARY_ERROR}} kern-form-input--error{{/FIELD_SUMMARY_ERROR}}">
  <label class="kern-label" for="summary">Kurzbeschreibung</label>
  <p class="kern-hint" id="summary-hint">Ein bis zwei Sätze: Problem, Lösung, Wirkung. Höchstens 600 Zeichen.</p>
  {{#FIELD_SUMMARY_ERROR}}<p class="kern-error" id="summary-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_SUMMARY_ERROR}}
  <textarea class="kern-form-input__input" id="summary" name="summary" rows="3" aria-describedby="summary-hint{{#FIELD_SUMMARY_ERROR}} summary-error{{/FIELD_SUMMARY_ERROR}}"{{#FIELD_SUMMARY_ERROR}} aria-invalid="true"{{/FIELD_SUMMARY_ERROR}}>{{FIELD_SUMMARY_VALUE:pre_escape}}</textarea>
</div>
<div class="kern-form-input">
  <label class="kern-label" for="schlagworte">Schlagworte <span class="kern-label__optional">(optional)</span></label>
  <p class="kern-hint" id="schlagworte-hint">Begriffe, unter denen andere suchen würden, durch Komma getrennt, z. B. „Sozialplanung, Quartiere“.</p>
  <input class="kern-form-input__input" id="schlagworte" name="schlagworte" type="text" value="{{FIELD_SCHLAGWORTE_VALUE}}" aria-describedby="schlagworte-hint">
</div>
<fieldset class="kern-fieldset{{#FIELD_THEMENFELD_ERROR}} kern-fieldset--error{{/FIELD_THEMENFELD_ERROR}}">
<legend class="kern-label">Themenfeld</legend>
{{#FIELD_THEMENFELD_ERROR}}<p class="kern-error" id="themenfeld-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_THEMENFELD_ERROR}}
<div class="kern-fieldset__body opgv-checkgrid">{{#THEMENFELDER}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="{{OPT_ID}}" name="themenfeld" value="{{OPT_VALUE}}"{{#OPT_CHECKED}} checked{{/OPT_CHECKED}}><label class="kern-label" for="{{OPT_ID}}">{{OPT_LABEL}}</label></div>{{/THEMENFELDER}}</div>
</fieldset>
<div class="kern-form-input{{#FIELD_STATUS_ERROR}} kern-form-input--error{{/FIELD_STATUS_ERROR}}">
  <label class="kern-label" for="status">Status des Projekts</label>
  {{#FIELD_STATUS_ERROR}}<p class="kern-error" id="status-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_STATUS_ERROR}}
  <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="status" name="status"><option value="">– bitte wählen –</option>{{#STATUS_OPTIONS}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/STATUS_OPTIONS}}</select></div>
</div>
<div class="kern-form-input{{#FIELD_ZUSAMMENARBEITSFORM_ERROR}} kern-form-input--error{{/FIELD_ZUSAMMENARBEITSFORM_ERROR}}">
  <label class="kern-label" for="zusammenarbeitsform">Zusammenarbeitsform</label>
  <p class="kern-hint" id="zusammenarbeitsform-hint">Wie Kommune und Partner mit den Daten zusammenarbeiten (Typen nach GovLab).</p>
  {{#FIELD_ZUSAMMENARBEITSFORM_ERROR}}<p class="kern-error" id="zusammenarbeitsform-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_ZUSAMMENARBEITSFORM_ERROR}}
  <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="zusammenarbeitsform" name="zusammenarbeitsform" aria-describedby="zusammenarbeitsform-hint"><option value="">– bitte wählen –</option>{{#FORM_OPTIONS}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/FORM_OPTIONS}}</select></div>
</div>
<h2 class="kern-heading-medium">Geschichte</h2>
{{#FORM_SECTIONS}}<div class="kern-form-input{{#SECTION_ERROR}} kern-form-input--error{{/SECTION_ERROR}}">
  <label class="kern-label" for="section_{{SECTION_KEY}}">{{SECTION_HEADING}}</label>
  <p class="kern-hint" id="section_{{SECTION_KEY}}-hint">Markdown, höchstens 30.000 Zeichen.</p>
  {{#SECTION_ERROR}}<p class="kern-error" id="section_{{SECTION_KEY}}-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/SECTION_ERROR}}
  <textarea class="kern-form-input__input" id="section_{{SECTION_KEY}}" name="section_{{SECTION_KEY}}" rows="8" aria-describedby="section_{{SECTION_KEY}}-hint{{#SECTION_ERROR}} section_{{SECTION_KEY}}-error{{/SECTION_ERROR}}"{{#SECTION_ERROR}} aria-invalid="true"{{/SECTION_ERROR}}>{{SECTION_VALUE:pre_escape}}</textarea>
</div>
{{/FORM_SECTIONS}}
<h2 class="kern-heading-medium" id="wirkung">Wirkung in Kennzahlen</h2>
{{#FIELD_WIRKUNG_ERROR}}<p class="kern-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_WIRKUNG_ERROR}}
<p class="kern-hint">Je Kennzahl den Wert vorher und nachher, die Einheit und die Quelle (z. B. „eigene Auswertung 2025“). Leere Zeilen werden ignoriert.</p>
{{#KPI_ROWS}}<fieldset class="kern-fieldset opgv-row"><legend class="kern-label">Kennzahl {{ROW}}</legend>
<div class="kern-form-input"><label class="kern-label" for="kpi_{{ROW}}_kennzahl">Bezeichnung</label><input class="kern-form-input__input" id="kpi_{{ROW}}_kennzahl" name="kpi_{{ROW}}_kennzahl" type="text" value="{{KENNZAHL}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kpi_{{ROW}}_vorher">Vorher</label><input class="kern-form-input__input" id="kpi_{{ROW}}_vorher" name="kpi_{{ROW}}_vorher" type="text" inputmode="decimal" value="{{VORHER}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kpi_{{ROW}}_nachher">Nachher</label><input class="kern-form-input__input" id="kpi_{{ROW}}_nachher" name="kpi_{{ROW}}_nachher" type="text" inputmode="decimal" value="{{NACHHER}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kpi_{{ROW}}_einheit">Einheit</label><input class="kern-form-input__input" id="kpi_{{ROW}}_einheit" name="kpi_{{ROW}}_einheit" type="text" value="{{EINHEIT}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kpi_{{ROW}}_quelle">Quelle</label><input class="kern-form-input__input" id="kpi_{{ROW}}_quelle" name="kpi_{{ROW}}_quelle" type="text" value="{{QUELLE}}"></div>
</fieldset>{{/KPI_ROWS}}
<h2 class="kern-heading-medium" id="huerden">Hürden</h2>
{{#FIELD_HUERDEN_ERROR}}<p class="kern-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_HUERDEN_ERROR}}
<p class="kern-hint">Ordnen Sie jede Hürde einem oder mehreren Barrierenkreisläufen aus Kapitel 6 des White Papers zu.</p>
{{#HURDLE_ROWS}}<fieldset class="kern-fieldset opgv-row"><legend class="kern-label">Hürde {{ROW}}</legend>
<div class="kern-form-input"><label class="kern-label" for="huerde_{{ROW}}_text">Beschreibung</label><textarea class="kern-form-input__input" id="huerde_{{ROW}}_text" name="huerde_{{ROW}}_text" rows="2">{{TEXT:pre_escape}}</textarea></div>
<fieldset class="kern-fieldset"><legend class="kern-label">Barrierenkreislauf</legend><div class="kern-fieldset__body">{{#BARRIEREN}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="{{OPT_ID}}" name="huerde_{{ROW}}_barriere" value="{{OPT_VALUE}}"{{#OPT_CHECKED}} checked{{/OPT_CHECKED}}><label class="kern-label" for="{{OPT_ID}}">{{OPT_LABEL}}</label></div>{{/BARRIEREN}}</div></fieldset>
</fieldset>{{/HURDLE_ROWS}}
<h2 class="kern-heading-medium" id="projektweg">Projektweg</h2>
{{#FIELD_PROJEKTWEG_ERROR}}<p class="kern-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PROJEKTWEG_ERROR}}
<p class="kern-hint">Wichtige Schritte mit Datum (Jahr-Monat, z. B. 2025-03), Phase und den genutzten Bausteinen (Kennungen, durch Komma getrennt).</p>
{{#PATH_ROWS}}<fieldset class="kern-fieldset opgv-row"><legend class="kern-label">Schritt {{ROW}}</legend>
<div class="kern-form-input"><label class="kern-label" for="weg_{{ROW}}_datum">Datum</label><input class="kern-form-input__input" id="weg_{{ROW}}_datum" name="weg_{{ROW}}_datum" type="text" placeholder="2025-03" value="{{DATUM}}"></div>
<div class="kern-form-input"><label class="kern-label" for="weg_{{ROW}}_phase">Phase</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="weg_{{ROW}}_phase" name="weg_{{ROW}}_phase"><option value="">– bitte wählen –</option>{{#PHASES}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/PHASES}}</select></div></div>
<div class="kern-form-input"><label class="kern-label" for="weg_{{ROW}}_text">Was geschah?</label><textarea class="kern-form-input__input" id="weg_{{ROW}}_text" name="weg_{{ROW}}_text" rows="2">{{TEXT:pre_escape}}</textarea></div>
<div class="kern-form-input"><label class="kern-label" for="weg_{{ROW}}_bausteine">Bausteine</label><input class="kern-form-input__input" id="weg_{{ROW}}_bausteine" name="weg_{{ROW}}_bausteine" type="text" value="{{BAUSTEINE}}"></div>
</fieldset>{{/PATH_ROWS}}
<h2 class="kern-heading-medium">Daten und Technik</h2>
<div class="kern-form-input{{#FIELD_DATENSAETZE_ERROR}} kern-form-input--error{{/FIELD_DATENSAETZE_ERROR}}">
  <label class="kern-label" for="datensaetze">Datensätze <span class="kern-label__optional">(optional)</span></label>
  <p class="kern-hint" id="datensaetze-hint">Je Zeile eine Adresse aus dem Musterdatenkatalog, danach optional die Bezeichnung.</p>
  {{#FIELD_DATENSAETZE_ERROR}}<p class="kern-error" id="datensaetze-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_DATENSAETZE_ERROR}}
  <textarea class="kern-form-input__input" id="datensaetze" name="datensaetze" rows="3" aria-describedby="datensaetze-hint">{{FIELD_DATENSAETZE_VALUE:pre_escape}}</textarea>
</div>
<div class="kern-form-input"><label class="kern-label" for="fachverfahren">Fachverfahren <span class="kern-label__optional">(optional, durch Komma getrennt)</span></label><input class="kern-form-input__input" id="fachverfahren" name="fachverfahren" type="text" value="{{FIELD_FACHVERFAHREN_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="govtech_partner">GovTech-Partner <span class="kern-label__optional">(optional, durch Komma getrennt)</span></label><input class="kern-form-input__input" id="govtech_partner" name="govtech_partner" type="text" value="{{FIELD_GOVTECH_PARTNER_VALUE}}"></div>
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="personenbezug" name="personenbezug" value="1"{{#PERSONENBEZUG_CHECKED}} checked{{/PERSONENBEZUG_CHECKED}}><label class="kern-label" for="personenbezug">Es werden personenbezogene Daten verarbeitet</label></div>
<div class="kern-form-input"><label class="kern-label" for="personenbezug_kategorien">Kategorien personenbezogener Daten <span class="kern-label__optional">(durch Komma getrennt)</span></label><input class="kern-form-input__input" id="personenbezug_kategorien" name="personenbezug_kategorien" type="text" value="{{FIELD_PERSONENBEZUG_KATEGORIEN_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="personenbezug_rechtsgrundlage">Rechtsgrundlage (kurz)</label><input class="kern-form-input__input" id="personenbezug_rechtsgrundlage" name="personenbezug_rechtsgrundlage" type="text" value="{{FIELD_PERSONENBEZUG_RECHTSGRUNDLAGE_VALUE}}"></div>
<h2 class="kern-heading-medium">Aufwand</h2>
<div class="kern-form-input"><label class="kern-label" for="aufwand_personentage">Personentage</label><input class="kern-form-input__input" id="aufwand_personentage" name="aufwand_personentage" type="text" inputmode="numeric" value="{{FIELD_AUFWAND_PERSONENTAGE_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="aufwand_dauer_monate">Dauer in Monaten</label><input class="kern-form-input__input" id="aufwand_dauer_monate" name="aufwand_dauer_monate" type="text" inputmode="numeric" value="{{FIELD_AUFWAND_DAUER_MONATE_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="aufwand_kosten_einmalig">Kosten einmalig in Euro</label><input class="kern-form-input__input" id="aufwand_kosten_einmalig" name="aufwand_kosten_einmalig" type="text" inputmode="numeric" value="{{FIELD_AUFWAND_KOSTEN_EINMALIG_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="aufwand_kosten_laufend">Kosten laufend in Euro pro Jahr</label><input class="kern-form-input__input" id="aufwand_kosten_laufend" name="aufwand_kosten_laufend" type="text" inputmode="numeric" value="{{FIELD_AUFWAND_KOSTEN_LAUFEND_VALUE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="aufwand_beschaffung">Beschaffungsweg</label><input class="kern-form-input__input" id="aufwand_beschaffung" name="aufwand_beschaffung" type="text" value="{{FIELD_AUFWAND_BESCHAFFUNG_VALUE}}"></div>
<h2 class="kern-heading-medium" id="kontakte">Ansprechpersonen</h2>
{{#FIELD_KONTAKTE_ERROR}}<p class="kern-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_KONTAKTE_ERROR}}
<p class="kern-hint">Nur Personen, die zugestimmt haben. Angemeldete Nutzerinnen und Nutzer sehen sie; in offenen Daten erscheinen sie nie.</p>
{{#CONTACT_ROWS}}<fieldset class="kern-fieldset opgv-row"><legend class="kern-label">Ansprechperson {{ROW}}</legend>
<div class="kern-form-input"><label class="kern-label" for="kontakt_{{ROW}}_name">Name</label><input class="kern-form-input__input" id="kontakt_{{ROW}}_name" name="kontakt_{{ROW}}_name" type="text" value="{{NAME}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kontakt_{{ROW}}_rolle">Rolle</label><input class="kern-form-input__input" id="kontakt_{{ROW}}_rolle" name="kontakt_{{ROW}}_rolle" type="text" value="{{ROLLE}}"></div>
<div class="kern-form-input"><label class="kern-label" for="kontakt_{{ROW}}_email">E-Mail</label><input class="kern-form-input__input" id="kontakt_{{ROW}}_email" name="kontakt_{{ROW}}_email" type="email" value="{{EMAIL}}"></div>
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="kontakt_{{ROW}}_einverstanden" name="kontakt_{{ROW}}_einverstanden" value="1"{{#EINVERSTANDEN}} checked{{/EINVERSTANDEN}}><label class="kern-label" for="kontakt_{{ROW}}_einverstanden">Die Person ist mit der Nennung einverstanden</label></div>
</fieldset>{{/CONTACT_ROWS}}
<div class="opgv-actions">
<button type="submit" name="action" value="vorschau" class="kern-btn kern-btn--secondary"><span class="kern-label">Vorschau</span></button>
<button type="submit" name="action" value="speichern" class="kern-btn kern-btn--secondary"><span class="kern-label">Als Entwurf speichern</span></button>
<button type="submit" name="action" value="einreichen" class="kern-btn kern-btn--primary"><span class="kern-label">Speichern und zur Prüfung einreichen</span></button>
</div>
</form>
