{{%AUTOESCAPE context="HTML"}}
<article class="opgv-usecase opgv-stack">
<h1 class="kern-heading-large">{{UC_TITLE}}</h1>
{{#OLD_VERSION}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Sie sehen Version {{NUMBER}} vom {{DATE}}. <a class="kern-link" href="/use-cases/{{UC_SLUG}}">Zur aktuellen Fassung</a> · <a class="kern-link" href="/use-cases/{{UC_SLUG}}/versionen">Alle Versionen</a></p></div></div>{{/OLD_VERSION}}
{{#SHOWING_DRAFT}}<div class="kern-alert kern-alert--warning" role="status"><div class="kern-alert__body"><p class="kern-body">Noch nicht veröffentlicht (Status: {{STATE}}). Nur Sie und die Redaktion sehen diese Seite.</p></div></div>{{/SHOWING_DRAFT}}
{{#ARCHIVED}}<div class="kern-alert kern-alert--warning" role="status"><div class="kern-alert__body"><p class="kern-body">Dieser Use Case ist archiviert und erscheint nicht mehr in der Bibliothek.</p></div></div>{{/ARCHIVED}}
{{#UC_EXAMPLE}}<p class="kern-body opgv-example-note"><strong>Beispiel:</strong> Kommunen, Personen und Firmen mit „(fiktiv)“ sind erfunden; ihre Zahlen sind Beispielwerte. Öffentliche Quellen sind genannt.</p>{{/UC_EXAMPLE}}
<p class="kern-body opgv-lead">{{UC_SUMMARY}}</p>
{{#EDITOR}}<section class="opgv-panel opgv-no-print" aria-labelledby="bearbeitung">
<h2 class="kern-heading-small" id="bearbeitung">Bearbeitung</h2>
<p class="kern-body">Status der Arbeitsfassung: <strong>{{STATE}}</strong>{{#PENDING_CHANGES}}. Angezeigt wird die veröffentlichte Fassung; die Änderungen sind noch nicht freigegeben{{/PENDING_CHANGES}}.</p>
{{#HAS_COMMENTS}}<p class="kern-body">Die Redaktion hat {{COUNT}} Kommentar(e) hinterlassen. Sie stehen im Bearbeitungsformular.</p>{{/HAS_COMMENTS}}
{{#SEED_CONFLICT}}<p class="kern-body"><strong>Import-Konflikt:</strong> {{TEXT}}</p>{{/SEED_CONFLICT}}
<div class="opgv-actions">
{{#CAN_EDIT}}<a class="kern-btn kern-btn--secondary" href="/use-cases/{{UC_SLUG}}/bearbeiten"><span class="kern-label">Bearbeiten</span></a>{{/CAN_EDIT}}
{{#CAN_SUBMIT}}<form method="post" action="/use-cases/{{UC_SLUG}}/einreichen" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Zur Prüfung einreichen</span></button></form>{{/CAN_SUBMIT}}
{{#CAN_REVIEW}}<a class="kern-btn kern-btn--primary" href="/use-cases/{{UC_SLUG}}/pruefen"><span class="kern-label">Prüfen</span></a>{{/CAN_REVIEW}}
{{#CAN_ARCHIVE}}<a class="kern-btn kern-btn--tertiary" href="/use-cases/{{UC_SLUG}}/archivieren"><span class="kern-label">Archivieren …</span></a>{{/CAN_ARCHIVE}}
{{#CAN_RESTORE}}<form method="post" action="/use-cases/{{UC_SLUG}}/wiederherstellen" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Wiederherstellen</span></button></form>{{/CAN_RESTORE}}
</div>
</section>{{/EDITOR}}
{{#HAS_FIT_REASONS}}<section class="opgv-panel" aria-labelledby="passt"><h2 class="kern-heading-small" id="passt">Warum das zu Ihrer Kommune passt</h2><ul class="kern-list">{{/HAS_FIT_REASONS}}{{#FIT_REASONS}}<li>{{TEXT}}</li>{{/FIT_REASONS}}{{#HAS_FIT_REASONS}}</ul></section>{{/HAS_FIT_REASONS}}
<dl class="kern-description-list opgv-uc-facts">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Themenfeld</dt><dd class="kern-description-list-item__value">{{#UC_THEMEN}}<span class="opgv-badge">{{TEXT}}</span> {{/UC_THEMEN}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Status</dt><dd class="kern-description-list-item__value">{{UC_STATUS}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Zusammenarbeitsform</dt><dd class="kern-description-list-item__value">{{UC_FORM}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Kommunen</dt><dd class="kern-description-list-item__value"><ul class="kern-list">{{#UC_KOMMUNEN}}<li>{{#LINK}}<a class="kern-link" href="/kommunen/{{AGS}}">{{NAME}}</a>{{/LINK}}{{#NOLINK}}{{NAME}}{{/NOLINK}} <span class="opgv-meta">{{META}}</span>{{#SOURCE}}<br><span class="opgv-meta">Quelle: {{TEXT}}</span>{{/SOURCE}}</li>{{/UC_KOMMUNEN}}</ul></dd></div>
  {{#UC_VERSION}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Version</dt><dd class="kern-description-list-item__value">{{NUMBER}} vom {{DATE}} · <a class="kern-link opgv-no-print" href="/use-cases/{{UC_SLUG}}/versionen">Versionen und Änderungen ({{COUNT}})</a></dd></div>{{/UC_VERSION}}
  {{#UC_REVIEWED}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Zuletzt geprüft am</dt><dd class="kern-description-list-item__value">{{DATE}}</dd></div>{{/UC_REVIEWED}}
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Lizenz des Textes</dt><dd class="kern-description-list-item__value">{{UC_LICENCE}}</dd></div>
</dl>
<section class="opgv-panel opgv-no-print" id="nachnutzen" aria-labelledby="nachnutzen-titel">
<h2 class="kern-heading-small" id="nachnutzen-titel">Nachnutzen / Interesse bekunden</h2>
<p class="kern-body">{{INTEREST_COUNT}} Organisation(en) interessieren sich für diesen Use Case.{{#HAS_INTERESTED}} Öffentlich sichtbar:{{/HAS_INTERESTED}}</p>
{{#HAS_INTERESTED}}<ul class="kern-list">{{/HAS_INTERESTED}}{{#INTERESTED}}<li><a class="kern-link" href="/organisationen/{{ORG_ID}}">{{NAME}}</a></li>{{/INTERESTED}}{{#HAS_INTERESTED}}</ul>{{/HAS_INTERESTED}}
{{#INTEREST_LOGIN}}<p class="kern-body"><a class="kern-link" href="{{LOGIN_URL}}">Melden Sie sich an</a>, um das Interesse Ihrer Organisation einzutragen.</p>{{/INTEREST_LOGIN}}
{{#INTEREST_NO_ORG}}<p class="kern-body">Interesse bekunden Sie für Ihre Organisation. <a class="kern-link" href="/kommunen">Treten Sie dazu Ihrer Kommune bei</a>.</p>{{/INTEREST_NO_ORG}}
{{#INTEREST_FORM}}<form method="post" action="{{REUSE_ACTION}}" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="eintragen">
{{#ONE_ORG}}<input type="hidden" name="organisation_id" value="{{ORG_ID}}"><p class="kern-body">Für: {{ORG_NAME}}</p>{{/ONE_ORG}}
{{#MANY_ORGS}}<div class="kern-form-input"><label class="kern-label" for="interest-org">Für welche Organisation?</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="interest-org" name="organisation_id">{{#ORGS}}<option value="{{ORG_ID}}">{{ORG_NAME}}</option>{{/ORGS}}</select></div></div>{{/MANY_ORGS}}
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="interest-public" name="public" value="1"><label class="kern-label" for="interest-public">Unsere Organisation darf hier öffentlich als interessiert genannt werden</label></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Nachnutzen / Interesse bekunden</span></button>
</form>{{/INTEREST_FORM}}
{{#INTEREST_REGISTERED}}<form method="post" action="{{REUSE_ACTION}}" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="zuruecknehmen">
<p class="kern-body">Das Interesse Ihrer Organisation ist eingetragen.</p>
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Interesse zurücknehmen</span></button></form>{{/INTEREST_REGISTERED}}
</section>
{{#SECTIONS}}<section class="opgv-uc-section" id="{{SECTION_KEY}}" aria-labelledby="{{SECTION_KEY}}-titel">
<h2 class="kern-heading-medium" id="{{SECTION_KEY}}-titel">{{SECTION_HEADING}}</h2>
<div class="opgv-prose opgv-markdown">{{SECTION_MARKDOWN:none}}</div>
</section>
{{/SECTIONS}}
{{#HAS_KPIS}}<section aria-labelledby="kennzahlen"><h2 class="kern-heading-medium" id="kennzahlen">Kennzahlen vorher und nachher</h2>
<div class="opgv-table-wrap" tabindex="0" role="region" aria-labelledby="kennzahlen"><table class="opgv-table"><caption class="kern-sr-only">Kennzahlen vorher und nachher, mit Quelle</caption>
<thead><tr><th scope="col">Kennzahl</th><th scope="col">Vorher</th><th scope="col">Nachher</th><th scope="col">Einheit</th><th scope="col">Quelle</th></tr></thead><tbody>{{/HAS_KPIS}}
{{#KPIS}}<tr><th scope="row">{{KENNZAHL}}</th><td>{{VORHER}}</td><td>{{NACHHER}}</td><td>{{EINHEIT}}</td><td>{{QUELLE}}</td></tr>{{/KPIS}}
{{#HAS_KPIS}}</tbody></table></div></section>{{/HAS_KPIS}}
{{#HAS_HURDLES}}<section aria-labelledby="barrieren"><h2 class="kern-heading-medium" id="barrieren">Hürden und Barrierenkreisläufe</h2><ul class="opgv-list">{{/HAS_HURDLES}}
{{#HURDLES}}<li>{{TEXT}}<br><span class="opgv-meta">Barrierenkreislauf: {{#BARRIEREN}}<span class="opgv-badge">{{TEXT}}</span> {{/BARRIEREN}}</span></li>{{/HURDLES}}
{{#HAS_HURDLES}}</ul></section>{{/HAS_HURDLES}}
{{#HAS_PATH}}<section aria-labelledby="projektweg"><h2 class="kern-heading-medium" id="projektweg">Projektweg</h2><ol class="opgv-timeline">{{/HAS_PATH}}
{{#PATH}}<li class="opgv-timeline__item opgv-timeline__item--{{PHASE_KEY}}"><p class="kern-body"><time datetime="{{DATUM_ISO}}">{{DATUM}}</time> · <strong>{{PHASE}}</strong></p><p class="kern-body">{{TEXT}}</p>{{#HAS_BAUSTEINE}}<p class="opgv-meta">Bausteine: {{/HAS_BAUSTEINE}}{{#BAUSTEINE}}{{#LINK}}<a class="kern-link" href="/bausteine/{{SLUG}}">{{TITLE}}</a>{{/LINK}}{{#UNKNOWN}}<code>{{TEXT}}</code>{{/UNKNOWN}} {{/BAUSTEINE}}{{#HAS_BAUSTEINE}}</p>{{/HAS_BAUSTEINE}}</li>{{/PATH}}
{{#HAS_PATH}}</ol></section>{{/HAS_PATH}}
{{#HAS_BLOCKS}}<section aria-labelledby="bausteine"><h2 class="kern-heading-medium" id="bausteine">Verwendete Bausteine</h2><ul class="kern-list">{{/HAS_BLOCKS}}{{#BLOCKS}}<li>{{#LINK}}<a class="kern-link" href="/bausteine/{{SLUG}}">{{TITLE}}</a>{{/LINK}}{{#UNKNOWN}}<code>{{TEXT}}</code> <span class="opgv-meta">(Baustein folgt)</span>{{/UNKNOWN}}</li>{{/BLOCKS}}{{#HAS_BLOCKS}}</ul></section>{{/HAS_BLOCKS}}
<section aria-labelledby="daten-technik"><h2 class="kern-heading-medium" id="daten-technik">Daten und Technik</h2>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Datensätze (Musterdatenkatalog)</dt><dd class="kern-description-list-item__value">{{#HAS_DATASETS}}<ul class="kern-list">{{/HAS_DATASETS}}{{#DATASETS}}<li><a class="kern-link" href="{{URI}}">{{LABEL}}</a></li>{{/DATASETS}}{{#HAS_DATASETS}}</ul>{{/HAS_DATASETS}}</dd></div>
  {{#HAS_DATENMODELLE}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Datenmodelle</dt><dd class="kern-description-list-item__value">{{#DATENMODELLE}}<code>{{TEXT}}</code> {{/DATENMODELLE}}</dd></div>{{/HAS_DATENMODELLE}}
  {{#HAS_SCHNITTSTELLEN}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Schnittstellen</dt><dd class="kern-description-list-item__value">{{#SCHNITTSTELLEN}}<code>{{TEXT}}</code> {{/SCHNITTSTELLEN}}</dd></div>{{/HAS_SCHNITTSTELLEN}}
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Personenbezogene Daten</dt><dd class="kern-description-list-item__value">{{#PERSONAL_NO}}Nein{{/PERSONAL_NO}}{{#PERSONAL_YES}}Ja: {{#KATEGORIEN}}{{TEXT}}; {{/KATEGORIEN}}<br>Rechtsgrundlage: {{RECHTSGRUNDLAGE}}{{/PERSONAL_YES}}</dd></div>
  {{#HAS_FACHVERFAHREN}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Fachverfahren</dt><dd class="kern-description-list-item__value">{{#FACHVERFAHREN}}{{TEXT}}; {{/FACHVERFAHREN}}</dd></div>{{/HAS_FACHVERFAHREN}}
  {{#HAS_PARTNERS}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">GovTech-Partner</dt><dd class="kern-description-list-item__value">{{#PARTNERS}}{{TEXT}}; {{/PARTNERS}}</dd></div>{{/HAS_PARTNERS}}
</dl></section>
{{#HAS_EFFORT}}<section aria-labelledby="aufwand"><h2 class="kern-heading-medium" id="aufwand">Aufwand</h2><dl class="kern-description-list">{{/HAS_EFFORT}}
{{#EFFORT}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">{{LABEL}}</dt><dd class="kern-description-list-item__value">{{VALUE}}</dd></div>{{/EFFORT}}
{{#HAS_EFFORT}}</dl></section>{{/HAS_EFFORT}}
<section aria-labelledby="nachnutzungen"><h2 class="kern-heading-medium" id="nachnutzungen">Nachnutzungen</h2>
{{#HAS_REUSES}}<ul class="kern-list">{{/HAS_REUSES}}{{#REUSES}}<li>{{#LINK}}<a class="kern-link" href="/kommunen/{{AGS}}">{{NAME}}</a>{{/LINK}}{{#NOLINK}}{{NAME}}{{/NOLINK}} ({{DATUM}})</li>{{/REUSES}}{{#HAS_REUSES}}</ul>{{/HAS_REUSES}}
<p class="kern-body opgv-meta">Nachnutzungen werden eingetragen, wenn eine Kommune den Use Case umgesetzt hat.</p></section>
<section aria-labelledby="kontakte"><h2 class="kern-heading-medium" id="kontakte">Ansprechpersonen</h2>
{{#CONTACTS_LOGIN}}<p class="kern-body">Ansprechpersonen sehen angemeldete Nutzerinnen und Nutzer. <a class="kern-link" href="/anmelden?weiter=%2Fuse-cases%2F{{UC_SLUG}}">Anmelden</a></p>{{/CONTACTS_LOGIN}}
{{#CONTACTS_NONE}}<p class="kern-body">Keine Ansprechperson angegeben.</p>{{/CONTACTS_NONE}}
{{#HAS_CONTACTS}}<ul class="kern-list">{{/HAS_CONTACTS}}{{#CONTACTS}}<li>{{NAME}}, {{ROLLE}} – <a class="kern-link" href="mailto:{{EMAIL}}">{{EMAIL}}</a></li>{{/CONTACTS}}{{#HAS_CONTACTS}}</ul>{{/HAS_CONTACTS}}
</section>
{{#HAS_RELATED}}<section class="opgv-no-print" aria-labelledby="aehnlich"><h2 class="kern-heading-medium" id="aehnlich">Ähnliche Use Cases</h2><ul class="opgv-list">{{/HAS_RELATED}}
{{#RELATED}}<li><a class="kern-link" href="/use-cases/{{R_SLUG}}">{{R_TITLE}}</a><br><span class="opgv-meta">{{R_SUMMARY}}</span></li>{{/RELATED}}
{{#HAS_RELATED}}</ul></section>{{/HAS_RELATED}}
<p class="kern-body opgv-no-print opgv-meta">Zum Ausdrucken für Ihre Verwaltungsspitze: Druckfunktion des Browsers (Strg+P). Die Druckfassung enthält nur den Use Case. Als Daten: <a class="kern-link" href="/api/v1/use-cases/{{UC_SLUG}}">JSON</a>.</p>
</article>
