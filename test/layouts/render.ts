import type { Layout } from './grammar';
import type { FictionalItem, FictionalMeeting, FictionalMember } from './meeting';

/** What a reader takes from a rendered referat: the parser must read the same. */
export interface ExpectedItem {
  /** Null for an item whose heading the publication lost. */
  number: number | null;
  title: string | null;
  caseNumbers: string[];
  decision: boolean;
}

export interface ExpectedMember {
  name: string;
  party: string;
  role?: string;
}

export interface Expected {
  committee: string;
  date: string;
  members: ExpectedMember[];
  absentees: string[];
  items: ExpectedItem[];
}

export interface Rendered {
  text: string;
  expected: Expected;
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const two = (n: number): string => String(n).padStart(2, '0');

/** The meeting date as the header writes it. */
export function dateText(form: Layout['dateForm'], y: number, m: number, d: number): string {
  switch (form) {
    case 'long':
      return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} den ${d}. ${MONTHS[m - 1]} ${y} kl. 16.00`;
    case 'dash':
      return `${two(d)}-${two(m)}-${y}`;
    case 'dots':
      return `${two(d)}.${two(m)}.${y}`;
    case 'short-month':
      return `${d}. ${MONTHS[m - 1].slice(0, 3)}. ${y}`;
    case 'us-long':
      return `${MONTHS_EN[m - 1]} ${d}, ${y} - 18:00`;
    case 'us-slash':
      return `${m}/${d}/${y} 4:00:00 PM`;
  }
}

/** A case number in one scheme; `yy` is the two-digit year. */
export function caseNumberText(scheme: Layout['caseScheme'], year: number, serial: number): string {
  const yy = two(year % 100);
  switch (scheme) {
    case 'kle':
      return `00.01.00G01-${serial}-${yy}`;
    case 'kle-dash':
      return `00.01.00-G01-${serial}-${yy}`;
    case 'year-slash':
      return `${yy}/${serial}`;
    case 'year-dash':
      return `${yy}-${String(serial).padStart(6, '0')}`;
    case 'prefixed':
      return `EMN-${year}-${String(serial).padStart(6, '0')}`;
    case 'municipality-year':
      return `330-${year}-${serial}`;
    case 'serial':
      return String(200000 + serial);
  }
}

/** Splits a long title near its middle, at a space; a short one stays whole. */
function wrap(title: string): [string, string?] {
  if (title.length < 40) return [title];
  const mid = Math.floor(title.length / 2);
  const at = title.lastIndexOf(' ', mid) > 10 ? title.lastIndexOf(' ', mid) : title.indexOf(' ', mid);
  return at > 0 ? [title.slice(0, at), title.slice(at + 1)] : [title];
}

function marked(markup: Layout['headingMarkup'], s: string): string {
  return markup === 'atx' ? `## ${s}` : markup === 'bold' ? `**${s}**` : s;
}

function sectionHeading(markup: Layout['sectionMarkup'], s: string): string {
  return markup === 'atx' ? `### ${s}` : markup === 'bold' ? `**${s}**` : s;
}

/** The item heading's lines, title lines included, in the layout's shape. */
function headingLines(layout: Layout, n: number, title: string): string[] {
  const [first, rest] = layout.wrapTitles === 'yes' ? wrap(title) : [title];
  const m = (s: string): string => marked(layout.headingMarkup, s);
  const tail = rest !== undefined ? [m(rest)] : [];
  // Bold or `#` wraps each line of a wrapped heading on its own, as publishing systems print them.
  switch (layout.heading) {
    case 'punkt-colon':
      return [m(`Punkt ${n}: ${first}`), ...tail];
    case 'punkt-dot':
      return [m(`Punkt ${n}. ${first}`), ...tail];
    case 'pkt':
      return [m(`Pkt. ${n} ${first}`), ...tail];
    case 'sag':
      return [m(`Sag ${n} ${first}`), ...tail];
    case 'number-dot':
      return [m(`${n}. ${first}`), ...tail];
    case 'number-bare':
      return [m(`${n} ${first}`), ...tail];
    case 'number-twice':
      return [layout.headingMarkup === 'bare' ? ` ${n}.  ${n}. ${first}` : m(`${n}.  ${n}. ${first}`), ...tail];
    case 'bullet-pkt':
      // A bullet is list text: the publications that print one put no `#` or bold on it.
      return [`• Pkt. ${n} ${first}`, ...(rest !== undefined ? [rest] : [])];
    case 'number-own-line':
      return [m(String(n)), m(first), ...tail];
    case 'title-then-sag-nr':
      return [m(first), ...tail, `Sag nr. ${n}`];
    case 'field-block':
      return [m(first), ...tail, `Punkt: ${n}`];
  }
}

function caseLine(layout: Layout, text: string): string {
  // A bare serial is a case number only after its label: no reader could tell it otherwise.
  if (layout.caseLabel === 'none') return layout.caseScheme === 'serial' ? `Sagsnr. ${text}` : text;
  return `${layout.caseLabel} ${text}`;
}

function memberText(m: FictionalMember, withRole: boolean): string {
  return `${m.name} (${m.party})${withRole && m.role ? ` (${m.role})` : ''}`;
}

/** The header's member list and the roles a reader takes from it. */
function memberLines(layout: Layout, meeting: FictionalMeeting): { lines: string[]; members: ExpectedMember[] } {
  const absent = new Set(meeting.absentees);
  const plain = (m: FictionalMember, role?: string): ExpectedMember =>
    role ? { name: m.name, party: m.party, role } : { name: m.name, party: m.party };
  switch (layout.members) {
    case 'lines-paren':
      return {
        lines: ['Medlemmer:', ...meeting.members.map((m) => memberText(m, true))],
        members: meeting.members.map((m) => plain(m, m.role)),
      };
    case 'comma-paren':
      return {
        lines: [`Medlemmer: ${meeting.members.map((m) => memberText(m, true)).join(', ')}`],
        members: meeting.members.map((m) => plain(m, m.role)),
      };
    case 'lines-dash-role':
      return {
        lines: ['Deltagere:', ...meeting.members.map((m) => `${m.name} (${m.party})${m.role ? ` - ${m.role.toLowerCase()}` : ''}`)],
        members: meeting.members.map((m) => plain(m, m.role)),
      };
    case 'deltog':
      return {
        lines: [
          'Mødedeltagere:',
          ...meeting.members.filter((m) => !absent.has(m.name)).map((m) => `${memberText(m, true)} deltog`),
          ...meeting.members.filter((m) => absent.has(m.name)).map((m) => memberText(m, true)),
        ],
        members: [...meeting.members.filter((m) => !absent.has(m.name)), ...meeting.members.filter((m) => absent.has(m.name))].map((m) =>
          plain(m, m.role),
        ),
      };
    case 'role-first': {
      const role = (m: FictionalMember): string | undefined => (m.role === 'Næstformand' ? '1. næstformand' : m.role);
      return {
        lines: ['Medlemmer:', ...meeting.members.map((m) => `${role(m) ? `${role(m)} ` : ''}${m.name} (${m.party})`)],
        members: meeting.members.map((m) => plain(m, role(m))),
      };
    }
    case 'absent-after-name':
      return {
        lines: ['Medlemmer:', ...meeting.members.map((m) => `${memberText(m, true)}${absent.has(m.name) ? ' - afbud' : ''}`)],
        members: meeting.members.map((m) => plain(m, m.role)),
      };
  }
}

function absenceLine(label: string, names: readonly string[]): string {
  return `${label}: ${names.length === 0 ? 'Ingen' : names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`}`;
}

/** The table of contents' lines. */
function tocLines(layout: Layout, entries: ReadonlyArray<{ number: number; title: string }>): string[] {
  if (layout.toc === 'none' || entries.length === 0) return [];
  const pages = entries.map((_, k) => k + 2);
  const out = ['Indholdsfortegnelse', ''];
  entries.forEach((e, k) => {
    const p = pages[k];
    switch (layout.toc) {
      case 'dots':
        out.push(`${e.number}. ${e.title} ${'.'.repeat(20)} ${p}`);
        break;
      case 'tab':
        out.push(`${e.number}. ${e.title}\t${p}`);
        break;
      case 'pages-block':
        out.push(`${e.number}. ${e.title}`);
        break;
      case 'wrapped': {
        const [a, b] = wrap(e.title);
        if (b === undefined) out.push(`${e.number}. ${a} ${'.'.repeat(12)} ${p}`);
        else out.push(`${e.number}. ${a}`, `${b} ${'.'.repeat(12)} ${p}`);
        break;
      }
      case 'br':
        out.push(`${e.number}. ${e.title}<br />`);
        break;
    }
  });
  if (layout.toc === 'pages-block') out.push('', ...pages.map(String));
  out.push('');
  return out;
}

const WEB_TOP = [
  'Forside',
  'Politik og demokrati',
  'Dagsordener og referater',
  'Søg',
  '',
  'Vi bruger cookies for at forbedre din oplevelse af hjemmesiden.',
  'Accepter alle   Kun nødvendige',
  '',
  'Udskriv',
  'Fold alle ud',
  '',
];

/** Which item loses its heading: the last open case item that is not the first item. */
function lostIndex(layout: Layout, items: readonly FictionalItem[]): number {
  if (layout.lostHeading === 'no') return -1;
  for (let k = items.length - 1; k > 0; k--) if (!items[k].standing && !items[k].closed && items[k].decision !== null) return k;
  return -1;
}

const NUMERIC_TITLE = '2. behandling af lokalplan 14 for Nørreby';

/** Writes a fictional meeting in a layout, and says what a reader takes from the result. */
export function render(meeting: FictionalMeeting, layout: Layout): Rendered {
  const { committee, year, month, day } = meeting;
  const date = dateText(layout.dateForm, year, month, day);
  const iso = `${year}-${two(month)}-${two(day)}`;
  const decisionDate = `${two(day)}-${two(month)}-${year}`;
  const lost = lostIndex(layout, meeting.items);
  const firstCase = meeting.items.findIndex((i) => !i.standing && !i.closed);
  const items = meeting.items.map((i, k) =>
    layout.numericTitle === 'yes' && k === firstCase && k !== lost ? { ...i, title: NUMERIC_TITLE } : i,
  );

  const out: string[] = [];
  if (layout.furniture === 'web') out.push(...WEB_TOP);
  if (layout.datePlacement === 'title-line') out.push(`Referat - ${committee} - ${date}`, '');
  out.push('Kærby Kommune', '');
  switch (layout.committeePlacement) {
    case 'udvalg-label':
      out.push('REFERAT', '', `Udvalg: ${committee}`);
      break;
    case 'atx':
      out.push(`# ${committee}`);
      break;
    case 'referat-line':
      out.push('REFERAT', committee);
      break;
    case 'bold':
      out.push(`**${committee}**`);
      break;
  }
  out.push('');
  switch (layout.datePlacement) {
    case 'Mødedato:':
    case 'Dato:':
    case 'Tid:':
      out.push(`${layout.datePlacement} ${date}`, 'Sted: Rådhuset, mødelokale 2');
      break;
    case 'value-below':
      out.push('Mødedato', date, '', 'Mødested', 'Rådhuset, mødelokale 2');
      break;
    case 'sentence':
      out.push(`${committee}s møde den ${date}`, 'Sted: Rådhuset, mødelokale 2');
      break;
    case 'bare':
      out.push(date, 'Rådhuset, mødelokale 2');
      break;
    case 'labels-first':
      out.push('Udvalg', 'Mødedato', 'Mødested', committee, date, 'Rådhuset, mødelokale 2');
      break;
    case 'title-line':
      out.push('Sted: Rådhuset, mødelokale 2');
      break;
  }
  out.push('');
  const { lines: memberOut, members } = memberLines(layout, meeting);
  out.push(...memberOut, '');
  const absenceInHeader = layout.members !== 'absent-after-name' && layout.absence !== 'in-decisions';
  if (absenceInHeader) out.push(absenceLine(layout.absence === 'afbud' ? 'Afbud' : 'Fraværende', meeting.absentees), '');
  out.push(
    ...tocLines(
      layout,
      items.filter((_, k) => k !== lost),
    ),
  );

  const expectedItems: ExpectedItem[] = [];
  items.forEach((item, k) => {
    const caseNumber = item.caseSerial !== undefined ? caseNumberText(layout.caseScheme, year - (k % 2), item.caseSerial) : undefined;
    const caseLines = caseNumber
      ? [caseLine(layout, caseNumber), ...(layout.documentNumber === 'yes' ? [`Dok.nr.: 330-${year}-${500000 + k}`] : [])]
      : [];
    const isLost = k === lost;
    const hasDecision = item.decision !== null && !(item.closed && layout.closedBody === 'empty');
    let caseNumbers = caseNumber ? [caseNumber] : [];
    if (isLost) {
      if (layout.lostHeading === 'at-open-mark') out.push('Åben sag', ...caseLines, '');
      else if (layout.lostHeading === 'at-case-number') out.push(...caseLines, '');
      else caseNumbers = [];
    } else {
      const heading = headingLines(layout, item.number, item.title);
      const mark = layout.openMark === 'yes' ? [item.closed ? 'Lukket sag' : 'Åben sag'] : [];
      if (layout.casePlacement === 'before') out.push(...caseLines, ...heading, ...mark, '');
      else out.push(...heading, ...mark, ...caseLines, '');
    }
    expectedItems.push({ number: isLost ? null : item.number, title: isLost ? null : item.title, caseNumbers, decision: hasDecision });

    if (item.closed) {
      if (hasDecision) out.push(item.decision!, '');
      if (layout.furniture === 'web') out.push('Til toppen', '');
      return;
    }
    const decisionHead =
      layout.decisionHeading === 'Beslutning i udvalg den dato'
        ? `Beslutning i ${committee} den ${decisionDate}`
        : layout.decisionHeading === 'Beslutning i udvalg den :'
          ? `Beslutning i ${committee} den :`
          : layout.decisionHeading;
    const decision: string[] = [];
    if (item.decision !== null) {
      decision.push(sectionHeading(layout.sectionMarkup, decisionHead), item.decision);
      if (layout.absence === 'in-decisions' && layout.members !== 'absent-after-name' && meeting.absentees.length > 0)
        decision.push(absenceLine('Afbud', meeting.absentees));
      decision.push('');
    }
    const body: string[] = [];
    if (!item.standing) {
      body.push(
        sectionHeading(layout.sectionMarkup, 'Sagsfremstilling'),
        'Forvaltningen har udarbejdet et forslag, som udvalget skal tage stilling til.',
      );
      if (layout.quotedDate === 'yes')
        body.push(`Byrådet behandlede sagen den 12. marts ${year - 3}, og høringsfristen er den 1. juni ${year + 1}.`);
      if (layout.bodyList === 'yes') body.push('Forslaget har tre dele:', '1. Skoleveje', '2. Cykelstier', '3. Belysning');
      if (layout.furniture === 'web') body.push('Størrelse: 1024px', 'Transkript');
      body.push('', sectionHeading(layout.sectionMarkup, 'Indstilling'), 'Forvaltningen indstiller, at forslaget godkendes.', '');
    }
    if (isLost && layout.lostHeading === 'at-decision') out.push(...decision, ...body);
    else if (layout.decisionPosition === 'first') out.push(...decision, ...body);
    else out.push(...body, ...decision);
    if (layout.furniture === 'web') out.push('Til toppen', '');
  });

  const lines = layout.furniture === 'pdf' ? paginate(out, `${committee} - referat - ${decisionDate}`) : out;
  const text = lines.join(layout.lineEnding === 'crlf' ? '\r\n' : '\n') + (layout.lineEnding === 'crlf' ? '\r\n' : '\n');
  const absentees = [...meeting.absentees];
  return { text, expected: { committee, date: iso, members, absentees, items: expectedItems } };
}

/** PDF text: a page number, a form feed and the running header at a blank line every 25 lines or so. */
function paginate(lines: readonly string[], runningHeader: string): string[] {
  const out: string[] = [];
  let page = 1;
  let since = 0;
  for (const l of lines) {
    out.push(l);
    since++;
    if (since >= 25 && l === '') {
      out.push(`Side ${page}`, `\f${runningHeader}`, '');
      page++;
      since = 0;
    }
  }
  out.push(`Side ${page}`);
  return out;
}
