// Reads and validates every questionnaire data file once; a bad file stops the start with file, field and reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeZodError } from '../../src/validation.js';
import { QUESTIONNAIRE_IDS, QuestionnaireSchema, type Questionnaire, type QuestionnaireId } from './schema.js';

/** Works from dialogs/questionnaire (tsx) and from dist/dialogs/questionnaire (built, data copied next to it or at the root). */
function findDataDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '..', 'questionnaires'), path.resolve(here, '..', '..', '..', 'dialogs', 'questionnaires')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`questionnaire data directory not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Parses one file; the error message names the file, the field path and why. */
export function loadQuestionnaireFile(file: string): Questionnaire {
  const name = `dialogs/questionnaires/${path.basename(file)}`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const result = QuestionnaireSchema.safeParse(raw);
  if (!result.success) throw new Error(`${name}: ${describeZodError(result.error)}`);
  if (`${result.data.id}.json` !== path.basename(file)) throw new Error(`${name}: id: "${result.data.id}" does not match the file name`);
  return result.data;
}

/** Loads a whole directory; every id of QUESTIONNAIRE_IDS must have its file. */
export function loadQuestionnaireDir(dir: string): Map<QuestionnaireId, Questionnaire> {
  const out = new Map<QuestionnaireId, Questionnaire>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const q = loadQuestionnaireFile(path.join(dir, file));
    out.set(q.id, q);
  }
  const missing = QUESTIONNAIRE_IDS.filter((id) => !out.has(id));
  if (missing.length) throw new Error(`dialogs/questionnaires: missing ${missing.map((id) => `${id}.json`).join(', ')}`);
  return out;
}

let cache: Map<QuestionnaireId, Questionnaire> | undefined;

/** All questionnaires, validated on first use and then kept. */
export function allQuestionnaires(): Map<QuestionnaireId, Questionnaire> {
  cache ??= loadQuestionnaireDir(findDataDir());
  return cache;
}

export function getQuestionnaire(id: QuestionnaireId): Questionnaire {
  const q = allQuestionnaires().get(id);
  if (!q) throw new Error(`unknown questionnaire ${id}`);
  return q;
}
