// The documentation's page shell: one stylesheet, no inline script or style (the demo's strict
// CSP holds), a skip link, the same navigation on every page.

/** Text made safe to put in HTML, in an element or an attribute. */
export const escape = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Inline `code` spans in otherwise plain text (as OpenAPI descriptions and JSDoc summaries use them). */
export const withCode = (text) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

export const GUIDES = [
  { file: 'embedding', title: 'Put bill pay on your practice’s website', audience: 'Web developer of a practice’s site' },
  { file: 'node-sdk', title: 'Call billpay from Node with the SDK', audience: 'Backend developer' },
  { file: 'practice-api', title: 'Connect your practice’s systems: the practice API', audience: 'Backend integrator' },
  { file: 'designer', title: 'Explore and theme the widget', audience: 'Designer' },
];

export const REFERENCES = [
  { href: 'sdk/index.html', title: 'SDK reference (@billpay/sdk)', about: 'Every entry, function, type and error class, generated from the source by TypeDoc.' },
  { href: 'elements.html', title: 'Elements reference', about: 'Each custom element’s attributes, properties, events, parts and custom properties, from custom-elements.json.' },
  { href: 'patient-api.html', title: 'Patient API (/v1)', about: 'What billpay.js and the SDK call, from its OpenAPI document.' },
  { href: 'practice-api.html', title: 'Practice API (/admin/v1)', about: 'What a practice’s servers call, each route with its scope, from its OpenAPI document.' },
];

/** A whole page: `root` is the way back to the documentation's folder ('' or '../'), `self` its own path from there. */
export function page({ title, root, body, self }) {
  const nav = [
    ['index.html', 'Documentation'],
    ...GUIDES.map((guide) => [`guides/${guide.file}.html`, guide.audience]),
    ...REFERENCES.map((reference) => [reference.href, reference.title.replace(/ \(.*\)$/, '')]),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · billpay documentation</title>
<link rel="stylesheet" href="${root}docs.css">
<link rel="icon" href="${root}favicon.svg">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<nav aria-label="Documentation">
<ul>
${nav.map(([href, label]) => `<li><a href="${root}${href}"${href === self ? ' aria-current="page"' : ''}>${escape(label)}</a></li>`).join('\n')}
</ul>
</nav>
</header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}
