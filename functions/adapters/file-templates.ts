import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { ENV, type Environment, optionalEnv } from '#commons/config.ts';
import { ActionPlanSchema } from '#core/action-plan.ts';
import {
  CouncilSchema,
  type CouncilSettings,
  CouncilSettingsSchema,
  isCouncilId,
  withSettings,
} from '#core/council.ts';
import type { CouncilData, CouncilDataSource, TemplateFiles } from '#core/ports.ts';
import { fontFaceCss, PRINT_FONTS, type PrintFont, RUNNING_FONTS } from '#core/print-fonts.ts';
import { ProviderRegisterSchema } from '#core/provider-register.ts';
import { RequestLogSchema, requestLogProblems } from '#core/request-log.ts';
import { ReturnDefinitionSchema } from '#core/return-definition.ts';

/**
 * Where a print font is: FONTS_DIR in a Lambda bundle (which copies the files there), otherwise
 * the npm package that ships it.
 */
function fontPath(font: PrintFont): string {
  const dir = optionalEnv(ENV.fontsDir);
  if (dir) return join(dir, font.file);
  return createRequire(import.meta.url).resolve(`${font.fontPackage}/files/${font.file}`);
}

/** The repository's templates/ folder; a Lambda bundle sets TEMPLATES_DIR to its own copy. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Councils whose data a process keeps parsed: a deployment serving the whole country stays within its memory. */
const COUNCILS_KEPT = 32;

/**
 * Templates read from disk once per process; council data read once and kept for the councils
 * used most recently. Council data is validated against its schema on load, so a mistake in a
 * council's JSON names the file and the field.
 */
export class FileTemplates implements CouncilDataSource, TemplateFiles {
  private readonly files = new Map<string, Promise<string>>();
  private readonly councils = new Map<string, Promise<CouncilData>>();
  private readonly fonts = new Map<string, Promise<string>>();

  constructor(
    private readonly dir: string = DEFAULT_TEMPLATES_DIR,
    private readonly settings?: CouncilSettings,
  ) {}

  /** As a stage runs it: TEMPLATES_DIR (a Lambda bundle's copy) and the deployment's COUNCIL_SETTINGS. */
  static fromEnvironment(env: Environment = process.env): FileTemplates {
    const settings = optionalEnv(ENV.councilSettings, env);
    const parsed = settings === undefined ? undefined : CouncilSettingsSchema.safeParse(JSON.parse(settings));
    if (parsed && !parsed.success)
      throw new Error(`${ENV.councilSettings} is not valid:\n${z.prettifyError(parsed.error)}`);
    return new FileTemplates(optionalEnv(ENV.templatesDir, env), parsed?.data);
  }

  read(path: string): Promise<string> {
    const full = this.inside(path);
    let file = this.files.get(full);
    if (!file) {
      file = readFile(full, 'utf8');
      this.files.set(full, file);
    }
    return file;
  }

  private inside(path: string): string {
    const full = resolve(this.dir, path);
    if (!full.startsWith(resolve(this.dir))) throw new Error(`Template path ${path} is outside the templates folder`);
    return full;
  }

  /** The print fonts as `@font-face` rules, for the page or its running header and footer; read once. */
  fontCss(set: 'page' | 'running' = 'page'): Promise<string> {
    let css = this.fonts.get(set);
    if (!css) {
      const fonts = set === 'page' ? PRINT_FONTS : RUNNING_FONTS;
      css = Promise.all(
        fonts.map(async (font) => ({ font, woff2: new Uint8Array(await readFile(fontPath(font))) })),
      ).then(fontFaceCss);
      this.fonts.set(set, css);
    }
    return css;
  }

  load(councilId: string): Promise<CouncilData> {
    let data = this.councils.get(councilId);
    // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
    this.councils.delete(councilId);
    if (!data) {
      const loading = this.loadCouncil(councilId);
      loading.catch(() => this.councils.get(councilId) === loading && this.councils.delete(councilId));
      data = loading;
    }
    this.councils.set(councilId, data);
    if (this.councils.size > COUNCILS_KEPT) this.councils.delete(this.councils.keys().next().value as string);
    return data;
  }

  private async loadCouncil(councilId: string): Promise<CouncilData> {
    if (!isCouncilId(councilId)) throw new Error(`"${councilId}" is not a council id`);
    const folder = join('councils', councilId);
    const council = withSettings(await this.parse(join(folder, 'council.json'), CouncilSchema), this.settings);
    const [register, definition, actionPlan, requestLog] = await Promise.all([
      this.parse(join(folder, council.providerRegister), ProviderRegisterSchema),
      this.parse(join(folder, council.returnDefinition), ReturnDefinitionSchema),
      this.parse(join(folder, council.actionPlan), ActionPlanSchema),
      council.requestLog ? this.parse(join(folder, council.requestLog), RequestLogSchema) : undefined,
    ]);
    // The log names the plan's actions by ref: one that is not in the plan is a mistake in the log.
    const problems = requestLog ? requestLogProblems(requestLog, actionPlan) : [];
    if (problems.length)
      throw new Error(`templates/${join(folder, council.requestLog as string)} is not valid:\n${problems.join('\n')}`);
    return { council, register, definition, actionPlan, requestLog };
  }

  private async parse<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    // Read afresh, not kept as text: the parsed data is what is kept.
    const result = schema.safeParse(JSON.parse(await readFile(this.inside(path), 'utf8')));
    if (!result.success) throw new Error(`templates/${path} is not valid:\n${z.prettifyError(result.error)}`);
    return result.data;
  }
}
