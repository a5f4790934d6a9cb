{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{B_TITLE}} – Druckfassung</title>
<style>
  body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; }
  h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 1.6rem; } h3 { font-size: 1.1rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; } th, td { border: 1px solid #555; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  .lead { font-style: italic; } .note { border: 2px solid #8a5a00; padding: .5rem .75rem; } .meta { color: #444; font-size: .9rem; }
  .check { list-style: none; padding-left: 0; } .check li::before { content: "☐ "; }
  .deck .slide { border: 1px solid #999; padding: 1.5rem; margin: 1rem 0; min-height: 18rem; }
  .deck .slide h2 { margin-top: 0; font-size: 1.6rem; } .deck .notes { border-top: 1px dashed #999; margin-top: 1rem; padding-top: .5rem; }
  @media print {
    body { margin: 0; max-width: none; } a { color: inherit; }
    h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; }
    .deck .slide { break-after: page; border: 0; min-height: 0; padding: 0; margin: 0; }
    .deck .slide:last-child { break-after: auto; }
  }
  @page { margin: 2cm; }
</style>
</head>
<body>
<main>
{{#DOCUMENT}}
<h1>{{B_TITLE}}</h1>
<p class="lead">{{B_ZWECK}}</p>
{{#LEGAL_NOTICE}}<p class="note">{{TEXT}}</p>{{/LEGAL_NOTICE}}
<table><caption class="meta">Steckbrief</caption><tbody>{{#FACTS}}<tr><th scope="row">{{LABEL}}</th><td>{{VALUE}}</td></tr>{{/FACTS}}</tbody></table>
{{#PREREQUISITES}}<h2>Voraussetzungen</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/PREREQUISITES}}
{{#LERNZIELE}}<h2>Lernziele</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/LERNZIELE}}
<div>{{BODY_MARKDOWN:none}}</div>
{{#CHECKLIST}}<h2>Checkliste</h2><ul class="check">{{#ITEMS}}<li><strong>{{P_TEXT}}</strong>{{#P_ERLAEUTERUNG}} – {{TEXT}}{{/P_ERLAEUTERUNG}}{{#P_QUELLE}} <em>Rechtsquelle: {{TEXT}}.</em>{{/P_QUELLE}}{{#P_WARUM}} <em>Warum: {{TEXT}}</em>{{/P_WARUM}}</li>{{/ITEMS}}</ul>{{/CHECKLIST}}
{{#PLAYBOOK}}<h2>Ziel</h2><p>{{ZIEL}}</p>
{{#ROLLEN}}<h2>Rollen</h2><table><thead><tr><th scope="col">Rolle</th><th scope="col">Aufgabe</th></tr></thead><tbody>{{#ROWS}}<tr><th scope="row">{{ROLLE}}</th><td>{{AUFGABE}}</td></tr>{{/ROWS}}</tbody></table>{{/ROLLEN}}
{{#REGELN}}<h2>Entscheidungsregeln</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/REGELN}}
<h2>Schritte</h2><ol>{{#SCHRITTE}}<li><strong>{{TITEL}}:</strong> {{TEXT}}</li>{{/SCHRITTE}}</ol>
{{#FALLSTRICKE}}<h2>Fallstricke</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/FALLSTRICKE}}{{/PLAYBOOK}}
{{#METHODENKARTE}}<h2>Auf einen Blick</h2><table><tbody><tr><th scope="row">Ziel</th><td>{{ZIEL}}</td></tr>{{#DAUER}}<tr><th scope="row">Dauer</th><td>{{DAUER}}</td></tr>{{/DAUER}}<tr><th scope="row">Teilnehmende</th><td>{{TEILNEHMENDE}}</td></tr></tbody></table>
{{#MATERIAL}}<h2>Material</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/MATERIAL}}
<h2>Ablauf</h2><table><thead><tr><th scope="col">Schritt</th><th scope="col">Minuten</th><th scope="col">Was passiert</th></tr></thead><tbody>{{#ABLAUF}}<tr><th scope="row">{{SCHRITT}}</th><td>{{MINUTEN}}</td><td>{{TEXT}}</td></tr>{{/ABLAUF}}</tbody></table>
{{#VARIANTEN}}<h2>Varianten</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/VARIANTEN}}
<h2>Hinweise für die Verwaltung</h2>{{#HINWEISE}}<h3>{{LABEL}}</h3><p>{{TEXT}}</p>{{/HINWEISE}}{{/METHODENKARTE}}
{{#SLIDES}}<h2>Folie {{S_NUMBER}}: {{S_TITLE}}</h2><ul>{{#S_POINTS}}<li>{{TEXT}}</li>{{/S_POINTS}}</ul>{{#S_NOTES}}<p class="note">Sprechernotiz: {{TEXT}}</p>{{/S_NOTES}}{{/SLIDES}}
{{#SOURCES}}<h2>Quellen</h2><ul>{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/SOURCES}}
{{/DOCUMENT}}
{{#DECK}}
<div class="deck">
{{#SLIDES}}<section class="slide" aria-labelledby="folie-{{S_NUMBER}}"><h2 id="folie-{{S_NUMBER}}">{{S_TITLE}}</h2><ul>{{#S_POINTS}}<li>{{TEXT}}</li>{{/S_POINTS}}</ul>{{#S_NOTES}}<div class="notes"><p class="meta">Sprechernotiz (Folie {{S_NUMBER}}):</p><p>{{TEXT}}</p></div>{{/S_NOTES}}</section>{{/SLIDES}}
</div>
{{/DECK}}
<p class="meta">Baustein „{{B_TITLE}}“ der OPGV-Plattform, Version {{B_VERSION}}, Stand {{B_REVIEWED}}. Lizenz: Creative Commons Namensnennung 4.0 (CC BY 4.0).</p>
</main>
</body>
</html>
