import * as z from 'zod';
import { createDocumentClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { ENV, requiredEnv } from '#commons/config.ts';
import { InProcessReturnWorkbooks } from './return-workbooks.ts';

const workbooks = new InProcessReturnWorkbooks(
  FileTemplates.fromEnvironment(),
  new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
);

const TemplateRequestSchema = z.strictObject({
  council: z.string().regex(/^[a-z0-9-]{3,40}$/),
  provider: z.string().regex(/^[a-z0-9-]{3,80}$/),
  quarter: z.string().regex(/^\d{4}-\d{2}-Q[1-4]$/),
});

/** The portal's request `{ council, provider, quarter }` → that provider's pre-filled workbook, base64. */
export async function handler(event: unknown): Promise<{ workbook: string }> {
  const request = TemplateRequestSchema.parse(event);
  const bytes = await workbooks.workbook(request.council, request.provider, request.quarter);
  return { workbook: Buffer.from(bytes).toString('base64') };
}
