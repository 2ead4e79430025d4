import type { ReferatModel } from '../../server/src/core/model';

/** The reviewable part of a model: what a person checks against the document, without every range. */
export interface ModelSummary {
  meeting: { committee?: string; date?: string; place?: string; members: string[]; absentees: string[] };
  toc: Array<{ number?: number; title: string; page?: number }>;
  items: Array<{
    number: number | null;
    title: string;
    line: number;
    closed: boolean;
    caseNumbers: string[];
    sections: string[];
    decision: null | { line: number; date: string | null; absentees: string[]; body: string };
    tables: Array<{ line: number; rows: number; totals: number[] }>;
  }>;
}

export function summarize(model: ReferatModel): ModelSummary {
  return {
    meeting: {
      committee: model.meeting.committee?.text,
      date: model.meeting.date,
      place: model.meeting.place?.text,
      members: model.meeting.members.map((m) => m.name + (m.party ? ` (${m.party})` : '') + (m.role ? ` (${m.role})` : '')),
      absentees: model.meeting.absentees.map((a) => a.name),
    },
    toc: model.toc.map((e) => ({ number: e.number, title: e.title, page: e.page })),
    items: model.items.map((i) => ({
      number: i.number,
      title: i.title,
      line: i.line,
      closed: i.closed,
      caseNumbers: i.caseNumbers.map((c) => `${c.text} (${c.kind})`),
      sections: i.sections.map((s) => `${s.line}: ${s.kind} "${s.title}"`),
      decision: i.decision && {
        line: i.decision.line,
        date: i.decision.date ?? null,
        absentees: i.decision.absentees.map((a) => a.name),
        body: i.decision.body.length > 80 ? i.decision.body.slice(0, 77) + '...' : i.decision.body,
      },
      tables: i.tables.map((t) => ({ line: t.line, rows: t.rows.length, totals: t.rows.filter((r) => r.isTotal).map((r) => r.line) })),
    })),
  };
}
