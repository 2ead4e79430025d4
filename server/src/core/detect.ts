const LOOKS_LIKE_TITLE = /\bREFERAT\b|\bBeslutningsprotokol\b/;
const LOOKS_LIKE_LINE = /^\s*(?:#+\s*)?(?:\*\*)?(?:Mødedato|Mødedeltagere|Punkt\s+\d+\s*:)/im;

/** A .md or .txt file is taken as a referat when its first lines say so (the CLI, the server and the client ask). */
export function looksLikeReferat(head: string): boolean {
  return LOOKS_LIKE_TITLE.test(head) || LOOKS_LIKE_LINE.test(head);
}
